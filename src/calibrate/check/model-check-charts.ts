/**
 * `calibrate --check`'s charts, as chart.js configurations (the CLI draws them to PNG with the
 * report's renderer): per user base, session starts per hour observed and simulated over the
 * hours both cover (`check-starts-<user base>.png`), and the sign-in mix side by side
 * (`check-mix.png`). Pure data; no pixels here.
 */
import type { ChartConfiguration } from "chart.js";
import { SIGN_IN_KIND_NAMES } from "../sign-in-record.ts";
import type { ModelCheck } from "./model-check.ts";

const OBSERVED = "#1f77b4";
const MODEL = "#d62728";

const safe = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 100) || "user-base";

/** File name -> chart configuration. */
export function modelCheckCharts(check: ModelCheck): Map<string, ChartConfiguration> {
  const charts = new Map<string, ChartConfiguration>();
  for (const v of check.volumes) {
    charts.set(`check-starts-${safe(v.userBase)}.png`, {
      type: "line",
      data: {
        labels: [...v.hours],
        datasets: [
          { label: "observed (logs)", data: [...v.observed], borderColor: OBSERVED, pointRadius: 0 },
          {
            label: `model (${check.replications} replication${check.replications === 1 ? "" : "s"})`,
            data: [...v.model],
            borderColor: MODEL,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: `${v.userBase}: session starts per local hour` } },
        scales: {
          x: { title: { display: true, text: "local hour of the week" } },
          y: { beginAtZero: true, title: { display: true, text: "session starts per hour" } },
        },
      },
    });
  }
  charts.set("check-mix.png", {
    type: "bar",
    data: {
      labels: [...SIGN_IN_KIND_NAMES],
      datasets: [
        { label: "observed (logs)", data: check.mix.observed.map((x) => x * 100), backgroundColor: OBSERVED },
        { label: "model", data: check.mix.model.map((x) => x * 100), backgroundColor: MODEL },
      ],
    },
    options: {
      animation: false,
      plugins: { title: { display: true, text: "Sign-in mix: share of all sign-ins by kind" } },
      scales: { y: { beginAtZero: true, title: { display: true, text: "% of sign-ins" } } },
    },
  });
  return charts;
}
