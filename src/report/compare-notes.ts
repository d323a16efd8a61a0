/**
 * What `authsim compare` says around its table: whether the two runs share their seed (common
 * random numbers) and replications, how their scenarios differ (scenario-diff.ts, from each
 * summary's scenario echo), which SLO verdicts flip between them, and which compared metrics are
 * significantly worse in B (the regressions `--fail-on-regression` gates on). Pure.
 */
import type { ComparableSummary, ComparisonRow } from "./compare.ts";
import { diffScenarios, formatScenarioValue, type ScenarioChange } from "./scenario-diff.ts";

export interface SloFlip {
  readonly text: string;
  /** The verdict in A; null when A's scenario does not have this objective. */
  readonly a: boolean | null;
  readonly b: boolean | null;
}

export interface ComparisonNotes {
  readonly seeds: { readonly a: number; readonly b: number; readonly differ: boolean };
  readonly replications: { readonly a: number; readonly b: number };
  /** Every scenario path that differs, seed and replications left to the two fields above. */
  readonly scenarioChanges: readonly ScenarioChange[];
  readonly sloFlips: readonly SloFlip[];
  /** Both runs have at least two replications: differences can be judged against noise. */
  readonly judgeable: boolean;
  /** Compared metrics that are significantly worse in B, in table order. */
  readonly regressions: readonly string[];
}

/** Reported on their own lines, not as scenario changes. */
const SEPARATE = new Set(["simulation.seed", "simulation.replications"]);

/** The notes for A against B, given the table's rows. */
export function compareNotes(
  a: ComparableSummary,
  b: ComparableSummary,
  rows: readonly ComparisonRow[],
): ComparisonNotes {
  const verdictsA = new Map(a.slos.verdicts.map((v) => [v.text, v.pass]));
  const verdictsB = new Map(b.slos.verdicts.map((v) => [v.text, v.pass]));
  const texts = [...new Set([...verdictsA.keys(), ...verdictsB.keys()])];
  const sloFlips = texts
    .map((text) => ({ text, a: verdictsA.get(text) ?? null, b: verdictsB.get(text) ?? null }))
    .filter((f) => f.a !== f.b);
  return {
    seeds: { a: a.seed, b: b.seed, differ: a.seed !== b.seed },
    replications: { a: a.replications, b: b.replications },
    scenarioChanges: diffScenarios(a.scenario, b.scenario).filter((c) => !SEPARATE.has(c.path)),
    sloFlips,
    judgeable: a.replications > 1 && b.replications > 1,
    regressions: rows.filter((r) => r.worse).map((r) => r.metric),
  };
}

const verdict = (pass: boolean | null) => (pass === null ? "absent" : pass ? "pass" : "miss");

/** Lines for above the table: seeds, replications, the scenario diff, SLO flips. */
export function formatNotesBefore(notes: ComparisonNotes, maxChanges = 30): string[] {
  const lines: string[] = [];
  const { seeds, replications } = notes;
  if (seeds.differ) {
    lines.push(
      `Seeds differ (A ${seeds.a}, B ${seeds.b}): the runs share no random numbers, so differences ` +
        "include chance as well as the scenario; rerun one with --seed for common random numbers.",
    );
  }
  if (replications.a !== replications.b) {
    lines.push(`Replications differ (A ${replications.a}, B ${replications.b}).`);
  }
  const changes = notes.scenarioChanges;
  if (changes.length === 0) lines.push("Scenarios: the same.");
  else {
    lines.push(`Scenarios differ at ${changes.length} ${changes.length === 1 ? "path" : "paths"} (A -> B):`);
    for (const c of changes.slice(0, maxChanges)) {
      lines.push(`  ${c.path}: ${formatScenarioValue(c.a)} -> ${formatScenarioValue(c.b)}`);
    }
    if (changes.length > maxChanges)
      lines.push(`  ... and ${changes.length - maxChanges} more (--json lists all)`);
  }
  if (notes.sloFlips.length === 0) lines.push("SLO verdicts: none flips.");
  else {
    lines.push("SLO verdicts that flip (A -> B):");
    for (const f of notes.sloFlips) lines.push(`  ${f.text}: ${verdict(f.a)} -> ${verdict(f.b)}`);
  }
  return lines;
}

/** The line under the table: regressions, or why none can be judged. */
export function formatRegressions(notes: ComparisonNotes): string {
  if (!notes.judgeable) {
    const one = notes.replications.a < 2 ? "A" : "B";
    return (
      `Regressions: cannot be judged (${one} has 1 replication, so nothing is known of the noise); ` +
      "run both with --replications 2 or more (5 gives a useful gate)."
    );
  }
  if (notes.regressions.length === 0)
    return "Regressions: none (no compared metric is significantly worse in B).";
  return `Regressions: ${notes.regressions.join(", ")} (significantly worse in B, Welch 95%).`;
}
