/**
 * The Station against queueing theory: a Poisson source feeds one Station, R = 10 independent
 * replications (streams.forReplication(r)) each discard a warm-up, and the closed form must lie
 * inside the 95% Student-t confidence interval of the replication means. The interval must also be
 * narrow (half-width under 5% of the mean), so no check can pass by being vague.
 *
 * Waits and sojourns are measured here, from the arrival time the source records and the service
 * time it drew, not taken from the Station's onDone arguments, so a Station that misreports them
 * cannot validate itself. Every customer arriving after the warm-up is followed to the end (the
 * source stops at the horizon and the station drains), so the sample is not cut short.
 *
 * Seeds are fixed (each test names its master seed), so every run sees the same numbers. A 95%
 * interval misses one time in twenty by chance, so another seed may fail a check without anything
 * being wrong: the coverage was checked on other seeds (M/D/1 Wq 0 misses in 30, M/M/2/5 blocking
 * 0 in 30, M/M/1 Wq 2 in 20, no bias in the signs); look for a systematic miss before a seed.
 */
import { describe, expect, it } from "vitest";
import { mg1, mmc, mmcK } from "../../src/engine/analytic/queueing-formulas.ts";
import { RandomStreams } from "../../src/engine/random/index.ts";
import { type ReplicationSummary, summarizeReplications } from "../../src/engine/stats/index.ts";
import {
  LITTLE_TOLERANCE,
  MAX_RELATIVE_HALF_WIDTH,
  type QueueModel,
  type QueueRun,
  REPLICATIONS,
  replicate,
  runQueue,
} from "./queueing-harness.ts";

/** The closed form lies in the 95% CI, and the CI is narrow enough to mean something. */
function expectInNarrowCi(label: string, ci: ReplicationSummary, analytic: number): void {
  const shown = `${label}: simulated ${ci.mean.toPrecision(5)} ± ${ci.halfWidth.toPrecision(3)}, analytic ${analytic.toPrecision(5)}`;
  expect(ci.n, shown).toBe(REPLICATIONS);
  expect(ci.halfWidth / Math.abs(ci.mean), `${shown}: CI too wide`).toBeLessThan(MAX_RELATIVE_HALF_WIDTH);
  expect(analytic, `${shown}: outside the CI`).toBeGreaterThanOrEqual(ci.low);
  expect(analytic, `${shown}: outside the CI`).toBeLessThanOrEqual(ci.high);
}

/** Little's law L = λ_eff W on each replication's window, within LITTLE_TOLERANCE. */
function expectLittle(runs: readonly QueueRun[]): void {
  for (const [r, run] of runs.entries()) {
    const rhs = run.acceptedThroughput * run.windowMeanSojourn;
    const shown = `replication ${r}: L = ${run.timeAverageInSystem}, λ_eff W = ${rhs}`;
    expect(Math.abs(run.timeAverageInSystem / rhs - 1), shown).toBeLessThanOrEqual(LITTLE_TOLERANCE);
  }
}

const ci = (runs: readonly QueueRun[], pick: (run: QueueRun) => number) =>
  summarizeReplications(runs.map(pick));

describe("Station against closed forms (10 replications, 95% CI, half-width < 5% of the mean)", () => {
  it("M/M/1 at ρ = 0.8 (seed 20240801): Wq and W inside the CI; Little within 2%", () => {
    const meanService = 0.05;
    const arrivalRate = 0.8 / meanService;
    const model: QueueModel = {
      arrivalRate,
      service: { kind: "exponential", mean: meanService },
      servers: 1,
      warmup: 200,
      horizon: 200 + 12_500, // ~200 000 customers per replication
    };
    const runs = replicate(model, 20240801);
    const exact = mmc(arrivalRate, 1 / meanService, 1);
    expectInNarrowCi(
      "M/M/1 Wq",
      ci(runs, (r) => r.meanWait),
      exact.meanWait,
    );
    expectInNarrowCi(
      "M/M/1 W",
      ci(runs, (r) => r.meanSojourn),
      exact.meanSojourn,
    );
    expectLittle(runs);
  });

  it("M/M/8 at ρ = 0.9 (Erlang C, seed 8090): Wq and W inside the CI; Little within 2%", () => {
    const meanService = 0.2;
    const servers = 8;
    const arrivalRate = (0.9 * servers) / meanService;
    const model: QueueModel = {
      arrivalRate,
      service: { kind: "exponential", mean: meanService },
      servers,
      warmup: 100,
      horizon: 100 + 16_000, // ~580 000 customers per replication
    };
    const runs = replicate(model, 8090);
    const exact = mmc(arrivalRate, 1 / meanService, servers);
    expectInNarrowCi(
      "M/M/8 Wq",
      ci(runs, (r) => r.meanWait),
      exact.meanWait,
    );
    expectInNarrowCi(
      "M/M/8 W",
      ci(runs, (r) => r.meanSojourn),
      exact.meanSojourn,
    );
    expectLittle(runs);
  });

  it("M/D/1 at ρ = 0.8 (Pollaczek-Khinchine, seed 1931): Wq and W inside the CI; Little within 2%", () => {
    const meanService = 0.05;
    const arrivalRate = 0.8 / meanService;
    const model: QueueModel = {
      arrivalRate,
      service: { kind: "constant", value: meanService },
      servers: 1,
      warmup: 200,
      horizon: 200 + 10_000, // ~160 000 customers per replication
    };
    const runs = replicate(model, 1931);
    const exact = mg1(arrivalRate, meanService, 0);
    expectInNarrowCi(
      "M/D/1 Wq",
      ci(runs, (r) => r.meanWait),
      exact.meanWait,
    );
    expectInNarrowCi(
      "M/D/1 W",
      ci(runs, (r) => r.meanSojourn),
      exact.meanSojourn,
    );
    expectLittle(runs);
  });

  it("M/M/2/5 at ρ = 1.0 offered (seed 2025): blocking share and accepted Wq inside the CI; Little within 2%", () => {
    const meanService = 0.1;
    const servers = 2;
    const capacity = 5;
    const arrivalRate = servers / meanService; // offered load a = 2 Erlang, ρ = a / c = 1
    const model: QueueModel = {
      arrivalRate,
      service: { kind: "exponential", mean: meanService },
      servers,
      queueLimit: capacity - servers,
      warmup: 50,
      horizon: 50 + 5_000, // ~100 000 arrivals per replication
    };
    const runs = replicate(model, 2025);
    const exact = mmcK(arrivalRate, 1 / meanService, servers, capacity);
    expectInNarrowCi(
      "M/M/2/5 blocking",
      ci(runs, (r) => r.rejectedShare),
      exact.blocking,
    );
    expectInNarrowCi(
      "M/M/2/5 Wq (accepted)",
      ci(runs, (r) => r.meanWait),
      exact.meanWait,
    );
    expectInNarrowCi(
      "M/M/2/5 W (accepted)",
      ci(runs, (r) => r.meanSojourn),
      exact.meanSojourn,
    );
    expectLittle(runs);
  });
});

describe("reproducibility (M/M/1 at ρ = 0.8, 5 000 customers)", () => {
  const model: QueueModel = {
    arrivalRate: 16,
    service: { kind: "exponential", mean: 0.05 },
    servers: 1,
    warmup: 10,
    horizon: 10 + 300,
  };
  /** The bit patterns of every measured double, so "identical" means bit for bit. */
  const bits = (run: QueueRun): string[] =>
    Object.values(run).map((x: number) => Buffer.from(new Float64Array([x]).buffer).toString("hex"));

  it("the same seed and replication give identical results bit for bit (seed 7)", () => {
    const a = runQueue(model, new RandomStreams(7).forReplication(3));
    const b = runQueue(model, new RandomStreams(7).forReplication(3));
    expect(bits(a)).toEqual(bits(b));
  });

  it("a different seed, or a different replication, gives different results (seeds 7 and 8)", () => {
    const base = runQueue(model, new RandomStreams(7).forReplication(3));
    const otherSeed = runQueue(model, new RandomStreams(8).forReplication(3));
    const otherReplication = runQueue(model, new RandomStreams(7).forReplication(4));
    for (const other of [otherSeed, otherReplication]) {
      expect(other.meanWait).not.toBe(base.meanWait);
      expect(other.meanSojourn).not.toBe(base.meanSojourn);
    }
  });
});
