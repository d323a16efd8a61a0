/**
 * Reference lines (capacity, SLO thresholds) as ordinary two-point datasets rather than an
 * annotation plugin: they then get a legend entry naming them ("SLO login.p95 < 3s") for free
 * and scale with the axes like the data.
 */
import type { ChartDataset } from "chart.js";
import type { ResolvedScenario, ResolvedSlo } from "../../scenario/index.ts";
import type { XY } from "./chart-input.ts";

export type LineDataset = ChartDataset<"line", XY[]>;

function line(label: string, data: XY[], colour: string, dash: number[]): LineDataset {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: dash,
    pointRadius: 0,
    pointStyle: "line",
    fill: false,
  };
}

/** A dashed horizontal line at `y` across the x range. */
export function horizontalLine(
  label: string,
  y: number,
  span: { min: number; max: number },
  colour: string,
  dash = [10, 5],
): LineDataset {
  return line(
    label,
    [
      { x: span.min, y },
      { x: span.max, y },
    ],
    colour,
    dash,
  );
}

/** A dashed vertical line at `x` from `yMin` to `yMax`. */
export function verticalLine(
  label: string,
  x: number,
  yMin: number,
  yMax: number,
  colour: string,
): LineDataset {
  return line(
    label,
    [
      { x, y: yMin },
      { x, y: yMax },
    ],
    colour,
    [10, 5],
  );
}

/** The scenario's SLOs whose metric passes `test`, in the order written. */
export function slosMatching(scenario: ResolvedScenario, test: (metric: string) => boolean): ResolvedSlo[] {
  return scenario.slos.filter((slo) => test(slo.metric));
}

/** Legend text of an SLO line: the objective as the scenario wrote it. */
export function sloLabel(slo: ResolvedSlo): string {
  return `SLO ${slo.text}`;
}
