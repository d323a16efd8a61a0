/**
 * The charts of report.html as data the page draws itself: each chart spec's chart.js
 * configuration (the same one the PNG is drawn from) reduced to JSON, with what JSON cannot carry
 * (tick-label functions, the time-window plugin) named instead, so the script in the page can put
 * it back: a clock axis, a unit after each tick, the shaded windows. NaN gaps become null, which
 * chart.js draws as gaps too. Pure: results in, data out.
 */

import { scenarioOfReplication } from "../../model/index.ts";
import type { JudgedRun } from "../../study/index.ts";
import type { ChartInput, LineChartConfig } from "../charts/chart-input.ts";
import { CHART_SPECS } from "../charts/index.ts";

/** One chart as the page receives it. */
export interface PageChart {
  /** The PNG this chart is also drawn as, for the link under it. */
  readonly file: string;
  /** The chart.js configuration without functions (JSON-safe). */
  readonly config: unknown;
  /** x is simulated time: ticks on round clock times, labelled "Wed 09:00" from this week second. */
  readonly clock: { readonly startWeekSecond: number } | null;
  /** Text after each tick label, per y axis id ("%" or ""), as the PNG prints it. */
  readonly tickUnits: Readonly<Record<string, string>>;
  /** Text after a value in a tooltip, per y axis id: the tick's, else the axis title's unit (" s"). */
  readonly units: Readonly<Record<string, string>>;
}

type Scale = {
  afterBuildTicks?: unknown;
  title?: { text?: unknown };
  ticks?: { callback?: (v: number, i: number, t: unknown[]) => unknown };
};

/** The unit in an axis title's brackets, "login latency [s]" -> " s"; "%" stays unspaced, a count has none. */
function titleUnit(scale: Scale | undefined): string {
  const unit = /\[([^\]]+)\]/.exec(String(scale?.title?.text ?? ""))?.[1] ?? "";
  // A count needs no unit after it; "%" goes straight after the number.
  if (unit === "" || unit === "count") return "";
  return unit === "%" ? unit : ` ${unit}`;
}

/** What a tick callback appends to a number: call it on one and keep what follows the digits. */
function unitOf(scale: Scale | undefined): string {
  const callback = scale?.ticks?.callback;
  if (typeof callback !== "function") return "";
  const text = String(callback(50, 0, []));
  return text.startsWith("50") ? text.slice(2) : "";
}

/** Points a line keeps in the page; past it, each run of points keeps its lowest and highest. */
export const MAX_PAGE_POINTS = 2000;

type Point = { x: number; y: number | null };

/**
 * A long series thinned for the page: in each of MAX_PAGE_POINTS / 2 runs of neighbouring points
 * the lowest and the highest stay (in x order), so a peak survives the thinning. y kept to 5
 * significant digits: the page shows 4.
 */
export function thinned(points: readonly Point[]): Point[] {
  const round = (p: Point): Point => ({
    x: p.x,
    y: p.y === null || !Number.isFinite(p.y) ? null : Number(p.y.toPrecision(5)),
  });
  if (points.length <= MAX_PAGE_POINTS) return points.map(round);
  const runs = MAX_PAGE_POINTS / 2;
  const out: Point[] = [];
  for (let k = 0; k < runs; k++) {
    const from = Math.floor((k * points.length) / runs);
    const to = Math.floor(((k + 1) * points.length) / runs);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const y = points[i].y;
      if (y === null || !Number.isFinite(y)) continue;
      if (lo < 0 || y < (points[lo].y as number)) lo = i;
      if (hi < 0 || y > (points[hi].y as number)) hi = i;
    }
    if (lo < 0) out.push({ x: points[from].x, y: null });
    else for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) out.push(round(points[i]));
  }
  return out;
}

/** The page's form of one chart configuration. */
export function toPageChart(file: string, config: LineChartConfig, startWeekSecond: number): PageChart {
  const scales = (config.options?.scales ?? {}) as Record<string, Scale>;
  const tickUnits: Record<string, string> = {};
  const units: Record<string, string> = {};
  for (const [id, scale] of Object.entries(scales)) {
    if (id === "x") continue;
    tickUnits[id] = unitOf(scale);
    units[id] = tickUnits[id] || titleUnit(scale);
  }
  // Only the clock axis (charts/time-axis.ts) places its own ticks.
  const clock = typeof scales.x?.afterBuildTicks === "function" ? { startWeekSecond } : null;
  const { plugins: _drawnByThePage, ...rest } = config;
  const json = JSON.parse(JSON.stringify(rest)) as { data: { datasets: { data: Point[] }[] } };
  for (const d of json.data.datasets) d.data = thinned(d.data);
  return { file, config: json, clock, tickUnits, units };
}

/** Every chart the run calls for (the files in `files`, all when null), in report order. */
export function pageCharts(run: JudgedRun, files: ReadonlySet<string> | null): Map<string, PageChart> {
  const charts = new Map<string, PageChart>();
  if (run.results.length === 0) return charts;
  const input: ChartInput = {
    // Fault times drawn per replication are shown as replication 1 drew them (its charts).
    scenario: scenarioOfReplication(run.scenario, run.results[0].replication),
    result: run.results[0],
    replication: 1,
    replications: run.results.length,
  };
  for (const [file, spec] of CHART_SPECS) {
    if (files && !files.has(file)) continue;
    const config = spec(input);
    if (config) charts.set(file, toPageChart(file, config, input.result.series.startWeekSecond));
  }
  return charts;
}
