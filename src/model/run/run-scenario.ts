/**
 * Runs a resolved scenario: for each replication, builds the world with that replication's
 * random streams, wires the flow, schedules faults, the warm-up's end and the time-bin
 * boundaries, steps the engine to the end, and turns what was measured into a RunResult.
 */
import { RandomStreams } from "../../engine/random/index.ts";
import type { SimulationOptions } from "../../engine/simulation.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { drawFaultTimes } from "../faults/fault-draws.ts";
import { scheduleFaults } from "../faults/faults.ts";
import { SessionActivity } from "../flow/session-activity.ts";
import { bindStations } from "../flow/station-jobs.ts";
import type { SignInSink } from "../measure/sign-in-log.ts";
import { collectResult } from "./results.ts";
import type { RunResult } from "./run-result.ts";
import { buildWorld, type World } from "./world.ts";

export interface RunProgress {
  readonly replication: number;
  readonly replications: number;
  /** Simulated seconds done in this replication. */
  readonly simulated: number;
  readonly duration: number;
  readonly events: number;
}

export interface RunOptions {
  /** Overrides simulation.replications. */
  readonly replications?: number;
  /** Called now and then (every ~0.25 s of wall time at most), never per event. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Returns true to stop the run early (Ctrl-C); checked with onProgress. */
  readonly shouldStop?: () => boolean;
  /** Stop a replication after this many events (a guard; the result is marked incomplete). */
  readonly maxEvents?: number;
  /** Stop a replication after this much wall time [s] (needs `wallClock`; marked incomplete). */
  readonly maxWallSeconds?: number;
  /**
   * Wall clock in milliseconds, for progress pacing and the events/s figure. Clocks live at the
   * edge (the CLI passes `performance.now`); without one, progress is reported every slice and
   * wall time reads 0.
   */
  readonly wallClock?: () => number;
  /** Record the event-trajectory fingerprint of each replication (RunResult.fingerprint). */
  readonly fingerprint?: boolean;
  /**
   * Play the back ends' local loops before every event, not only before those that observe
   * them (slower). The results must not change: a test's check that every observer is declared.
   */
  readonly playLocalBeforeEveryEvent?: boolean;
  /**
   * Receives every sign-in and renewal attempt of each replication run with these options
   * (measure/sign-in-log.ts; `run --emit-signins` gives it to the first replication only).
   */
  readonly signInSink?: SignInSink;
}

/** Events per slice between progress checks: small enough for ~0.1 s, large enough to be free. */
const SLICE_EVENTS = 200_000;

export function runScenario(scenario: ResolvedScenario, options: RunOptions = {}): RunResult[] {
  const replications = options.replications ?? scenario.simulation.replications;
  const base = new RandomStreams(scenario.simulation.seed);
  const results: RunResult[] = [];
  for (let r = 0; r < replications; r++) {
    const result = runReplication(scenario, base.forReplication(r), r, replications, options);
    if (result === null) break;
    results.push(result);
  }
  return results;
}

/** One replication; null when stopped from outside. */
export function runReplication(
  scenario: ResolvedScenario,
  streams: RandomStreams,
  replication: number,
  replications: number,
  options: RunOptions = {},
): RunResult | null {
  const clock = options.wallClock ?? (() => 0);
  const started = clock();
  const { world } = buildRun(
    scenario,
    streams,
    { playLocalBeforeEveryEvent: options.playLocalBeforeEveryEvent ?? false },
    options.signInSink,
  );
  const { sim } = world;
  if (options.fingerprint) sim.enableFingerprint();
  const duration = scenario.simulation.duration;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let lastReport = started;
  const wallLimitMs = (options.maxWallSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  // Events: the engine's plus those the back ends play in their local loops (back-end-calls.ts).
  const events = () => sim.eventsProcessed + world.datacenters.localEvents();
  while (sim.peekTime() <= duration && events() < maxEvents && clock() - started < wallLimitMs) {
    // Under a --max-events guard, half of what is left goes to the engine and the rest to the
    // local loops, which stop the engine when they run out: the total lands exactly on the guard.
    const remaining = maxEvents - events();
    const slice = Math.min(SLICE_EVENTS, Math.ceil(remaining / 2));
    world.datacenters.localBudget[0] = remaining - slice;
    sim.run(duration, slice);
    const now = clock();
    if (options.onProgress && (now - lastReport > 250 || options.wallClock === undefined)) {
      lastReport = now;
      options.onProgress({
        replication,
        replications,
        simulated: sim.now,
        duration,
        events: events(),
      });
    }
    if (options.shouldStop?.()) return null;
  }
  let isComplete = sim.peekTime() > duration;
  world.datacenters.localBudget[0] = maxEvents - events();
  // Advances the clock, and the back ends' local loops with it, to the end.
  if (isComplete) sim.run(duration);
  if (world.datacenters.localBudget[0] < 0) isComplete = false;
  const wallSeconds = (clock() - started) / 1000;
  return collectResult(world, replication, wallSeconds, isComplete);
}

/** Builds the world and the flow for one replication (exported for tests that step by hand). */
export function buildRun(
  scenario: ResolvedScenario,
  streams: RandomStreams,
  simulation: SimulationOptions = {},
  signInSink?: SignInSink,
): { world: World; activity: SessionActivity } {
  // Fault times a scenario draws per replication are fixed here, before anything reads them.
  const world = buildWorld(drawFaultTimes(scenario, streams), streams, simulation, signInSink);
  const activity = new SessionActivity(world);
  bindStations(world, activity.signIn, activity.renewal, activity.pages);
  scheduleMeasurement(world);
  scheduleFaults(world);
  activity.start();
  return { world, activity };
}

/** The warm-up's end (statistics start) and every time-bin boundary (series sampling). */
function scheduleMeasurement(world: World): void {
  const { sim, scenario, metrics } = world;
  const { warmUp, duration } = scenario.simulation;
  // Both observe the back ends: the simulation plays their local loops up to now first.
  const startMeasuring = () => {
    metrics.isMeasuring = true;
    world.datacenters.resetStatistics();
    world.identity.resetStatistics();
    world.globalService.resetStatistics();
    world.dns.resetStatistics();
  };
  if (warmUp <= 0) startMeasuring();
  else
    sim.scheduleAt(warmUp, sim.defineEvent("measurement.warmUpEnd", startMeasuring, { observes: true }), 0);
  const binEnd = sim.defineEvent(
    "measurement.binEnd",
    (bin) => {
      const end = Math.min(duration, (bin + 1) * metrics.binWidth);
      metrics.sampleBin(bin, end);
      if (bin + 1 < metrics.bins)
        sim.scheduleAt(Math.min(duration, (bin + 2) * metrics.binWidth), binEnd, bin + 1);
    },
    { observes: true },
  );
  sim.scheduleAt(Math.min(duration, metrics.binWidth), binEnd, 0);
}
