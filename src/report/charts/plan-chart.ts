/**
 * Plan charts: for each datacenter, every capacity objective's measured value (mean over the
 * replications, with its 95% interval as whiskers drawn as dashed lines) against the WFE
 * instances the search tried, with the objective's threshold; and the peak utilisation at the
 * recommendation next to today's size; and one chart of every cluster's peak utilisation today
 * and at the recommendation. Input is the search history, so nothing is re-run.
 */
import type { SloKind } from "../../scenario/index.ts";
import type { CapacityAnswer } from "../../study/index.ts";
import type { Plan } from "../plan-report.ts";
import { seriesColour } from "./palette.ts";
import { renderChart } from "./render-chart.ts";

type XY = { x: number; y: number | null };

/** How an objective's kind is drawn: base units times `scale`, in `unit`. */
const AXIS: Readonly<Record<SloKind, { scale: number; unit: string }>> = {
  latency: { scale: 1000, unit: "ms" },
  share: { scale: 100, unit: "%" },
  rate: { scale: 1, unit: "/s" },
  count: { scale: 1, unit: "count" },
};

/**
 * PNGs keyed by file name: `plan-utilisation.png`, and `plan-<cluster>.png` per searched cluster
 * (the searches with nothing lost).
 */
export async function renderPlanCharts(scenarioName: string, plan: Plan): Promise<Map<string, Uint8Array>> {
  const answers = [...plan.normal, ...plan.backEnds, ...plan.shared];
  const charts = new Map<string, Uint8Array>();
  if (answers.length > 0) charts.set("plan-utilisation.png", await utilisationChart(scenarioName, answers));
  for (const a of answers) {
    if (a.history.length === 0) continue;
    const texts = a.history[0].objectives.map((o) => o.text);
    const datasets = texts.flatMap((text, k) => {
      const colour = seriesColour(k);
      const { scale } = AXIS[a.history[0].objectives[k].kind];
      const at = (f: (o: (typeof a.history)[number]["objectives"][number]) => number | null): XY[] =>
        a.history.map((p) => {
          const y = f(p.objectives.find((o) => o.text === text) ?? p.objectives[k]);
          return { x: p.instances, y: y === null ? null : y * scale };
        });
      const threshold = a.history[0].objectives[k].threshold * scale;
      const xs = a.history.map((p) => p.instances);
      return [
        {
          label: text,
          data: at((o) => o.value),
          borderColor: colour,
          backgroundColor: colour,
          pointRadius: 5,
          yAxisID: `y${k}`,
        },
        {
          label: `${text}: 95% CI`,
          data: at((o) => o.high),
          borderColor: `${colour}88`,
          borderDash: [6, 4],
          pointRadius: 0,
          borderWidth: 1,
          yAxisID: `y${k}`,
        },
        {
          label: `${text}: 95% CI (low)`,
          data: at((o) => o.low),
          borderColor: `${colour}88`,
          borderDash: [6, 4],
          pointRadius: 0,
          borderWidth: 1,
          yAxisID: `y${k}`,
        },
        {
          label: `${text}: threshold`,
          data: [
            { x: Math.min(...xs), y: threshold },
            { x: Math.max(...xs), y: threshold },
          ],
          borderColor: colour,
          borderDash: [2, 2],
          pointRadius: 0,
          borderWidth: 2,
          yAxisID: `y${k}`,
        },
      ];
    });
    const scales: Record<string, object> = {
      x: {
        type: "linear",
        title: {
          display: true,
          text:
            a.component === "wfe"
              ? "WFE instances"
              : a.component === "backEnd"
                ? "back-end instances"
                : `${a.component} instances`,
        },
        ticks: { precision: 0 },
      },
    };
    texts.forEach((text, k) => {
      scales[`y${k}`] = {
        type: "linear",
        position: k % 2 === 0 ? "left" : "right",
        title: { display: true, text: `${text} [${AXIS[a.history[0].objectives[k].kind].unit}]` },
        grid: { drawOnChartArea: k === 0 },
      };
    });
    const recommended = a.recommended === null ? "not reachable" : `${a.recommended} (today ${a.current})`;
    const png = await renderChart({
      type: "line",
      data: { datasets: datasets as never },
      options: {
        parsing: false,
        plugins: {
          title: {
            display: true,
            text: `${scenarioName}: ${a.datacenter} — objectives vs instances; recommended ${recommended}`,
          },
          subtitle: {
            display: true,
            text: `peak utilisation at the recommendation ${a.peakUtilisation === null ? "—" : `${(a.peakUtilisation * 100).toFixed(1)}%`}; confidence: ${a.confidence ?? "—"}; dashed: 95% interval over replications`,
          },
          legend: { labels: { filter: (item) => !item.text.endsWith("(low)") } },
        },
        scales: scales as never,
      },
    });
    const name =
      a.component === "wfe"
        ? a.datacenter
        : a.component === "backEnd"
          ? `${a.datacenter}-backEnd`
          : a.component;
    charts.set(`plan-${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.png`, png);
  }
  return charts;
}

/** Bars per cluster: peak (per-bin) utilisation at today's size and at the recommendation. */
async function utilisationChart(
  scenarioName: string,
  answers: readonly CapacityAnswer[],
): Promise<Uint8Array> {
  const labels = answers.map((a) => {
    const what = a.component === "backEnd" ? `${a.datacenter} back end` : a.datacenter;
    return a.recommended === null ? `${what} (not reachable)` : `${what}: ${a.current} -> ${a.recommended}`;
  });
  const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  return renderChart({
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: "today",
          data: answers.map((a) => percent(a.peakUtilisationToday)),
          backgroundColor: seriesColour(1),
        },
        {
          label: "at the recommendation",
          data: answers.map((a) => percent(a.peakUtilisation)),
          backgroundColor: seriesColour(0),
        },
      ],
    },
    options: {
      plugins: {
        title: {
          display: true,
          text: `${scenarioName}: peak utilisation, today and at the recommended instances`,
        },
        subtitle: {
          display: true,
          text: "peak = the busiest time bin's mean utilisation, the mean over the replications",
        },
      },
      scales: {
        y: { min: 0, max: 100, title: { display: true, text: "peak utilisation [%]" } },
      },
    },
  });
}
