/**
 * The growth-runway chart: one horizontal bar per objective (per datacenter and component), as
 * long as the growth in daily users it holds to; objectives that hold beyond the largest growth
 * tried are drawn to it in a second colour, those that fail today at zero.
 */
import type { RunwayItem } from "../../study/index.ts";
import { seriesColour } from "./palette.ts";
import { renderChart } from "./render-chart.ts";

export async function renderRunwayChart(
  scenarioName: string,
  items: readonly RunwayItem[],
  maxGrowth: number,
): Promise<Uint8Array> {
  const labels = items.map((i) =>
    i.datacenter === null ? i.objective : `${i.datacenter} ${i.component}: ${i.objective}`,
  );
  const percent = (g: number | null) => (g === null ? 0 : Math.round(g * 1000) / 10);
  return renderChart({
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: "holds to (first failure found above)",
          data: items.map((i) => (i.failsAt === null ? null : percent(i.holdsTo))),
          backgroundColor: seriesColour(0),
        },
        {
          label: `holds beyond the largest growth tried`,
          data: items.map((i) => (i.failsAt === null ? percent(i.holdsTo) : null)),
          backgroundColor: seriesColour(2),
        },
      ],
    },
    options: {
      indexAxis: "y",
      plugins: {
        title: { display: true, text: `${scenarioName}: growth in daily users each objective holds to` },
        subtitle: {
          display: true,
          text: "today's capacity; mean over replications judged against each threshold",
        },
      },
      scales: {
        x: {
          min: 0,
          max: Math.ceil(maxGrowth * 100),
          stacked: true,
          title: { display: true, text: "growth in daily users [%]" },
        },
        y: { stacked: true },
      },
    },
  });
}
