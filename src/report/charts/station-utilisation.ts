/**
 * Charts: utilisation over time of the stations behind the WFEs, where the bottleneck table often
 * points: each datacenter's back end (backend-load.png), and the identity provider's login page
 * and token endpoint per region with the global service (idp-load.png). Percent of servers busy,
 * mean per bin, with the 100% line; work turned away at a full station shows in failures by cause.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { CAPACITY_COLOUR, SLO_COLOUR, seriesColour, seriesDash } from "./palette.ts";
import { horizontalLine, type LineDataset, sloLabel, slosMatching } from "./reference-lines.ts";
import { binMidpoints, column, finiteMax, timeSpan, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

interface Line {
  readonly key: string;
  readonly label: string;
  readonly dash?: number[];
}

function utilisationChart(
  input: ChartInput,
  lines: readonly Line[],
  title: string,
  sloPrefix: string,
): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  const columns: (readonly number[])[] = [];
  lines.forEach((line, i) => {
    const values = column(series, line.key);
    if (!values) return;
    columns.push(values);
    datasets.push(
      seriesDataset(line.label, toPoints(x, values, 100), seriesColour(i), false, line.dash ?? seriesDash(i)),
    );
  });
  if (datasets.length === 0) return null;
  const span = timeSpan(series);
  const peak = finiteMax(columns) * 100;
  // A station far from its limit (an identity provider sized for the world runs at a few %) is
  // drawn on its own scale; the 100% line would flatten it to the axis.
  const zoomed = peak < 50;
  if (!zoomed) datasets.push(horizontalLine("capacity (100%)", 100, span, CAPACITY_COLOUR, [2, 0]));
  for (const slo of slosMatching(input.scenario, (m) => m.startsWith(sloPrefix))) {
    if (!zoomed || slo.threshold * 100 <= peak * 1.3)
      datasets.push(horizontalLine(sloLabel(slo), slo.threshold * 100, span, SLO_COLOUR));
  }
  const yMax = zoomed
    ? niceCeiling(Math.max(peak * 1.25, 0.1))
    : Math.max(110, Math.ceil(peak / 10) * 10 + 10);
  return timeSeriesChart(input, {
    title,
    note: `busy servers ÷ servers, mean per ${series.binWidth} s bin${zoomed ? `; peak ${peak.toPrecision(2)}%, far below the 100% capacity line (off the scale)` : ""}`,
    datasets,
    yTitle: "utilisation [%]",
    yMin: 0,
    yMax,
    yUnit: "%",
    yStep: zoomed ? undefined : 10,
    windows: timeWindows(input.scenario),
  });
}

export function backEndUtilisation(input: ChartInput): LineChartConfig | null {
  const lines = input.scenario.datacenters.map((dc) => ({
    key: `backEnd.${dc.name}.utilisation`,
    label: dc.name,
  }));
  return utilisationChart(input, lines, "Back-end utilisation per datacenter", "backEnd.utilisation");
}

export function identityUtilisation(input: ChartInput): LineChartConfig | null {
  const { scenario } = input;
  const regions = scenario.identityProvider.regionIndices.map((r) => scenario.geography.regions[r].name);
  const lines: Line[] = [
    ...regions.map((name) => ({ key: `idp.${name}.loginPage.utilisation`, label: `login page ${name}` })),
    ...regions.map((name) => ({
      key: `idp.${name}.tokenEndpoint.utilisation`,
      label: `token endpoint ${name}`,
      dash: [8, 4],
    })),
    { key: "globalService.utilisation", label: "global service", dash: [2, 3] },
  ];
  return utilisationChart(
    input,
    lines,
    "Identity provider and global service utilisation",
    "idp.utilisation",
  );
}

/** The smallest 1, 2 or 5 × 10^k at or above x (> 0). */
export function niceCeiling(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= x) ?? 10 * p;
}
