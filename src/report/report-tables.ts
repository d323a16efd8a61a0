/**
 * The report's tables, one function each, from one replication's RunResult. Every numeric header
 * carries its unit; latencies in milliseconds, utilisations and shares in percent.
 */
import { FAILURE_CAUSES, LOGIN_STEPS, type LoginStep, type RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { rankBottlenecks } from "./bottlenecks.ts";
import { formatCount, formatMs, formatNumber, formatPercent } from "./format.ts";
import { loginFailureRate, totalFailures } from "./headline-metrics.ts";
import type { Block, Cell } from "./report-blocks.ts";
import { faultWindow, regionDisplayName } from "./scenario-paragraph.ts";

type Table = Extract<Block, { kind: "table" }>;

const table = (header: string[], rows: Cell[][], leftColumns = 1): Table => ({
  kind: "table",
  header,
  align: header.map((_, i) => (i < leftColumns ? "left" : "right")),
  rows,
});

/** p50, p95 and p99 of a login latency summary, as cells. */
const pcts = (l: RunResult["latency"]["login"]): Cell[] => [
  formatMs(l.p50),
  formatMs(l.p95),
  formatMs(l.p99),
];

/** Headers of `pcts(login)` then `pcts(loginSystem)`. */
const LOGIN_LATENCY_HEADERS = [
  "p50 [ms]",
  "p95 [ms]",
  "p99 [ms]",
  "p50 without typing [ms]",
  "p95 without typing [ms]",
  "p99 without typing [ms]",
];

const share = (part: number, whole: number) => (whole > 0 ? formatPercent(part / whole) : "–");

const STEP_LABELS: Record<LoginStep, string> = {
  dns: "DNS lookup",
  connect: "Connect (TCP + TLS)",
  wfeRedirect: "WFE (redirect + callback)",
  identityProvider: "Identity provider",
  userTyping: "User typing (credentials, MFA)",
  redemption: "Code redemption and app page",
};

const CAUSE_LABELS: Record<string, string> = {
  connectTimeout: "Connect timeout",
  timeout: "Request timeout",
  rejected: "Rejected (queue full)",
  throttled: "Throttled (429)",
  idpError: "Identity provider error",
  outage: "Datacenter outage",
  dnsNoAnswer: "DNS gave no answer",
  noToken: "No token (renewal failing)",
  keyRejected: "Token rejected (signing key not in the app's cached metadata)",
};

/** Login latency per user base, with and without the user's typing time. */
export function loginLatencyTable(s: ResolvedScenario, r: RunResult): Table {
  const rows: Cell[][] = r.userBases.map((u) => [
    u.name,
    regionDisplayName(s, u.region),
    formatCount(u.logins),
    formatCount(u.loginFailures),
    ...pcts(u.login),
    ...pcts(u.loginSystem),
  ]);
  rows.push([
    "All",
    "",
    formatCount(r.logins.completed),
    formatCount(r.logins.failed),
    ...pcts(r.latency.login),
    ...pcts(r.latency.loginSystem),
  ]);
  return table(
    ["User base", "Region", "Logins [count]", "Failed [count]", ...LOGIN_LATENCY_HEADERS],
    rows,
    2,
  );
}

/** Login latency per datacenter whose WFE served the login, with and without typing time. */
export function datacenterLoginTable(s: ResolvedScenario, r: RunResult): Table {
  const rows: Cell[][] = r.datacenters.map((d) => [
    d.name,
    regionDisplayName(s, d.region),
    formatCount(d.logins),
    ...pcts(d.login),
    ...pcts(d.loginSystem),
  ]);
  return table(["Datacenter", "Region", "Logins [count]", ...LOGIN_LATENCY_HEADERS], rows, 2);
}

/** Where a login's time goes, step by step. */
export function loginStepsTable(r: RunResult): Table {
  const row = (label: string, l: RunResult["latency"]["login"]): Cell[] => [
    label,
    formatCount(l.count),
    formatMs(l.mean),
    formatMs(l.p50),
    formatMs(l.p95),
    formatMs(l.p99),
  ];
  const rows = LOGIN_STEPS.map((step) => row(STEP_LABELS[step], r.latency.steps[step]));
  rows.push(row("Login, end to end", r.latency.login));
  return table(["Step", "Measured [count]", "Mean [ms]", "p50 [ms]", "p95 [ms]", "p99 [ms]"], rows);
}

/** WFE load and utilisation per datacenter, headroom = 1 - peak utilisation. */
export function datacenterTable(s: ResolvedScenario, r: RunResult): Table {
  const rows: Cell[][] = r.datacenters.map((d) => [
    d.name,
    regionDisplayName(s, d.region),
    formatCount(d.wfe.servers),
    formatNumber(d.wfe.meanRate, 1),
    formatNumber(d.wfe.peakRate, 1),
    formatPercent(d.wfe.utilisationMean),
    formatPercent(d.wfe.utilisationPeak),
    formatPercent(1 - d.wfe.utilisationPeak),
    formatNumber(d.wfe.queuePeak, 0),
    formatCount(d.wfe.rejected + d.wfe.timeouts + d.wfe.outageDrops),
    formatCount(d.logins),
    // Page traffic's columns only where the scenario has some (userBases[].pageRate).
    ...(r.wfePageModel ? [formatCount(d.wfePage.count), formatMs(d.wfePage.p95)] : []),
  ]);
  return table(
    [
      "Datacenter",
      "Region",
      "WFE servers [count]",
      "Mean load [req/s]",
      "Peak load [req/s]",
      "Mean utilisation [%]",
      "Peak utilisation [%]",
      "Headroom [%]",
      "Peak queue [requests]",
      "Dropped [requests]",
      "Logins [count]",
      ...(r.wfePageModel ? ["Pages served [count]", "Page p95 [ms]"] : []),
    ],
    rows,
    2,
  );
}

/** Back-end cluster load per datacenter. */
export function backEndTable(r: RunResult): Table {
  const rows: Cell[][] = r.datacenters.map((d) => [
    d.name,
    formatCount(d.backEnd.servers),
    formatNumber(d.backEnd.peakRate, 1),
    formatPercent(d.backEnd.utilisationPeak),
    formatPercent(1 - d.backEnd.utilisationPeak),
    formatCount(d.backEnd.rejected + d.backEnd.timeouts + d.backEnd.outageDrops),
  ]);
  return table(
    [
      "Back end",
      "Servers [count]",
      "Peak load [req/s]",
      "Peak utilisation [%]",
      "Headroom [%]",
      "Dropped [requests]",
    ],
    rows,
  );
}

/** Tokens issued by the identity provider, by what asked for them. */
export function tokenTable(r: RunResult): Table {
  const t = r.tokens;
  const total = t.browserSignIn + t.renewal + t.embedded;
  const rows: Cell[][] = [
    ["Browser sign-in (interactive or SSO)", formatCount(t.browserSignIn), share(t.browserSignIn, total)],
    ["Silent renewal", formatCount(t.renewal), share(t.renewal, total)],
    ["Embedded host", formatCount(t.embedded), share(t.embedded, total)],
    ["All", formatCount(total), share(total, total)],
  ];
  return table(["Token kind", "Issued [count]", "Share [%]"], rows);
}

/** Renewal outcomes and the token rates. */
export function renewalTable(r: RunResult): Table {
  const n = r.renewals;
  return table(
    [
      "Renewals attempted [count]",
      "Succeeded [count]",
      "Retries [count]",
      "Failed [count]",
      "Redirects to sign in [count]",
      "Mean token rate [tokens/s]",
      "Peak token rate [tokens/s]",
    ],
    [
      [
        formatCount(n.attempted),
        formatCount(n.succeeded),
        formatCount(n.retries),
        formatCount(n.failed),
        formatCount(r.logins.reauthentications),
        formatNumber(r.tokens.meanRate, 2),
        formatNumber(r.tokens.peakRate, 2),
      ],
    ],
    0,
  );
}

/** Failures by cause, every cause listed so a zero is visible as a zero. */
export function failureTable(r: RunResult): Table {
  const total = totalFailures(r);
  const rows: Cell[][] = FAILURE_CAUSES.map((c) => [
    CAUSE_LABELS[c] ?? c,
    formatCount(r.failures[c] ?? 0),
    share(r.failures[c] ?? 0, total),
  ]);
  rows.push(["All causes", formatCount(total), share(total, total)]);
  return table(["Cause", "Failures [count]", "Share of failures [%]"], rows);
}

/** One-line context for the failure table. */
export function failureNote(r: RunResult): string {
  const rate = loginFailureRate(r);
  return (
    `${formatCount(r.logins.failed)} of ${formatCount(r.logins.completed + r.logins.failed)} finished logins failed` +
    ` (${rate === null ? "–" : formatPercent(rate, 2)}%); failures count logins, renewals and back-end calls.`
  );
}

/** Time from each datacenter fault to detection and to 90% / 99% of new logins elsewhere. */
export function failoverTable(s: ResolvedScenario, r: RunResult): Table {
  const secs = (x: number | null) => (x === null ? "never" : formatNumber(x, 1));
  const rows: Cell[][] = r.failovers.map((f) => [
    f.datacenter,
    faultWindow(s, f.start, f.end),
    secs(f.detection),
    secs(f.to90),
    secs(f.to99),
  ]);
  return table(
    ["Datacenter", "Fault window", "Detected after [s]", "90% moved after [s]", "99% moved after [s]"],
    rows,
    2,
  );
}

/** `UTC+01:00` for 3600 s. */
export function utcOffsetLabel(offset: number): string {
  const m = Math.round(Math.abs(offset) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `UTC${offset < 0 ? "-" : "+"}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Sessions per user base, the diurnal wave's source. */
export function sessionTable(s: ResolvedScenario, r: RunResult): Table {
  const rows: Cell[][] = r.userBases.map((u) => {
    const ub = s.userBases.find((x) => x.name === u.name);
    const tz = ub ? `${ub.timeZone.name} (${utcOffsetLabel(ub.timeZone.utcOffset)})` : "";
    return [u.name, tz, ub ? formatCount(ub.dailyActiveUsers) : "–", formatCount(u.sessions)];
  });
  rows.push([
    "All",
    "",
    formatCount(s.userBases.reduce((a, u) => a + u.dailyActiveUsers, 0)),
    formatCount(r.sessions.started),
  ]);
  return table(["User base", "Time zone", "Daily active users [count]", "Sessions started [count]"], rows, 2);
}

/** Every station, nearest its limit first (bottlenecks.ts). */
export function bottleneckTable(scenario: ResolvedScenario, r: RunResult): Table {
  const rows: Cell[][] = rankBottlenecks(scenario, r).map((b) => [
    b.station,
    formatPercent(b.utilisationPeak),
    formatCount(b.turnedAway),
    formatPercent(b.turnedAwayShare, 2),
    formatMs(b.meanWait),
    b.waitShare === null ? "–" : formatPercent(b.waitShare),
    b.of,
  ]);
  return table(
    [
      "Station",
      "Peak utilisation [%]",
      "Turned away [count]",
      "Turned away [% of arrivals]",
      "Mean queue wait [ms]",
      "Queueing share [%]",
      "Share of",
    ],
    rows,
  );
}
