/**
 * Fault times drawn per replication (issue 15 item 6). A fault whose scenario gives a window or a
 * distribution for its start (or duration) gets its times here, once per replication, before the
 * world is built: everything downstream (fault events, the failover tracker, the routing matrix's
 * "around an outage" windows, the report) then sees one fixed time, that replication's.
 *
 * Each fault draws from streams of its own, `faults.<index>.start` and `faults.<index>.duration`,
 * so replication r's times depend on the seed, r and the fault's own spec only: never on other
 * faults or other parts of the scenario (RandomStreams names streams independently). Faults with
 * fixed times draw nothing and the scenario is returned as it is, so runs without drawn faults
 * are byte for byte what they were.
 */
import { makeSampler, RandomStreams } from "../../engine/random/index.ts";
import type { ResolvedFault, ResolvedScenario } from "../../scenario/index.ts";

/**
 * Draws outside the window are drawn again, at most this many times; then the last is clamped
 * to the window's nearer edge. Only a window holding under ~0.5% of the distribution gets there.
 */
const MAX_REDRAWS = 1000;

/** The scenario with every drawn fault's start and end replaced by this replication's draws. */
export function drawFaultTimes(scenario: ResolvedScenario, streams: RandomStreams): ResolvedScenario {
  if (!scenario.faults.some((f) => f.draw !== undefined)) return scenario;
  const runEnd = scenario.simulation.duration;
  const faults = scenario.faults.map((f, i) => drawOne(f, i, runEnd, streams));
  return { ...scenario, faults };
}

/**
 * The scenario as replication `replication` (0-based, as RunResult.replication) ran it, for
 * reports: the same streams the run used (RandomStreams(seed).forReplication), so the same draws.
 */
export function scenarioOfReplication(scenario: ResolvedScenario, replication: number): ResolvedScenario {
  if (!scenario.faults.some((f) => f.draw !== undefined)) return scenario;
  return drawFaultTimes(scenario, new RandomStreams(scenario.simulation.seed).forReplication(replication));
}

function drawOne(f: ResolvedFault, i: number, runEnd: number, streams: RandomStreams): ResolvedFault {
  if (f.draw === undefined) return f;
  const { draw, ...fixed } = f;
  const start = within(
    makeSampler(draw.start, streams.get(`faults.${i}.start`)),
    draw.window[0],
    draw.window[1],
  );
  const end =
    draw.duration === null
      ? f.end
      : start +
        within(
          makeSampler(draw.duration, streams.get(`faults.${i}.duration`)),
          draw.durationWindow?.[0] ?? Number.NEGATIVE_INFINITY,
          draw.durationWindow?.[1] ?? Number.POSITIVE_INFINITY,
        );
  return { ...fixed, start, end: Math.min(runEnd, end) } as ResolvedFault;
}

/** One draw inside [min, max]: drawn again outside it (truncation), clamped after MAX_REDRAWS. */
function within(sample: () => number, min: number, max: number): number {
  let x = sample();
  for (let k = 0; k < MAX_REDRAWS && (x < min || x > max); k++) x = sample();
  return Math.min(max, Math.max(min, x));
}
