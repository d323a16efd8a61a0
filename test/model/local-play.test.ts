/**
 * "Settled before read" is kept by the engine: the back ends' local loops are played up to the
 * clock before every event of a kind declared as observing them (bins, warm-up, faults,
 * autoscalers) and at the end of a run. If some handler read or changed a back end without its
 * kind being declared, it would see calls not yet played, and the run would differ from one that
 * plays the loops before every event. So: every bundled scenario (shortened, faults pulled into
 * the window, as the fingerprints run them), both ways, the same results.
 *
 * Tolerance: counts, peaks and percentiles exactly; sums (means) to 1e-12 relative, because a
 * sketch that gathers calls of several datacenters adds them in a different order.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/index.ts";
import { scenarioFiles, shortened } from "../fingerprints/fingerprint-cases.ts";

/** Every number in `value`, with its path, except wall-clock figures. */
function numbers(value: unknown, path = "", out: [string, number][] = []): [string, number][] {
  if (typeof value === "number") out.push([path, value]);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) numbers(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "performance" || k === "fingerprint") continue;
      numbers(v, path ? `${path}.${k}` : k, out);
    }
  return out;
}

/**
 * No bundled scenario takes a back end down, scales one or spikes its latency: quickstart with
 * all three, small enough that the back end queues.
 */
const BACK_END_EVENTS = [
  "faults=[{ type: datacenterOutage, datacenter: weu, component: backEnd, start: 3m, duration: 1m }, { type: latencySpike, between: [westeurope, uksouth], extra: 80ms, start: 2m, duration: 4m }]",
  "datacenters[0].backEnd.instances=1",
  "datacenters[0].backEnd.concurrency=2",
  "datacenters[0].backEnd.autoscaling={ maxInstances: 3, scaleOutAbove: 30%, scaleInBelow: 10%, evaluationInterval: 20s, window: 1m, cooldown: 1m, provisioningDelay: 30s }",
];

const CASES: [string, string, readonly string[]][] = [
  ...scenarioFiles().map((f): [string, string, string[]] => [f, f, []]),
  ["quickstart with a back-end outage, latency spike and autoscaler", "quickstart.yaml", BACK_END_EVENTS],
];

describe("local loops played only before observing events = before every event", () => {
  it.each(CASES)("%s", (_name, file, extra) => {
    const scenario = shortened(file, extra);
    const [lazy] = runScenario(scenario, { replications: 1 });
    const [eager] = runScenario(scenario, { replications: 1, playLocalBeforeEveryEvent: true });
    const a = numbers(lazy);
    const b = numbers(eager);
    expect(b.map(([p]) => p)).toEqual(a.map(([p]) => p));
    const differing = a.filter(([, x], i) => {
      const y = b[i][1];
      if (Number.isNaN(x) && Number.isNaN(y)) return false;
      return !(x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)));
    });
    expect(differing).toEqual([]);
    expect(lazy.performance.events).toBe(eager.performance.events);
  });
});
