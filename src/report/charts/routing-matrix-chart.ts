/**
 * Chart: the routing matrix (routing-matrix.png), user bases down, datacenters across: each cell
 * the share of the user base's logins that datacenter served over the measured period, shaded
 * from white (none) to dark blue (all), with the round trip between the two regions (the
 * scenario's RTT table) and the mean login latency without typing of those logins under it.
 */
import { formatPercent } from "../format.ts";
import type { ChartInput } from "./chart-input.ts";
import { BLUES, type HeatmapSpec, ramp, renderHeatmap } from "./heatmap.ts";

const SHARE_STEPS = [0, 0.25, 0.5, 0.75, 1];

/** The heatmap of a run's measured routing, or null when no login completed. */
export function routingMatrixSpec(input: ChartInput): HeatmapSpec | null {
  const { scenario, result } = input;
  const window = result.routing.windows.find((w) => w.kind === "measured");
  if (!window) return null;
  const totals = window.logins.map((row) => row.reduce((a, b) => a + b, 0));
  if (totals.every((t) => t === 0)) return null;
  const { rtt } = scenario.geography;
  const fills = window.logins.map((row, u) =>
    row.map((n) => (totals[u] > 0 ? ramp(BLUES, n / totals[u]) : null)),
  );
  const text = window.logins.map((row, u) =>
    row.map((n, d) => {
      const ms = Math.round(
        rtt[scenario.userBases[u].regionIndex][scenario.datacenters[d].regionIndex] * 1000,
      );
      const mean = window.loginSystemMean[u][d];
      const share = totals[u] > 0 && n > 0 ? `${formatPercent(n / totals[u])}%` : "–";
      return [share, mean === null ? `${ms} ms` : `${ms} ms · ${mean.toFixed(2)} s`];
    }),
  );
  const origin = input.replications > 1 ? `, replication ${input.replication} of ${input.replications}` : "";
  return {
    title: "Routing matrix: which datacenter served each user base",
    subtitle: `${scenario.name}${origin} · share of each user base's logins over the measured period, with RTT and login latency without typing`,
    rowTitle: "user base",
    columnTitle: "datacenter (WFE that served the login)",
    rows: scenario.userBases.map((u) => u.name),
    columns: scenario.datacenters.map((d) => d.name),
    fills,
    text,
    legendTitle: "Share of the user base's logins [%]:",
    legend: SHARE_STEPS.map((s) => ({ colour: ramp(BLUES, s), label: `${Math.round(s * 100)}%` })),
    footnote:
      "Rows add up to 100%. Under each share: RTT between the user base's and the datacenter's regions (the scenario's table) [ms] · mean login latency without typing of those logins [s].",
  };
}

export async function renderRoutingMatrix(input: ChartInput): Promise<Uint8Array | null> {
  const spec = routingMatrixSpec(input);
  return spec ? renderHeatmap(spec) : null;
}
