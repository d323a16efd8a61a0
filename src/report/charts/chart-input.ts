/**
 * What every chart spec receives and returns. A spec is a pure function from one replication's
 * result (and the scenario that produced it) to a chart.js configuration, or null when the data
 * it needs is absent, so a missing column skips a chart instead of failing the report.
 */
import { Chart, type ChartConfiguration, type ChartDataset, type LegendItem } from "chart.js";
import type { RunResult } from "../../model/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

export interface ChartInput {
  readonly scenario: ResolvedScenario;
  /** The replication whose series are drawn. */
  readonly result: RunResult;
  /** Its position among the run's replications, from 1 (RunResult's own numbering is the model's). */
  readonly replication: number;
  /** How many replications the run had; the title says "replication k of N" when N > 1. */
  readonly replications: number;
}

/**
 * A data point. chart.js's own Point allows null coordinates; ours never has them (a gap is a
 * NaN y), so tests and callers can do arithmetic on the data without null checks.
 */
export interface XY {
  x: number;
  y: number;
}

/** Every chart is a line chart over {x, y} points (areas are filled lines). */
export type LineChartConfig = ChartConfiguration<"line", XY[]>;

export type ChartSpec = (input: ChartInput) => LineChartConfig | null;

const SUBTITLE_CHARS = 140;

/**
 * The title block: the question the chart answers, then a subtitle naming the scenario and the
 * replication so a PNG lifted out of its report still says where it came from.
 */
export function titleBlock(input: ChartInput, title: string, note?: string) {
  const origin =
    input.replications > 1
      ? `${input.scenario.name}, replication ${input.replication} of ${input.replications}`
      : input.scenario.name;
  // A run stopped by a guard must not pass for a finished one, even as a lone PNG.
  const partial = input.result.complete === false ? " · PARTIAL RUN (stopped early)" : "";
  const oneLine = `${note ? `${origin} · ${note}` : origin}${partial}`;
  // Past ~140 characters a 13 px line no longer fits 1200 px: the note gets its own line.
  const subtitle = note && oneLine.length > SUBTITLE_CHARS ? [`${origin}${partial}`, note] : oneLine;
  return {
    title: { display: true, text: title, font: { size: 20, weight: "bold" as const }, padding: { top: 4 } },
    subtitle: { display: true, text: subtitle, font: { size: 13 }, padding: { bottom: 8 } },
  };
}

/**
 * Legend samples drawn like the data. With point styles chart.js styles a sample from the
 * dataset's point (thin, never dashed), so an SLO's dashed line would show as solid: take dash
 * and width from the dataset's line instead.
 */
function legendLabels(chart: Chart): LegendItem[] {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const dataset = chart.data.datasets[item.datasetIndex ?? 0] as ChartDataset<"line">;
    const dash = dataset.borderDash;
    return {
      ...item,
      lineDash: Array.isArray(dash) ? dash.map(Number) : [],
      lineWidth: Number(dataset.borderWidth ?? 2),
    };
  });
}

/** The legend sits above the plot, where it can never cover data. */
export const LEGEND = {
  display: true,
  position: "top" as const,
  // Samples in each dataset's pointStyle: a (dashed) line for lines, a swatch for areas.
  labels: {
    font: { size: 13 },
    usePointStyle: true,
    pointStyleWidth: 32,
    boxHeight: 10,
    padding: 14,
    generateLabels: legendLabels,
  },
};

/** An axis title with its unit, e.g. `axisTitle("login latency [s]")`. */
export function axisTitle(text: string) {
  return { display: true, text, font: { size: 14 } };
}
