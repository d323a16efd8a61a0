/**
 * The one-page capacity report as blocks: the scenario in a paragraph, SLO verdicts first, then
 * the tables a planner reads (latency by user base and by step, datacenter load and headroom,
 * tokens, failures, failover, sessions), each followed by its chart, and with replications the
 * headline metrics across them. Pure: results in, blocks out.
 */

import type { QuantityKind } from "../engine/stats/quantity-rounding.ts";
import type { RunResult } from "../model/index.ts";
import type { JudgedRun } from "../study/index.ts";
import {
  formatCount,
  formatLatency,
  formatNumber,
  formatPercent,
  formatSloValue,
  MISSING,
} from "./format.ts";
import { headlineMetrics } from "./headline-metrics.ts";
import { identityMixTable } from "./identity-mix.ts";
import { aggregateReplications } from "./replication-aggregate.ts";
import { type Block, type Cell, CHART_FILES } from "./report-blocks.ts";
import {
  backEndTable,
  bottleneckTable,
  datacenterLoginTable,
  datacenterTable,
  failoverTable,
  failureNote,
  failureTable,
  loginLatencyTable,
  loginStepsTable,
  renewalTable,
  sessionTable,
  tokenTable,
} from "./report-tables.ts";
import { describeScenario } from "./scenario-paragraph.ts";

export interface ReportOptions {
  /**
   * Chart files that exist; a chart not in the set is left out. Without it every chart the run
   * calls for is placed (the failover chart only when there was a failover).
   */
  readonly chartFiles?: ReadonlySet<string> | null;
  /** Footer facts; left out when absent so the report stays deterministic. */
  readonly version?: string;
  readonly scenarioHash?: string;
}

const sloTable = ({ slos, results }: JudgedRun): Block[] => {
  if (slos.verdicts.length === 0) return [{ kind: "paragraph", text: "The scenario sets no SLOs." }];
  const many = results.length > 1;
  const rows = slos.verdicts.map((v): Cell[] => {
    const row: Cell[] = [
      { text: v.pass ? "PASS" : "FAIL", tone: v.pass ? "pass" : "fail" },
      v.text,
      formatSloValue(v.kind, v.value),
      `${v.op ?? "?"} ${formatSloValue(v.kind, v.threshold)}`,
    ];
    if (v.replications) {
      const { low, high, passed, n } = v.replications;
      row.push(
        low === null || high === null
          ? MISSING
          : `${formatSloValue(v.kind, low)} – ${formatSloValue(v.kind, high)}`,
      );
      row.push(`${passed} of ${results.length}${n < results.length ? ` (${n} measured)` : ""}`);
    }
    return row;
  });
  const header = ["Verdict", "Objective", many ? "Measured (mean)" : "Measured", "Threshold"];
  if (many) header.push("95% interval", "Replications passing");
  const failed = slos.verdicts.filter((v) => !v.pass).length;
  const count = slos.verdicts.length;
  const headline = failed === 0 ? `All ${count} SLOs pass` : `${failed} of ${count} SLOs fail`;
  return [
    { kind: "paragraph", text: `${headline} (judged on ${slos.judgedOn}).` },
    { kind: "table", header, align: header.map((_, i) => (i < 2 ? "left" : "right")), rows },
  ];
};

const byKind: Record<QuantityKind, (x: number | null) => string> = {
  latency: formatLatency,
  time: (x) => (x === null ? MISSING : `${formatNumber(x, 1)} s`),
  share: (x) => formatSloValue("share", x),
  utilisation: (x) => (x === null ? MISSING : `${formatPercent(x)}%`),
  rate: (x) => formatSloValue("rate", x),
  count: (x) => (x === null ? MISSING : formatNumber(x, Number.isInteger(x) ? 0 : 1)),
};

const replicationTable = (results: readonly RunResult[]): Block[] => {
  const stats = aggregateReplications(results);
  const rows = headlineMetrics(results[0]).map((m): Cell[] => {
    const s = stats.metrics[m.name];
    const f = byKind[m.kind];
    const interval = s.low === null || s.high === null ? MISSING : `${f(s.low)} – ${f(s.high)}`;
    return [m.name, f(s.mean), interval, f(s.sd), formatCount(s.n)];
  });
  const header = ["Metric", "Mean", "95% interval", "Standard deviation", "Replications [count]"];
  return [
    { kind: "heading", level: 2, text: `Across ${results.length} replications` },
    {
      kind: "note",
      text: "Student-t interval for the mean of independent replications with derived seeds; units as shown.",
    },
    { kind: "table", header, align: header.map((_, i) => (i < 1 ? "left" : "right")), rows },
  ];
};

/** A warning when a guard stopped a replication before its end. */
const incompleteNote = (results: readonly RunResult[]): Block[] => {
  const partial = results.flatMap((r, i) => (r.complete === false ? [i + 1] : []));
  if (partial.length === 0) return [];
  return [
    {
      kind: "note",
      text: `Warning: replication ${partial.join(", ")} stopped before the end of simulated time; its figures are partial.`,
    },
  ];
};

type ChartPlacer = (file: string, alt: string) => Block[];

const autoscaled = (scenario: JudgedRun["scenario"]): boolean =>
  scenario.datacenters.some((d) => d.wfe.autoscaling !== null || d.backEnd.autoscaling !== null);

const hasFailures = (r: RunResult): boolean => Object.values(r.failures).some((n) => n > 0);

/** Where sign-ins went: the map (before and during an outage, when there was one) and the matrix. */
function routingBlocks({ results }: JudgedRun, chart: ChartPlacer): Block[] {
  const kinds = new Set(results[0].routing.windows.map((w) => w.kind));
  if (!kinds.has("measured")) return [];
  return [
    { kind: "heading", level: 2, text: "Where sign-ins were served" },
    ...chart(
      CHART_FILES.worldMap,
      "World map: user bases and datacenters, flows sized by logins and coloured by mean login latency without typing",
    ),
    ...(kinds.has("duringOutage")
      ? chart(
          CHART_FILES.worldMapOutage,
          "The same before and during the outage: where the down datacenter's users went",
        )
      : []),
    ...chart(
      CHART_FILES.routingMatrix,
      "Routing matrix: share of each user base's logins per datacenter, with RTT and mean login latency without typing",
    ),
    {
      kind: "note",
      text: "Measured period of replication 1; a flow is every login completed over that user base and datacenter pair.",
    },
  ];
}

/** The report's blocks for `results` (all replications of `scenario`; tables use replication 1). */
export function buildReport(run: JudgedRun, options: ReportOptions = {}): Block[] {
  const { scenario, results } = run;
  if (results.length === 0) throw new RangeError("buildReport needs at least one replication");
  const r = results[0];
  const chart: ChartPlacer = (file, alt) =>
    options.chartFiles && !options.chartFiles.has(file) ? [] : [{ kind: "chart", file, alt }];
  const h2 = (text: string): Block => ({ kind: "heading", level: 2, text });
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `authsim report: ${scenario.name}` },
    { kind: "paragraph", text: describeScenario(scenario, results.length) },
    ...incompleteNote(results),
    h2("SLO verdicts"),
    ...sloTable(run),
    h2("Where capacity runs out"),
    bottleneckTable(scenario, r),
    {
      kind: "note",
      text:
        "Every station, nearest its limit first: turning away at least 0.1% of its work, then by peak utilisation (busiest time bin). " +
        "Mean queue wait by Little's law; queueing share = wait × visits per login ÷ mean login latency without typing (a back end: wait ÷ mean API call latency). Replication 1.",
    },
    ...routingBlocks(run, chart),
    h2("Login latency by user base and datacenter"),
    loginLatencyTable(scenario, r),
    ...chart(CHART_FILES.loginLatencyOverTime, "Login latency p50, p95 and p99 over simulated time"),
    ...chart(
      CHART_FILES.loginSystemLatencyOverTime,
      "Login latency without typing (what the system is responsible for), p50, p95 and p99 over simulated time",
    ),
    ...chart(CHART_FILES.loginLatencyCdf, "Distribution of login latency per user base"),
    ...chart(CHART_FILES.loginSystemLatencyCdf, "Distribution of login latency without typing per user base"),
    datacenterLoginTable(scenario, r),
    h2("Login latency by step"),
    loginStepsTable(r),
    { kind: "note", text: "Step means add up to the login mean; percentiles of steps do not add up." },
    h2("Peak load and utilisation per datacenter"),
    datacenterTable(scenario, r),
    ...chart(CHART_FILES.wfeLoad, "WFE requests per second per datacenter"),
    ...chart(CHART_FILES.wfeUtilisation, "WFE utilisation per datacenter"),
    ...(autoscaled(scenario)
      ? chart(
          CHART_FILES.instancesOverTime,
          "Instances serving over time in each autoscaled cluster, with its utilisation: what autoscaling added and when it lagged",
        )
      : []),
    backEndTable(r),
    ...chart(CHART_FILES.backEndUtilisation, "Back-end utilisation per datacenter"),
    h2("Token issuance"),
    tokenTable(r),
    renewalTable(r),
    ...chart(CHART_FILES.tokenIssuance, "Tokens issued per second, interactive vs renewal"),
    ...chart(
      CHART_FILES.idpUtilisation,
      "Identity provider (login page, token endpoint per region) and global service utilisation",
    ),
    h2("Identity-provider requests by kind"),
    identityMixTable(r),
    {
      kind: "note",
      text: "Sign-ins count once each (their retries are not new requests); renewals count every request sent. Existing sessions: every request but first interactive sign-ins.",
    },
    h2("Failures by cause"),
    failureTable(r),
    { kind: "note", text: failureNote(r) },
    ...(hasFailures(r)
      ? chart(CHART_FILES.failuresOverTime, "Failed attempts per second over time, by cause")
      : []),
  ];
  if (r.failovers.length > 0) {
    blocks.push(
      h2("Failover"),
      failoverTable(scenario, r),
      {
        kind: "note",
        text: "Times from the fault; a datacenter counts as moved when that share of new logins reaches a healthy one.",
      },
      ...chart(CHART_FILES.failover, "Share of new logins per datacenter, fault window shaded"),
    );
  }
  blocks.push(
    h2("Active sessions"),
    sessionTable(scenario, r),
    ...chart(CHART_FILES.activeSessions, "Active sessions per user base over time"),
  );
  if (results.length > 1) blocks.push(...replicationTable(results));
  const footer = [
    options.version ? `authsim ${options.version}` : null,
    options.scenarioHash ? `scenario ${options.scenarioHash}` : null,
  ].filter((x) => x !== null);
  if (footer.length > 0) blocks.push({ kind: "note", text: footer.join(" · ") });
  return blocks;
}
