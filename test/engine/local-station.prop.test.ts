/**
 * The station advanced in local time must be the event-driven Station, event for event.
 *
 * Given a random script of job submissions (arrival times, service times), outages and server
 * changes, played (a) on an engine Station through the Simulation and (b) on a LocalStation
 * whose local process the simulation plays up to each script time, then: the same callbacks in the same order at the same times,
 * the same submit answers, the same counters and the same busy and queue integrals. Service times
 * are drawn from a small grid of values so that ties (completion at a deadline, several jobs
 * ending at once) happen often.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { type DropReason, LocalStation, Station } from "../../src/engine/station/index.ts";

type Op =
  | { kind: "submit"; gap: number; service: number }
  | { kind: "down"; gap: number; isDown: boolean }
  | { kind: "servers"; gap: number; servers: number };

const gapArb = fc.constantFrom(0, 0.25, 0.5, 1, 2.5);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("submit" as const),
      gap: gapArb,
      service: fc.constantFrom(0.5, 1, 2, 3, 5),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("down" as const), gap: gapArb, isDown: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("servers" as const),
      gap: gapArb,
      servers: fc.integer({ min: 0, max: 4 }),
    }),
  },
);

interface Config {
  readonly servers: number;
  readonly queueLimit: number;
  readonly timeout: number;
  readonly timeoutScope: "queue" | "response";
}

function onStation(ops: readonly Op[], config: Config, end: number): { log: string[]; stats: number[] } {
  const sim = new Simulation();
  const log: string[] = [];
  const station = new Station(
    sim,
    { name: "s", ...config },
    {
      onDone: (job) => log.push(`${sim.now} done ${job}`),
      onDrop: (job, reason: DropReason) => log.push(`${sim.now} drop ${job} ${reason}`),
    },
  );
  const kind = sim.defineEvent("op", (i) => {
    const op = ops[i];
    if (op.kind === "submit") log.push(`${sim.now} submit ${i} -> ${station.submit(i, op.service)}`);
    else if (op.kind === "down") station.setDown(op.isDown);
    else station.setServers(op.servers);
  });
  scheduleScript(sim, ops, kind);
  sim.run(end);
  return { log, stats: statsOf(station, end) };
}

function onCluster(ops: readonly Op[], config: Config, end: number): { log: string[]; stats: number[] } {
  // A bare Simulation whose clock is moved by one event per script time stands in for the world;
  // the local process is the station alone (in the model it is the calls feeding it too).
  const sim = new Simulation();
  const log: string[] = [];
  const cluster = new LocalStation(sim, { name: "c", ...config }, Float64Array.of(Number.POSITIVE_INFINITY));
  cluster.bind({
    onDone: (job, time) => log.push(`${time} done ${job}`),
    onDrop: (job, reason, time) => log.push(`${time} drop ${job} ${reason}`),
  });
  sim.addLocalProcess({ playUntil: (t) => cluster.advance(t), nextLocalTime: () => cluster.nextTime() });
  const kind = sim.defineEvent(
    "op",
    (i) => {
      const op = ops[i];
      const now = sim.now;
      // An observing kind: played up to now before this handler, nothing is pending in the past.
      expect(sim.nextLocalTime()).toBeGreaterThan(now);
      if (op.kind === "submit") log.push(`${now} submit ${i} -> ${cluster.submit(i, op.service, now)}`);
      else if (op.kind === "down") cluster.setDown(op.isDown);
      else cluster.setServers(op.servers);
    },
    { observes: true },
  );
  scheduleScript(sim, ops, kind);
  sim.run(end);
  expect(sim.nextLocalTime()).toBeGreaterThan(end);
  return { log, stats: statsOf(cluster, end) };
}

/**
 * Script times: the grid gaps plus a tiny offset per op (1/1024 s, exact in binary), so a script
 * event never falls on a completion or deadline. At such a tie the engine orders by when each
 * event was scheduled, which the cluster, settled by its owner before each outside event, does
 * not see; in the model those ties have probability zero (continuous times).
 */
function scheduleScript(sim: Simulation, ops: readonly Op[], kind: number): void {
  let t = 0;
  ops.forEach((op, i) => {
    t += op.gap;
    sim.scheduleAt(t + (i + 1) / 1024 / 128, kind, i);
  });
}

function statsOf(s: Station | LocalStation, end: number): number[] {
  return [
    s.arrivals,
    s.completions,
    s.rejectedFull,
    s.rejectedDown,
    s.timeouts,
    s.outageDrops,
    s.busyServers,
    s.queueLength,
    s.busy.integral(end),
    s.queued.integral(end),
    s.busy.max,
    s.queued.max,
  ];
}

describe("LocalStation = event-driven Station", () => {
  it.each(["response", "queue"] as const)(
    "gives the same callbacks, answers, counters and integrals for any script (%s timeout)",
    (timeoutScope) => {
      fc.assert(
        fc.property(
          fc.array(opArb, { maxLength: 80 }),
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom(0, 1, 3, Number.POSITIVE_INFINITY),
          fc.constantFrom(1, 2.5, 4, Number.POSITIVE_INFINITY),
          (ops, servers, queueLimit, timeout) => {
            const config = { servers, queueLimit, timeout, timeoutScope };
            const end = ops.reduce((t, op) => t + op.gap, 0) + 20;
            const station = onStation(ops, config, end);
            const cluster = onCluster(ops, config, end);
            // Two callbacks at one instant may come in either order in the station (by seq) and the
            // cluster (by heap entry); compare each instant's callbacks as a set.
            expect(byInstant(cluster.log)).toEqual(byInstant(station.log));
            expect(cluster.stats).toEqual(station.stats);
          },
        ),
        { numRuns: 400, seed: 20261127 },
      );
    },
  );
});

function byInstant(log: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const line of log) {
    const t = line.slice(0, line.indexOf(" "));
    const list = groups.get(t) ?? [];
    list.push(line);
    groups.set(t, list);
  }
  return [...groups.values()].map((g) => g.sort());
}
