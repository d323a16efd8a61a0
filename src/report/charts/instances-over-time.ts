/**
 * Chart: instances serving over time in every cluster an autoscaler manages, as steps (left
 * axis), with that cluster's utilisation dashed in the same colour (right axis): what autoscaling
 * added, and where utilisation ran ahead of it while new instances were still starting. Instances
 * are the cluster's servers ÷ its per-instance concurrency at the end of each bin (the time series
 * carries servers per bin already: wfe.<dc>.servers, backEnd.<dc>.servers). No autoscaler, no chart.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { axisTitle } from "./chart-input.ts";
import { SLO_COLOUR, seriesColour } from "./palette.ts";
import { horizontalLine, type LineDataset, sloLabel, slosMatching } from "./reference-lines.ts";
import { binMidpoints, column, finiteMax, timeSpan, toPoints } from "./series.ts";
import { formatTick, seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

interface Cluster {
  readonly label: string;
  readonly servers: string;
  readonly utilisation: string;
  readonly concurrency: number;
}

/** The autoscaled clusters of a scenario, WFEs first. */
function autoscaledClusters(input: ChartInput): Cluster[] {
  const { datacenters } = input.scenario;
  const of = (component: "wfe" | "backEnd", name: string) =>
    datacenters.flatMap((dc) =>
      dc[component].autoscaling
        ? [
            {
              label: `${dc.name} ${name}`,
              servers: `${component}.${dc.name}.servers`,
              utilisation: `${component}.${dc.name}.utilisation`,
              concurrency: dc[component].concurrency,
            },
          ]
        : [],
    );
  return [...of("wfe", "WFE"), ...of("backEnd", "back end")];
}

export function instancesOverTime(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  const clusters = autoscaledClusters(input);
  if (!x || clusters.length === 0) return null;
  const datasets: LineDataset[] = [];
  const counts: (readonly number[])[] = [];
  clusters.forEach((c, i) => {
    const servers = column(series, c.servers);
    if (!servers) return;
    const instances = servers.map((s) => s / c.concurrency);
    counts.push(instances);
    datasets.push({
      ...seriesDataset(`${c.label} instances`, toPoints(x, instances), seriesColour(i)),
      stepped: "middle",
    });
    const utilisation = column(series, c.utilisation);
    if (utilisation) {
      const line = seriesDataset(
        `${c.label} utilisation`,
        toPoints(x, utilisation, 100),
        seriesColour(i),
        false,
        [6, 4],
      );
      datasets.push({ ...line, borderWidth: 1.5, yAxisID: "y2" });
    }
  });
  if (datasets.length === 0) return null;
  // Utilisation objectives on the right axis, where the dashed lines are read.
  const isUtilisation = (m: string) => m.startsWith("wfe.utilisation") || m.startsWith("backEnd.utilisation");
  for (const slo of slosMatching(input.scenario, isUtilisation))
    datasets.push({
      ...horizontalLine(sloLabel(slo), slo.threshold * 100, timeSpan(series), SLO_COLOUR),
      yAxisID: "y2",
    });
  const config = timeSeriesChart(input, {
    title: "Instances over time where an autoscaler acts",
    note: "solid steps: instances serving (left axis); dashed: the cluster's utilisation (right axis)",
    datasets,
    yTitle: "instances serving [count]",
    yMin: 0,
    yMax: Math.ceil(finiteMax(counts) * 1.15) + 1,
    windows: timeWindows(input.scenario),
  });
  const scales = config.options?.scales ?? {};
  return {
    ...config,
    options: {
      ...config.options,
      scales: {
        ...scales,
        y2: {
          type: "linear",
          position: "right",
          min: 0,
          max: 100,
          grid: { drawOnChartArea: false },
          title: axisTitle("utilisation [%]"),
          ticks: { font: { size: 12 }, stepSize: 10, callback: (value) => `${formatTick(Number(value))}%` },
        },
      },
    },
  };
}
