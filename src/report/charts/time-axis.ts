/**
 * The x axis of every time-series chart: a plain linear axis in seconds of simulated time whose
 * ticks sit on round UTC clock times and read "Wed 09:00". A linear axis with our own labels
 * avoids chart.js's time scale, which needs a date-adapter library, and keeps the simulated
 * clock (seconds since an arbitrary start) free of real calendar dates.
 */
import type { Scale } from "chart.js";
import type { TimeSeriesTable } from "../../model/index.ts";
import { axisTitle } from "./chart-input.ts";
import { timeSpan } from "./series.ts";

const WEEK = 604_800;
const DAY = 86_400;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/** Tick spacings a reader finds natural [s]; the first giving at most MAX_TICKS ticks is used. */
const STEPS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, DAY];
const MAX_TICKS = 12;

const pad = (n: number) => String(n).padStart(2, "0");

/** "Wed 09:00" (or "Wed 09:00:30" with `seconds`) for a time given as seconds since Monday 00:00 UTC. */
export function formatWeekTime(weekSecond: number, seconds = false): string {
  const s = ((Math.round(weekSecond) % WEEK) + WEEK) % WEEK;
  const day = Math.floor(s / DAY);
  const hh = Math.floor((s % DAY) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const clock = `${pad(hh)}:${pad(mm)}`;
  return `${WEEKDAYS[day]} ${seconds ? `${clock}:${pad(s % 60)}` : clock}`;
}

/** The tick spacing for a span of simulated time [s]. */
export function tickStep(span: number): number {
  const step = STEPS.find((s) => span / s <= MAX_TICKS);
  return step ?? DAY * Math.ceil(span / DAY / MAX_TICKS);
}

/**
 * Tick positions [s of simulated time] in [min, max] falling on multiples of `step` in UTC
 * clock time, so a run starting at 09:07 still gets ticks at 09:10, 09:20, ...
 */
export function clockTicks(min: number, max: number, startWeekSecond: number, step: number): number[] {
  const first = Math.ceil((startWeekSecond + min) / step) * step - startWeekSecond;
  const ticks: number[] = [];
  for (let k = 0; first + k * step <= max + 1e-9; k++) ticks.push(first + k * step);
  return ticks;
}

/** Options of the shared x axis for a series table, over all of it or over `span` [s]. */
export function timeAxis(series: TimeSeriesTable, span?: { min: number; max: number }) {
  const { min, max } = span ?? timeSpan(series);
  const step = tickStep(max - min);
  const ticks = clockTicks(min, max, series.startWeekSecond, step);
  return {
    type: "linear" as const,
    min,
    max,
    title: axisTitle("simulated time (UTC)"),
    // Replace chart.js's evenly spaced numbers by the clock-aligned positions.
    afterBuildTicks: (axis: Scale) => {
      axis.ticks = ticks.map((value) => ({ value }));
    },
    ticks: {
      maxRotation: 0,
      autoSkipPadding: 16,
      font: { size: 12 },
      callback: (value: number | string) => formatWeekTime(series.startWeekSecond + Number(value), step < 60),
    },
  };
}
