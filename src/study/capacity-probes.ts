/**
 * The probes of one plan: every simulated replication is run once and shared (ProbeStore), and a
 * probe runs its replications in looks, stopping early once the verdict is clear (ProbeRun).
 *
 * Reuse: a probe is keyed by the scenario as simulated (its objectives left out: they are
 * judged, not simulated), so two searches, or a search and a reference run, that need the same
 * scenario share its replications; replication r of a scenario is the same whoever asks (its
 * random numbers come from the seed and r alone).
 *
 * Early stopping (docs/performance.md, "Planning"): replications run in order, and after k of
 * them (2 <= k < R, the scenario's replications) the probe is judged on those k. It stops there
 * when the verdict cannot be in doubt at the 95% level: an objective's 95% interval over the k
 * replications lies wholly on its failing side (the probe fails), or every objective's interval
 * lies wholly on its passing side (the probe passes). Otherwise it takes one more replication,
 * up to R. With R <= 2 no probe stops early. Which k a probe stops at depends only on the results
 * of replications 0..k-1, so the answers never depend on how many threads ran them.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { excluding, type Judgement } from "./capacity-judge.ts";

/** Runs replication `replication` of `scenario` (on a pool thread, or here). */
export type ReplicationRun = (scenario: ResolvedScenario, replication: number) => Promise<RunResult>;

/** Fewest replications a probe is judged on before it may stop (an interval needs two). */
export const FIRST_LOOK = 2;

/** What a probe's replications are keyed by: the scenario as simulated, objectives left out. */
export function simulatedKey(scenario: ResolvedScenario): string {
  // Infinity and NaN would both print as null: spell them out so they cannot collide.
  return JSON.stringify({ ...scenario, slos: [] }, (_, v) =>
    typeof v === "number" && !Number.isFinite(v) ? `#${v}` : v,
  );
}

/** Every replication asked of one plan, run once. */
export class ProbeStore {
  private readonly runs = new Map<string, Promise<RunResult>[]>();
  /** Replications actually simulated (not served from the store). */
  simulated = 0;

  constructor(private readonly run: ReplicationRun) {}

  /** Replications 0..count-1 of `scenario`, starting those not yet run. */
  replications(scenario: ResolvedScenario, count: number): Promise<RunResult[]> {
    const key = simulatedKey(scenario);
    let list = this.runs.get(key);
    if (list === undefined) {
      list = [];
      this.runs.set(key, list);
    }
    for (let r = list.length; r < count; r++) {
      list.push(this.run(scenario, r));
      this.simulated++;
    }
    return Promise.all(list.slice(0, count));
  }
}

/** Whether a judgement is beyond doubt at the 95% level (see the file's comment). */
export function settled(judgement: Judgement): boolean {
  const o = judgement.objectives;
  if (o.some((x) => !x.pass && x.clear === true)) return true;
  return o.length > 0 && o.every((x) => x.pass && x.clear === true);
}

export interface ProbeReading {
  /** Every objective of the probe's scenario, judged on `results`. */
  readonly judgement: Judgement;
  /** The replications it was judged on (0..k-1). */
  readonly results: readonly RunResult[];
}

/** One probe: a scenario judged on as few of its replications as make the verdict clear. */
export class ProbeRun {
  private results: RunResult[] = [];
  private judgement: Judgement | null = null;

  /**
   * `judge` reads the scenario's objectives; `ahead` replications beyond the next look may be
   * started at once (to keep threads busy; they never change which look the probe stops at).
   */
  constructor(
    readonly scenario: ResolvedScenario,
    private readonly store: ProbeStore,
    private readonly judge: (scenario: ResolvedScenario, results: readonly RunResult[]) => Judgement,
    private readonly ahead = 0,
  ) {}

  get replications(): number {
    return this.results.length;
  }

  /**
   * The probe judged on enough replications that its verdict, with the objectives in `excluded`
   * left out, is settled, or on all of them.
   */
  async read(excluded: ReadonlySet<string> = new Set()): Promise<ProbeReading> {
    const total = this.scenario.simulation.replications;
    for (;;) {
      const k = this.results.length;
      if (this.judgement !== null && (k >= total || settled(excluding(this.judgement, excluded))))
        return { judgement: this.judgement, results: this.results };
      const next = k === 0 ? Math.min(total, FIRST_LOOK) : k + 1;
      // Started ahead, used only when a later look needs them.
      if (this.ahead > 0)
        this.store.replications(this.scenario, Math.min(total, next + this.ahead)).catch(() => {});
      this.results = await this.store.replications(this.scenario, next);
      this.judgement = this.judge(this.scenario, this.results);
    }
  }
}
