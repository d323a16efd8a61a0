/**
 * `authsim failure-matrix` output: one row per (loss, hour) cell as failure-matrix.csv and .md,
 * and the two heatmaps a planner reads at a glance (loss down, UTC hour across): failover time
 * (seconds until 99% of new logins reach healthy datacenters) and the worst user base's share of
 * failed logins, each cell naming that user base. Pure: cells in, text and heatmap specs out.
 */
import type { FailureCell } from "../study/index.ts";
import { BLUES, type HeatmapSpec, ramp, YL_OR_RD } from "./charts/heatmap.ts";
import { formatPercent } from "./format.ts";

export interface FailureMatrixContext {
  readonly scenario: string;
  readonly losses: readonly string[];
  readonly hours: readonly number[];
  readonly replications: number;
  /** [s] */
  readonly lead: number;
  readonly fault: number;
  readonly tail: number;
}

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;
const value = (x: number | null, digits = 4) => (x === null ? "" : String(Number(x.toPrecision(digits))));

export function failureMatrixCsv(cells: readonly FailureCell[]): string {
  const header = [
    "loss",
    "hour_utc",
    "failover_to90_s",
    "failover_to99_s",
    "worst_user_base",
    "worst_login_failure_share",
    "worst_login_system_p95_s",
    "slos_failing",
    "slos_judged",
    "logins",
  ];
  const rows = cells.map((c) => [
    c.loss,
    hourLabel(c.hour),
    c.failoverApplies ? (c.failoverTo90 === null ? "never" : value(c.failoverTo90)) : "",
    c.failoverApplies ? (c.failoverTo99 === null ? "never" : value(c.failoverTo99)) : "",
    c.worstUserBase ?? "",
    value(c.worstFailureShare),
    value(c.worstLoginSystemP95),
    String(c.slosFailing),
    String(c.slosJudged),
    String(Math.round(c.logins)),
  ]);
  return `${[header, ...rows].map((r) => r.join(",")).join("\n")}\n`;
}

/** What the failover cell says: seconds, "never" within the run, or "–" where no failover applies. */
export function failoverText(c: FailureCell): string {
  if (!c.failoverApplies) return "–";
  return c.failoverTo99 === null ? "never" : `${Math.round(c.failoverTo99)} s`;
}

const impactText = (c: FailureCell) =>
  c.worstFailureShare === null
    ? "–"
    : `${formatPercent(c.worstFailureShare)}% ${c.worstUserBase ?? ""}`.trim();

export function failureMatrixMarkdown(ctx: FailureMatrixContext, cells: readonly FailureCell[]): string {
  const at = (loss: string, hour: number) => cells.find((c) => c.loss === loss && c.hour === hour);
  const table = (title: string, text: (c: FailureCell) => string) => [
    `## ${title}`,
    "",
    `| Loss | ${ctx.hours.map(hourLabel).join(" | ")} |`,
    `| --- | ${ctx.hours.map(() => "---:").join(" | ")} |`,
    ...ctx.losses.map(
      (loss) =>
        `| ${loss} | ${ctx.hours
          .map((h) => {
            const c = at(loss, h);
            return c ? text(c) : "";
          })
          .join(" | ")} |`,
    ),
    "",
  ];
  return [
    `# Failure matrix of ${ctx.scenario}`,
    "",
    `Each cell: the scenario with its own faults replaced by one loss starting at that hour (UTC) for ${ctx.fault / 60} min, ` +
      `after a ${ctx.lead / 60} min lead-in (warm-up, not measured) and measured through a ${ctx.tail / 60} min tail; ` +
      `${ctx.replications} replication(s), means shown. A datacenter lost is its WFE and back end down; an identity region lost answers every request with an error.`,
    "",
    "![Failover time by loss and hour](failure-matrix-failover.png)",
    "",
    "![Worst user base's failed logins by loss and hour](failure-matrix-impact.png)",
    "",
    ...table("Failover time [s] (99% of new logins at healthy datacenters)", failoverText),
    ...table("Worst user base: share of its logins failed [%]", impactText),
    ...table("SLOs failing [count]", (c) => `${c.slosFailing} of ${c.slosJudged}`),
  ].join("\n");
}

/** The heatmap of failover times: darker is slower; "never" darkest; identity losses grey. */
export function failoverHeatmap(ctx: FailureMatrixContext, cells: readonly FailureCell[]): HeatmapSpec {
  const times = cells.flatMap((c) => (c.failoverApplies && c.failoverTo99 !== null ? [c.failoverTo99] : []));
  const top = niceSeconds(Math.max(60, ...times));
  const at = (loss: string, hour: number) => cells.find((c) => c.loss === loss && c.hour === hour);
  const fill = (c: FailureCell | undefined) => {
    if (!c?.failoverApplies) return null;
    return c.failoverTo99 === null
      ? YL_OR_RD[YL_OR_RD.length - 1]
      : ramp(YL_OR_RD.slice(0, -1), c.failoverTo99 / top);
  };
  const steps = [0, 0.25, 0.5, 0.75, 1].map((t) => ({
    colour: ramp(YL_OR_RD.slice(0, -1), t),
    label: `${Math.round(t * top)} s`,
  }));
  return {
    title: "Failure matrix: failover time by what is lost and when",
    subtitle: `${ctx.scenario} · seconds from the loss until 99% (and 90%) of new logins reach healthy datacenters · ${ctx.fault / 60} min loss starting on the hour`,
    rowTitle: "lost",
    columnTitle: "hour the loss starts (UTC)",
    rows: ctx.losses,
    columns: ctx.hours.map(hourLabel),
    fills: ctx.losses.map((l) => ctx.hours.map((h) => fill(at(l, h)))),
    // With room (12 hours or fewer), the 90% time under the 99% one.
    text: ctx.losses.map((l) =>
      ctx.hours.map((h) => {
        const c = at(l, h);
        if (!c) return [""];
        const main = failoverText(c).replace(" s", "");
        if (ctx.hours.length > 12 || !c.failoverApplies) return [main];
        return [main, `90%: ${c.failoverTo90 === null ? "never" : Math.round(c.failoverTo90)}`];
      }),
    ),
    legendTitle: "Failover time [s]:",
    legend: [...steps, { colour: YL_OR_RD[YL_OR_RD.length - 1], label: "never (within the run)" }],
    footnote:
      "Grey: no failover applies (an identity region lost: sign-ins fail, nothing moves). A datacenter that served no one fails over at once (0 s).",
  };
}

/** The heatmap of the worst user base's failed share, the user base named in each cell. */
export function impactHeatmap(ctx: FailureMatrixContext, cells: readonly FailureCell[]): HeatmapSpec {
  const shares = cells.flatMap((c) => (c.worstFailureShare === null ? [] : [c.worstFailureShare]));
  const top = niceShare(Math.max(0.01, ...shares));
  const at = (loss: string, hour: number) => cells.find((c) => c.loss === loss && c.hour === hour);
  return {
    title: "Failure matrix: the user base hurt most, by what is lost and when",
    subtitle: `${ctx.scenario} · share of that user base's logins that failed over the loss and the ${ctx.tail / 60} min after it`,
    rowTitle: "lost",
    columnTitle: "hour the loss starts (UTC)",
    rows: ctx.losses,
    columns: ctx.hours.map(hourLabel),
    fills: ctx.losses.map((l) =>
      ctx.hours.map((h) => {
        const c = at(l, h);
        return c && c.worstFailureShare !== null ? ramp(BLUES, c.worstFailureShare / top) : null;
      }),
    ),
    text: ctx.losses.map((l) =>
      ctx.hours.map((h) => {
        const c = at(l, h);
        if (!c || c.worstFailureShare === null) return ["–"];
        // No login failed anywhere: no user base is hurt most.
        return [
          `${formatPercent(c.worstFailureShare)}%`,
          c.worstFailureShare > 0 ? (c.worstUserBase ?? "") : "none failed",
        ];
      }),
    ),
    legendTitle: "Logins failed, worst user base [%]:",
    legend: [0, 0.25, 0.5, 0.75, 1].map((t) => ({
      colour: ramp(BLUES, t),
      label: `${formatPercent(t * top)}%`,
    })),
    footnote:
      "Each cell: the user base with the highest share of failed logins in that run, and the share (mean over replications).",
  };
}

/** The colour scale's top: the next of 1, 2, 2.5 or 5 × 10^k at or above x. */
function nice(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= x - 1e-12) ?? 10 * p;
}
const niceSeconds = (s: number) => nice(s);
const niceShare = (f: number) => Math.min(1, nice(f));
