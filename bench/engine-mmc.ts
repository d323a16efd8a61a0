/**
 * M/M/8 at utilisation 0.9 through the engine's public API: a Poisson source feeding one Station,
 * every interarrival and service time drawn from a named stream. Two events per customer.
 */
import { makeSampler, RandomStreams } from "../src/engine/random/index.ts";
import { Simulation } from "../src/engine/simulation.ts";
import { Station } from "../src/engine/station/index.ts";
import { type BenchResult, measure, steadyState } from "./measure.ts";

export function benchMmc(customers: number, servers = 8, utilisation = 0.9): BenchResult {
  return steadyState(() => runMmc(customers, servers, utilisation));
}

function runMmc(customers: number, servers: number, utilisation: number): BenchResult {
  const sim = new Simulation();
  const streams = new RandomStreams(1);
  const interarrival = makeSampler(
    { kind: "exponential", mean: 1 / (servers * utilisation) },
    streams.get("arrivals"),
  );
  const service = makeSampler({ kind: "exponential", mean: 1 }, streams.get("service"));
  let served = 0;
  const station = new Station(sim, { name: "mmc", servers }, { onDone: () => served++ });
  let arrived = 0;
  const arrive = sim.defineEvent("arrive", (job) => {
    station.submit(job, service());
    if (++arrived < customers) sim.schedule(interarrival(), arrive, arrived);
  });
  sim.schedule(interarrival(), arrive, 0);
  const result = measure(
    `M/M/${servers} at ρ=${utilisation}, ${customers.toLocaleString("en")} customers`,
    "events",
    () => sim.run(),
  );
  if (served !== customers) throw new Error(`served ${served} of ${customers}`);
  return result;
}
