/**
 * The follow-the-sun failure matrix: every datacenter or identity region lost, at every hour of
 * the day asked for, one short run each, so a planner sees which loss at which hour hurts. A
 * cell is the scenario as written with its own faults replaced by one loss, starting on the hour
 * (UTC, on the scenario's start day) after a lead-in that serves as warm-up, lasting `fault`,
 * followed by a `tail` in which recovery counts too; statistics cover the loss and the tail.
 *
 * A datacenter lost is both of its components down (WFE and back end, so Traffic Manager moves
 * its users and its tenants' calls fail); an identity region lost answers every request with an
 * error (identityErrors at 100%). Cells are described as `--set` overrides, so each is loaded and
 * validated exactly like a scenario file. Reading a cell: failover time (to 99% of new logins at
 * healthy datacenters) and the user base hurt most (highest share of its logins failed), with the
 * scenario's SLO verdicts over the cell. Pure: scenarios and results in, overrides and cells out.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { judgeRun } from "./judged-run.ts";

const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY = 86_400;

/** One thing lost. */
export interface Loss {
  readonly kind: "datacenter" | "identityRegion";
  /** Datacenter name, or identity region name. */
  readonly name: string;
  /** Row label: "weu (datacenter)", "westeurope (identity)". */
  readonly label: string;
}

export interface FailureMatrixOptions {
  /** UTC hours of the day the loss starts at, 0-23. */
  readonly hours: readonly number[];
  /** Before the loss, not measured (warm-up) [s]. */
  readonly lead: number;
  /** How long the loss lasts [s]. */
  readonly fault: number;
  /** After it, still measured [s]. */
  readonly tail: number;
}

export const DEFAULT_FAILURE_MATRIX: Omit<FailureMatrixOptions, "hours"> = {
  lead: 1800,
  fault: 1800,
  tail: 1800,
};

/** What one cell measured (means over its replications). */
export interface FailureCell {
  readonly loss: string;
  readonly hour: number;
  /** Seconds from the loss until 90% / 99% of new logins reach healthy datacenters; null: never. */
  readonly failoverTo90: number | null;
  readonly failoverTo99: number | null;
  /** True where failover applies (a datacenter lost); an identity region has no failover time. */
  readonly failoverApplies: boolean;
  /** The user base with the highest share of its logins failed, and that share; null if no logins. */
  readonly worstUserBase: string | null;
  readonly worstFailureShare: number | null;
  /** That user base's login latency without typing, p95 [s]. */
  readonly worstLoginSystemP95: number | null;
  readonly slosFailing: number;
  readonly slosJudged: number;
  /** Logins started in the cell's measured period, over every user base [count]. */
  readonly logins: number;
}

/** Every datacenter, then every identity region, in scenario order. */
export function failureLosses(scenario: ResolvedScenario): Loss[] {
  const regions = scenario.identityProvider.regionIndices.map((r) => scenario.geography.regions[r].name);
  return [
    ...scenario.datacenters.map(
      (d): Loss => ({ kind: "datacenter", name: d.name, label: `${d.name} (datacenter)` }),
    ),
    ...regions.map((name): Loss => ({ kind: "identityRegion", name, label: `${name} (identity)` })),
  ];
}

/**
 * "0-23", "0,6,12,18", "0-23/3" or "all" -> sorted distinct hours; a string saying what is wrong
 * otherwise.
 */
export function parseHours(text: string): number[] | string {
  const hours = new Set<number>();
  const spec = text.trim() === "all" ? "0-23" : text;
  for (const part of spec.split(",").map((p) => p.trim())) {
    const m = /^(\d{1,2})(?:-(\d{1,2})(?:\/(\d{1,2}))?)?$/.exec(part);
    if (!m)
      return `--hours: expected hours 0-23 as a list (0,6,12), a range (0-23) or a stepped range (0-23/3), found ${JSON.stringify(part)}`;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (from > 23 || to > 23 || to < from || step < 1)
      return `--hours: ${JSON.stringify(part)} is not a range of hours within 0-23`;
    for (let h = from; h <= to; h += step) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}

/** The `--set` overrides of one cell: when the run starts and ends, and its one fault. */
export function failureCellOverrides(
  scenario: ResolvedScenario,
  loss: Loss,
  hour: number,
  options: Omit<FailureMatrixOptions, "hours">,
): string[] {
  const { lead, fault, tail } = options;
  // The loss starts at hour:00 UTC on the start day; the run starts `lead` earlier (maybe the day before).
  const start =
    (((scenario.simulation.startWeekday * DAY + hour * 3600 - lead) % (7 * DAY)) + 7 * DAY) % (7 * DAY);
  const day = WEEKDAY_NAMES[Math.floor(start / DAY)];
  const clock = start % DAY;
  const hh = String(Math.floor(clock / 3600)).padStart(2, "0");
  const mm = String(Math.floor((clock % 3600) / 60)).padStart(2, "0");
  const timing = `start: ${lead}s, duration: ${fault}s`;
  const faultText =
    loss.kind === "datacenter"
      ? `{ type: datacenterOutage, datacenter: ${loss.name}, component: both, ${timing} }`
      : `{ type: identityErrors, regions: [${loss.name}], errorRate: 1, endpoint: both, ${timing} }`;
  return [
    `simulation.startDay=${day}`,
    `simulation.startTime="${hh}:${mm}"`,
    `simulation.warmUp=${lead}s`,
    `simulation.duration=${lead + fault + tail}s`,
    `faults=[${faultText}]`,
  ];
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** A failover time over replications: the mean where every replication got there, else null (never). */
function failoverMean(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return mean(values as number[]);
}

/** What a cell's runs (every replication of its scenario) say. */
export function failureCell(
  scenario: ResolvedScenario,
  loss: Loss,
  hour: number,
  results: readonly RunResult[],
): FailureCell {
  const judged = judgeRun(scenario, results);
  const failovers = results.map((r) => r.failovers.find((f) => f.datacenter === loss.name) ?? null);
  const shares = scenario.userBases.map((ub, u) => {
    const per = results.map((r) => r.userBases[u]).filter((x) => x.logins + x.loginFailures > 0);
    return {
      name: ub.name,
      share: mean(per.map((x) => x.loginFailures / (x.logins + x.loginFailures))),
      p95: mean(per.flatMap((x) => (x.loginSystem.p95 === null ? [] : [x.loginSystem.p95]))),
    };
  });
  // Hurt most: the highest failed share; between equal shares the slower one.
  const worst = shares
    .filter((s) => s.share !== null)
    .sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || (b.p95 ?? 0) - (a.p95 ?? 0))[0];
  const isDatacenter = loss.kind === "datacenter";
  return {
    loss: loss.label,
    hour,
    failoverTo90: isDatacenter ? failoverMean(failovers.map((f) => f?.to90 ?? null)) : null,
    failoverTo99: isDatacenter ? failoverMean(failovers.map((f) => f?.to99 ?? null)) : null,
    failoverApplies: isDatacenter,
    worstUserBase: worst?.name ?? null,
    worstFailureShare: worst?.share ?? null,
    worstLoginSystemP95: worst?.p95 ?? null,
    slosFailing: judged.slos.verdicts.filter((v) => !v.pass).length,
    slosJudged: judged.slos.verdicts.length,
    logins: mean(results.map((r) => r.logins.started)) ?? 0,
  };
}
