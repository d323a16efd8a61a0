/**
 * The classic hold model (Jones 1986): keep N events pending; each dispatched event schedules one
 * successor at now + Exp(1). It measures the pending-event set alone, at a fixed size.
 */
import { makeSampler, RandomStreams } from "../src/engine/random/index.ts";
import { Simulation } from "../src/engine/simulation.ts";
import { type BenchResult, measure } from "./measure.ts";

export function benchHold(pending: number, holds: number): BenchResult {
  const sim = new Simulation({ initialCapacity: pending + 16 });
  const delay = makeSampler({ kind: "exponential", mean: 1 }, new RandomStreams(1).get("hold"));
  const hold = sim.defineEvent("hold", (target) => {
    sim.schedule(delay(), hold, target);
  });
  for (let i = 0; i < pending; i++) sim.schedule(delay(), hold, i);
  sim.run(Number.POSITIVE_INFINITY, Math.min(holds, 200_000)); // warm the JIT and the caches
  return measure(`hold, ${pending.toLocaleString("en")} pending`, "holds", () =>
    sim.run(Number.POSITIVE_INFINITY, holds),
  );
}
