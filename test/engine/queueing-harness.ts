/**
 * The queueing-validation harness: a Poisson source feeding one engine Station, replicated with
 * independent streams. Shared by test/engine/queueing-validation.test.ts (which asserts) and
 * scripts/validate-model.ts (which prints the figures of docs/validation.md).
 *
 * Waits and sojourns are measured here, from the arrival time the source records and the service
 * time it drew, not taken from the Station's onDone arguments, so a Station that misreports them
 * cannot validate itself. Every customer arriving after the warm-up is followed to the end.
 */
import { type DistributionSpec, makeSampler, RandomStreams } from "../../src/engine/random/index.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { Station } from "../../src/engine/station/index.ts";

export const REPLICATIONS = 10;
/** Largest accepted CI half-width, relative to the mean. */
export const MAX_RELATIVE_HALF_WIDTH = 0.05;
/** Little's law tolerance per replication: |L / (λ_eff W) - 1| <= 2%. */
export const LITTLE_TOLERANCE = 0.02;

export interface QueueModel {
  readonly arrivalRate: number;
  readonly service: DistributionSpec;
  readonly servers: number;
  readonly queueLimit?: number;
  /** Statistics before this time are discarded [s]. */
  readonly warmup: number;
  /** No arrivals after this time [s]; the time-average window is [warmup, horizon]. */
  readonly horizon: number;
}

/** What one replication measured. */
export interface QueueRun {
  /** Mean wait in queue of accepted customers arriving after the warm-up [s]. */
  readonly meanWait: number;
  /** Mean time in system of the same customers [s]. */
  readonly meanSojourn: number;
  /** Customers arriving after the warm-up who were accepted (and so measured). */
  readonly customers: number;
  /** Share of arrivals in [warmup, horizon] rejected because the queue was full. */
  readonly rejectedShare: number;
  /** Time-average number in system over [warmup, horizon] (busy + queued). */
  readonly timeAverageInSystem: number;
  /** Completions per second over [warmup, horizon]. */
  readonly acceptedThroughput: number;
  /** Mean sojourn of the customers completing in [warmup, horizon] [s]. */
  readonly windowMeanSojourn: number;
}

export function runQueue(model: QueueModel, streams: RandomStreams): QueueRun {
  const sim = new Simulation();
  const interarrival = makeSampler(
    { kind: "exponential", mean: 1 / model.arrivalRate },
    streams.get("arrivals"),
  );
  const service = makeSampler(model.service, streams.get("service"));

  // Per-customer arrival time and drawn service, indexed by the job number (grown by doubling).
  let arrivalOf: Float64Array = new Float64Array(1 << 16);
  let serviceOf: Float64Array = new Float64Array(1 << 16);
  let nextJob = 0;
  let waitSum = 0;
  let sojournSum = 0;
  let measured = 0;
  let windowSojournSum = 0;
  let windowCompletions = 0;
  let isWindowOpen = false;

  const station = new Station(
    sim,
    { name: "validation", servers: model.servers, queueLimit: model.queueLimit },
    {
      onDone(job) {
        const sojourn = sim.now - arrivalOf[job];
        if (isWindowOpen) {
          windowSojournSum += sojourn;
          windowCompletions++;
        }
        if (arrivalOf[job] < model.warmup) return;
        sojournSum += sojourn;
        waitSum += sojourn - serviceOf[job];
        measured++;
      },
    },
  );

  const arrive = sim.defineEvent("validation.arrival", () => {
    const job = nextJob++;
    if (job === arrivalOf.length) {
      arrivalOf = grow(arrivalOf);
      serviceOf = grow(serviceOf);
    }
    arrivalOf[job] = sim.now;
    serviceOf[job] = service();
    station.submit(job, serviceOf[job]);
    const gap = interarrival();
    if (sim.now + gap <= model.horizon) sim.schedule(gap, arrive, 0);
  });
  sim.schedule(interarrival(), arrive, 0);

  sim.run(model.warmup);
  station.resetStatistics();
  isWindowOpen = true;
  sim.run(model.horizon);
  isWindowOpen = false;
  const span = model.horizon - model.warmup;
  const timeAverageInSystem = station.busy.mean(sim.now) + station.queued.mean(sim.now);
  const rejectedShare = station.rejectedFull / station.arrivals;
  const acceptedThroughput = station.completions / span;
  sim.run(); // drain: every measured customer finishes
  if (station.busyServers + station.queueLength !== 0) throw new Error("the station did not drain");

  return {
    meanWait: waitSum / measured,
    meanSojourn: sojournSum / measured,
    customers: measured,
    rejectedShare,
    timeAverageInSystem,
    acceptedThroughput,
    windowMeanSojourn: windowSojournSum / windowCompletions,
  };
}

function grow(from: Float64Array): Float64Array {
  const to = new Float64Array(from.length * 2);
  to.set(from);
  return to;
}

export function replicate(model: QueueModel, masterSeed: number, replications = REPLICATIONS): QueueRun[] {
  const master = new RandomStreams(masterSeed);
  return Array.from({ length: replications }, (_, r) => runQueue(model, master.forReplication(r)));
}
