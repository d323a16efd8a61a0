/**
 * The whole model on a bundled scenario (default: the global baseline, 1 h slice): events/s, wall
 * time, peak RSS and resident bytes per concurrent session (peak RSS above the RSS before the
 * world was built, over the most sessions active at once; sampled every 200,000 events).
 */
import { performance } from "node:perf_hooks";
import { RandomStreams } from "../src/engine/random/index.ts";
import { buildRun } from "../src/model/run-scenario.ts";
import { loadScenarioFile } from "../src/scenario/index.ts";

export interface ModelBenchResult {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly peakSessions: number;
  readonly bytesPerSession: number;
}

export function benchModel(file: string, overrides: readonly string[], name = file): ModelBenchResult {
  const loaded = loadScenarioFile(file, { overrides: [...overrides] });
  if (!loaded.ok) throw new Error(`${file} does not load with ${overrides.join(" ")}`);
  const scenario = loaded.scenario;
  const rssBefore = process.memoryUsage.rss();
  const start = performance.now();
  const { world } = buildRun(scenario, new RandomStreams(scenario.simulation.seed).forReplication(0));
  const { sim, sessions } = world;
  const duration = scenario.simulation.duration;
  let peakSessions = 0;
  while (sim.peekTime() <= duration) {
    sim.run(duration, 200_000);
    if (sessions.active > peakSessions) peakSessions = sessions.active;
  }
  const seconds = (performance.now() - start) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    name,
    // The engine's events plus those the back ends play in their local loops.
    events: sim.eventsProcessed + world.datacenters.localEvents(),
    seconds,
    peakRssMiB: peakRss / 2 ** 20,
    peakSessions,
    bytesPerSession: peakSessions > 0 ? (peakRss - rssBefore) / peakSessions : 0,
  };
}

export function formatModelResult(r: ModelBenchResult): string {
  return `${r.name.padEnd(44)} ${(r.events / r.seconds / 1e6).toFixed(2)} M events/s   ${r.events.toLocaleString("en")} in ${r.seconds.toFixed(2)} s   peak RSS ${r.peakRssMiB.toFixed(0)} MiB   ${r.peakSessions.toLocaleString("en")} sessions at peak, ${r.bytesPerSession.toFixed(0)} B each`;
}

/** Model cases for bench/index.ts (each prints its own line; the runner prints nothing more). */
export const MODEL_CASES: Record<string, () => undefined> = {
  "model-baseline-1h": () => {
    const overrides = ["simulation.duration=1h", "simulation.warmUp=5m"];
    const r = benchModel("scenarios/global-baseline.yaml", overrides, "model: global-baseline, 1 h");
    console.log(formatModelResult(r));
  },
};
