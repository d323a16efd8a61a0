/**
 * The few lines printed on stdout when a run ends: SLO verdicts, login p50/p95/p99 (with and
 * without typing), the three stations nearest their limit (bottlenecks.ts), and failures. Plain text;
 * colour (green PASS, red FAIL) only when the caller says the terminal shows it.
 */
import { type RunResult, scenarioOfReplication } from "../model/index.ts";
import type { JudgedRun } from "../study/index.ts";
import { rankBottlenecks } from "./bottlenecks.ts";
import { formatCount, formatLatency, formatPercent, formatSloValue, formatSpan } from "./format.ts";
import { loginFailureRate, totalFailures } from "./headline-metrics.ts";
import { identityMixLine } from "./identity-mix.ts";
import { aggregateReplications } from "./replication-aggregate.ts";

export interface TerminalOptions {
  /** ANSI colour; the CLI sets it only for a TTY (and not when NO_COLOR is set). */
  readonly color?: boolean;
}

const ANSI = { green: "\u001b[32m", red: "\u001b[31m", bold: "\u001b[1m", reset: "\u001b[0m" } as const;

/** Left-aligns columns: every cell padded to its column's widest (the last column is not padded). */
function columns(rows: readonly (readonly string[])[], indent = ""): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, row[i].length);
  }
  return rows.map((row) =>
    `${indent}${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`.trimEnd(),
  );
}

/** The summary's lines (no trailing newline) for `results`, all replications of `scenario`. */
export function terminalSummary(run: JudgedRun, options: TerminalOptions = {}): string {
  const { scenario, results, slos } = run;
  if (results.length === 0) throw new RangeError("terminalSummary needs at least one replication");
  const paint = (code: keyof typeof ANSI, text: string) =>
    options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const r = results[0];
  const many = results.length > 1;
  const stats = many ? aggregateReplications(results).metrics : null;
  // With replications every number is a mean; "±" gives the 95% half-width. The interval is cut
  // at its metric's domain (interval-domain.ts), which shortens one side at most: the other
  // still shows the whole half-width.
  const value = (name: string, single: number | null, show: (x: number | null) => string): string => {
    const s = stats?.[name];
    if (!s) return show(single);
    const half =
      s.low !== null && s.high !== null && s.mean !== null
        ? ` ±${show(Math.max(s.high - s.mean, s.mean - s.low))}`
        : "";
    return `${show(s.mean)}${half}`;
  };

  const lines = [
    paint(
      "bold",
      `${scenario.name}: ${formatSpan(r.simulated.duration)} simulated, seed ${scenario.simulation.seed}, ` +
        `${results.length} replication${many ? "s" : ""}`,
    ),
  ];

  if (slos.verdicts.length > 0) {
    lines.push(`SLOs (judged on ${slos.judgedOn})`);
    const rows = slos.verdicts.map((v) => [
      v.pass ? "PASS" : "FAIL",
      v.text,
      formatSloValue(v.kind, v.value),
    ]);
    // Pad before painting, so escape codes do not upset the column widths.
    columns(rows, "  ").forEach((line, i) => {
      const verdict = slos.verdicts[i].pass ? paint("green", "PASS") : paint("red", "FAIL");
      lines.push(`  ${verdict}${line.slice(6)}`);
    });
  } else {
    lines.push("SLOs: none set");
  }

  const pcts = (prefix: "login" | "loginSystem", l: RunResult["latency"]["login"]) =>
    (["p50", "p95", "p99"] as const)
      .map((p) => `${p} ${value(`${prefix}.${p}`, l[p], formatLatency)}`)
      .join("   ");
  const table: string[][] = [
    ["Login latency", pcts("login", r.latency.login)],
    ["  without typing", pcts("loginSystem", r.latency.loginSystem)],
  ];

  // The three stations nearest their limit (bottlenecks.ts), replication 1.
  rankBottlenecks(scenario, r)
    .slice(0, 3)
    .forEach((b, i) => {
      const parts = [`peak ${formatPercent(b.utilisationPeak)}% busy`];
      if (b.turnedAway > 0)
        parts.push(`${formatCount(b.turnedAway)} turned away (${formatPercent(b.turnedAwayShare, 2)}%)`);
      if (b.waitShare !== null && b.waitShare >= 0.001)
        parts.push(`queueing ${formatPercent(b.waitShare)}% of ${b.of}`);
      table.push([
        i === 0 ? `Busiest stations${many ? " (r1)" : ""}` : "",
        `${i + 1}. ${b.station}: ${parts.join(", ")}`,
      ]);
    });

  table.push(["Identity requests", identityMixLine(r.identityRequests) + (many ? " (replication 1)" : "")]);

  const causes = Object.entries(r.failures)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${formatCount(n)}`);
  const rate = loginFailureRate(r);
  table.push([
    "Failures",
    `${formatCount(r.logins.failed)} of ${formatCount(r.logins.completed + r.logins.failed)} logins` +
      ` (${rate === null ? "–" : formatPercent(rate, 2)}%)` +
      // The causes count every failure (logins, renewals, API calls), not only the logins'.
      (totalFailures(r) > 0
        ? `; all failures (logins, renewals, API calls) by cause: ${causes.join(", ")}`
        : "") +
      (many ? " (replication 1)" : ""),
  ]);
  const drawn = drawnFaultLine(run);
  if (drawn) table.push(["Fault starts", drawn]);
  lines.push(...columns(table));
  return lines.join("\n");
}

/**
 * For faults whose times the scenario draws per replication: when each replication's started
 * (the first five), so the figures above can be read against them; null when all are fixed.
 */
function drawnFaultLine({ scenario, results }: JudgedRun): string | null {
  const drawn = scenario.faults.flatMap((f, i) => (f.draw === undefined ? [] : [i]));
  if (drawn.length === 0) return null;
  const shown = results.slice(0, 5).map((r) => scenarioOfReplication(scenario, r.replication));
  const more = results.length > shown.length ? ", ..." : "";
  return drawn
    .map((i) => {
      const starts = shown.map((s, r) => `r${r + 1} ${formatSpan(s.faults[i].start)}`).join(", ");
      return `faults[${i}] (${scenario.faults[i].type}, drawn per replication): ${starts}${more}`;
    })
    .join("; ");
}
