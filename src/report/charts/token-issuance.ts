/**
 * Chart: tokens the identity provider issues per second, stacked: silent renewals underneath
 * (the steady base that follows active sessions) and interactive sign-ins on top (the part that
 * follows the morning peaks). The top edge is the identity provider's total token load.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import type { LineDataset } from "./reference-lines.ts";
import { binMidpoints, column, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

const KINDS = [
  { key: "tokens.renewal.rate", label: "renewal (silent)", colour: "#56B4E9" },
  { key: "tokens.signIn.rate", label: "sign-in (interactive, SSO, embedded)", colour: "#E69F00" },
] as const;

export function tokenIssuance(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  for (const kind of KINDS) {
    const rate = column(series, kind.key);
    if (rate) datasets.push(seriesDataset(kind.label, toPoints(x, rate), kind.colour, true));
  }
  if (datasets.length === 0) return null;
  return timeSeriesChart(input, {
    title: "Identity provider token issuance",
    note: `stacked: the top edge is all tokens issued; mean per ${series.binWidth} s bin`,
    datasets,
    yTitle: "tokens issued [tokens/s]",
    stacked: true,
    windows: timeWindows(input.scenario),
  });
}
