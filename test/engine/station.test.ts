/**
 * The Station contract (see the header of src/engine/station/station-core.ts), clause by clause, as stories:
 * each test scripts submissions and commands at fixed times with deterministic service times and
 * asserts the whole log of (when, who, what), as SimPy's tests/test_resources.py does.
 *
 * Times and durations are sums of halves and quarters, so every logged number is exact.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { DropReason, Station, type StationConfig, SubmitResult } from "../../src/engine/station/index.ts";

/** One line of a story: [simulated time, job name, what happened]. */
type Entry = [number, string, string];

const RESULT_TEXT = {
  [SubmitResult.ACCEPTED]: "accepted",
  [SubmitResult.REJECTED_FULL]: "rejected: full",
  [SubmitResult.REJECTED_DOWN]: "rejected: down",
} as const;
const REASON_TEXT = { [DropReason.TIMEOUT]: "timeout", [DropReason.OUTAGE]: "outage" } as const;

/** Jobs are named by one letter; the job number is its character code. */
const jobOf = (name: string): number => name.charCodeAt(0);
const nameOf = (job: number): string => String.fromCharCode(job);

interface Story {
  readonly sim: Simulation;
  readonly station: Station;
  readonly log: Entry[];
  /** Runs `action` at simulated time `time`. */
  at(time: number, action: () => void): void;
  /** At `time`, submits job `name` needing `service` seconds and logs the answer. */
  submit(time: number, name: string, service: number): void;
  /** Extra work to do when a job completes, after it is logged (for re-entrant submits). */
  afterDone?: (name: string) => void;
}

function story(config: Omit<StationConfig, "name">): Story {
  const sim = new Simulation();
  const log: Entry[] = [];
  const actions: Array<() => void> = [];
  const act = sim.defineEvent("story.act", (i) => actions[i]());
  const s: Story = {
    sim,
    log,
    station: new Station(
      sim,
      { name: "s", ...config },
      {
        onDone(job, wait, service) {
          log.push([sim.now, nameOf(job), `done (wait ${wait}, service ${service})`]);
          s.afterDone?.(nameOf(job));
        },
        onDrop(job, reason, elapsed) {
          log.push([sim.now, nameOf(job), `${REASON_TEXT[reason]} after ${elapsed}`]);
        },
      },
    ),
    at(time, action) {
      actions.push(action);
      sim.scheduleAt(time, act, actions.length - 1);
    },
    submit(time, name, service) {
      s.at(time, () => log.push([sim.now, name, RESULT_TEXT[s.station.submit(jobOf(name), service)]]));
    },
  };
  return s;
}

/** The station's counters, for one-line comparisons. */
function counters(station: Station) {
  const { arrivals, completions, rejectedFull, rejectedDown, timeouts, outageDrops } = station;
  return { arrivals, completions, rejectedFull, rejectedDown, timeouts, outageDrops };
}

describe("Station: FIFO service with c servers", () => {
  it("given two servers and five jobs at t=0, serves them first come, first served", () => {
    const s = story({ servers: 2 });
    s.submit(0, "A", 3);
    s.submit(0, "B", 1);
    s.submit(0, "C", 2);
    s.submit(0, "D", 1);
    s.submit(0.5, "E", 1);
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0, "B", "accepted"],
      [0, "C", "accepted"],
      [0, "D", "accepted"],
      [0.5, "E", "accepted"],
      [1, "B", "done (wait 0, service 1)"], // C takes B's server at 1
      [3, "A", "done (wait 0, service 3)"], // D takes A's server at 3
      [3, "C", "done (wait 1, service 2)"], // E takes C's server at 3
      [4, "D", "done (wait 3, service 1)"],
      [4, "E", "done (wait 2.5, service 1)"],
    ]);
    expect(s.station.busyServers).toBe(0);
    expect(s.station.queueLength).toBe(0);
  });

  it("reports busy servers and queue length as the story unfolds", () => {
    const s = story({ servers: 2 });
    const seen: Array<[number, number, number]> = [];
    const look = () => seen.push([s.sim.now, s.station.busyServers, s.station.queueLength]);
    for (const name of "ABCD") s.submit(0, name, 2);
    for (const t of [0.5, 1.5, 2.5, 3.5, 4.5]) s.at(t, look);
    s.sim.run();
    expect(seen).toEqual([
      [0.5, 2, 2],
      [1.5, 2, 2],
      [2.5, 2, 0], // A and B done at 2, C and D started
      [3.5, 2, 0],
      [4.5, 0, 0],
    ]);
  });
});

describe("Station: queue limit", () => {
  it("given one server and room for two waiting, rejects the third waiting job as full, and accepts again once there is room", () => {
    const s = story({ servers: 1, queueLimit: 2 });
    s.submit(0, "A", 2);
    s.submit(0.5, "B", 1);
    s.submit(1, "C", 1);
    s.submit(1.5, "D", 1); // A in service, B and C waiting: full
    s.submit(2.5, "E", 1); // B started at 2: one place free
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0.5, "B", "accepted"],
      [1, "C", "accepted"],
      [1.5, "D", "rejected: full"],
      [2, "A", "done (wait 0, service 2)"],
      [2.5, "E", "accepted"],
      [3, "B", "done (wait 1.5, service 1)"],
      [4, "C", "done (wait 2, service 1)"],
      [5, "E", "done (wait 1.5, service 1)"],
    ]);
    expect(counters(s.station)).toEqual({
      arrivals: 5,
      completions: 4,
      rejectedFull: 1,
      rejectedDown: 0,
      timeouts: 0,
      outageDrops: 0,
    });
  });

  it("queueLimit 0 means no waiting: a job is served at once or rejected", () => {
    const s = story({ servers: 2, queueLimit: 0 });
    s.submit(0, "A", 2);
    s.submit(0, "B", 3);
    s.submit(1, "C", 1);
    s.submit(2.5, "D", 1); // A's server is free again
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0, "B", "accepted"],
      [1, "C", "rejected: full"],
      [2, "A", "done (wait 0, service 2)"],
      [2.5, "D", "accepted"],
      [3, "B", "done (wait 0, service 3)"],
      [3.5, "D", "done (wait 0, service 1)"],
    ]);
    expect(s.station.queued.max).toBe(0);
    expect(s.station.rejectedFull).toBe(1);
  });
});

describe("Station: timeout scope 'queue'", () => {
  it("a job still waiting `timeout` s after arrival abandons; one that started in time is served in full", () => {
    const s = story({ servers: 1, timeout: 2, timeoutScope: "queue" });
    s.submit(0, "A", 3); // starts at once: never dropped, though it ends after its 2 s
    s.submit(0.5, "B", 1); // would start at 3: abandons at 2.5
    s.submit(1.5, "C", 4); // starts at 3 (< 3.5), then runs to 7
    s.submit(2, "D", 1); // would start at 7: abandons at 4
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0.5, "B", "accepted"],
      [1.5, "C", "accepted"],
      [2, "D", "accepted"],
      [2.5, "B", "timeout after 2"],
      [3, "A", "done (wait 0, service 3)"],
      [4, "D", "timeout after 2"],
      [7, "C", "done (wait 1.5, service 4)"],
    ]);
    expect(counters(s.station)).toMatchObject({ arrivals: 4, completions: 2, timeouts: 2 });
    expect(s.sim.pending).toBe(0);
  });

  it("an abandoning job frees its place in a limited queue", () => {
    const s = story({ servers: 1, queueLimit: 1, timeout: 1 });
    s.submit(0, "A", 5);
    s.submit(0.5, "B", 1);
    s.submit(1, "C", 1); // B waits: full
    s.submit(2, "D", 1); // B left at 1.5: room again
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0.5, "B", "accepted"],
      [1, "C", "rejected: full"],
      [1.5, "B", "timeout after 1"],
      [2, "D", "accepted"],
      [3, "D", "timeout after 1"],
      [5, "A", "done (wait 0, service 5)"],
    ]);
  });
});

describe("Station: timeout scope 'response'", () => {
  it("tells the caller at the deadline even in service, keeps the server busy until the work ends, and never calls onDone for it", () => {
    const s = story({ servers: 1, timeout: 2, timeoutScope: "response" });
    const busy: Array<[number, number]> = [];
    s.submit(0, "A", 3); // in service at its deadline 2; the server works on until 3
    s.submit(1.5, "B", 0.25); // waits for A's server until 3, not 2
    s.submit(4, "C", 3); // deadline 6 in service, server busy until 7
    s.submit(6.5, "D", 1); // starts at 7, done at 8, inside its deadline 8.5
    s.submit(7.5, "E", 2); // waits 0.5, then in service at its deadline 9.5
    for (const t of [2.5, 6.5, 9.75]) s.at(t, () => busy.push([t, s.station.busyServers]));
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [1.5, "B", "accepted"],
      [2, "A", "timeout after 2"],
      [3.25, "B", "done (wait 1.5, service 0.25)"],
      [4, "C", "accepted"],
      [6, "C", "timeout after 2"],
      [6.5, "D", "accepted"],
      [7.5, "E", "accepted"],
      [8, "D", "done (wait 0.5, service 1)"],
      [9.5, "E", "timeout after 2"],
    ]);
    expect(busy).toEqual([
      [2.5, 1],
      [6.5, 1],
      [9.75, 1],
    ]);
    expect(s.sim.now).toBe(10); // E's abandoned work still ran to its end
    expect(s.station.busyServers).toBe(0);
    expect(counters(s.station)).toMatchObject({ arrivals: 5, completions: 2, timeouts: 3 });
    // Orphaned work counts as busy time: the server worked 0-3.25, 4-7, 7-8, 8-10 of 10 s.
    expect(s.station.utilisation()).toBe(0.925);
  });

  it("a waiting job also gives up at its deadline", () => {
    const s = story({ servers: 1, timeout: 1, timeoutScope: "response" });
    s.submit(0, "A", 0.5);
    s.submit(0, "B", 2); // starts at 0.5, deadline 1 in service
    s.submit(0, "C", 1); // still waiting at 1
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0, "B", "accepted"],
      [0, "C", "accepted"],
      [0.5, "A", "done (wait 0, service 0.5)"],
      [1, "B", "timeout after 1"],
      [1, "C", "timeout after 1"],
    ]);
    expect(s.sim.now).toBe(2.5);
  });
});

describe("Station: outage", () => {
  it("setDown(true) drops in-service then queued jobs in arrival order; while down it rejects; setDown(false) accepts again", () => {
    const s = story({ servers: 2, timeout: 100 });
    s.submit(0, "A", 10);
    s.submit(1, "B", 10);
    s.submit(2, "C", 1);
    s.submit(3, "D", 1);
    s.at(5, () => s.station.setDown(true));
    s.submit(6, "E", 1);
    s.at(7, () => s.station.setDown(false));
    s.submit(8, "F", 1);
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [1, "B", "accepted"],
      [2, "C", "accepted"],
      [3, "D", "accepted"],
      [5, "A", "outage after 5"],
      [5, "B", "outage after 4"],
      [5, "C", "outage after 3"],
      [5, "D", "outage after 2"],
      [6, "E", "rejected: down"],
      [8, "F", "accepted"],
      [9, "F", "done (wait 0, service 1)"],
    ]);
    // No stale service end or timeout of A-D survived the outage.
    expect(s.sim.now).toBe(9);
    expect(counters(s.station)).toEqual({
      arrivals: 6,
      completions: 1,
      rejectedFull: 0,
      rejectedDown: 1,
      timeouts: 0,
      outageDrops: 4,
    });
  });

  it("drops jobs that arrived at the same instant in the order they were submitted, though they reuse freed slots", () => {
    const s = story({ servers: 2 });
    s.submit(0, "A", 1);
    s.submit(0, "B", 2);
    // A and B free their slots at 1 and 2; C and D take them in the opposite order.
    s.submit(3, "C", 5);
    s.submit(3, "D", 5);
    s.submit(3, "E", 5);
    s.submit(3, "F", 5);
    s.at(4, () => s.station.setDown(true));
    s.sim.run();
    expect(s.log.slice(-4)).toEqual([
      [4, "C", "outage after 1"],
      [4, "D", "outage after 1"],
      [4, "E", "outage after 1"],
      [4, "F", "outage after 1"],
    ]);
  });

  it("a job already told of its response timeout is not dropped again, and repeated outages leave the station sound", () => {
    const s = story({ servers: 2, timeout: 1, timeoutScope: "response" });
    s.submit(0, "A", 5); // told at 1, work orphaned
    s.at(2, () => s.station.setDown(true)); // A's work is cut: no callback
    s.at(2.5, () => s.station.setDown(false));
    s.at(3, () => s.station.setDown(true)); // nothing in the station
    s.at(3.5, () => s.station.setDown(false));
    s.submit(4, "B", 0.5);
    s.submit(4, "C", 0.5);
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [1, "A", "timeout after 1"],
      [4, "B", "accepted"],
      [4, "C", "accepted"],
      [4.5, "B", "done (wait 0, service 0.5)"],
      [4.5, "C", "done (wait 0, service 0.5)"],
    ]);
    expect(counters(s.station)).toMatchObject({ arrivals: 3, completions: 2, timeouts: 1, outageDrops: 0 });
  });

  it("setDown with the state it already has changes nothing", () => {
    const s = story({ servers: 1 });
    s.submit(0, "A", 2);
    s.at(1, () => s.station.setDown(false));
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [2, "A", "done (wait 0, service 2)"],
    ]);
    expect(s.station.isDown).toBe(false);
  });
});

describe("Station: re-entry and autoscaling", () => {
  it("a job submitted from inside onDone queues behind the jobs already waiting", () => {
    const s = story({ servers: 1 });
    s.afterDone = (name) => {
      if (name !== "A") return;
      // B has already taken the server when A's onDone runs.
      s.log.push([s.sim.now, "-", `busy ${s.station.busyServers}, queued ${s.station.queueLength}`]);
      s.log.push([s.sim.now, "X", RESULT_TEXT[s.station.submit(jobOf("X"), 1)]]);
    };
    s.submit(0, "A", 1);
    s.submit(0.5, "B", 1);
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [0.5, "B", "accepted"],
      [1, "A", "done (wait 0, service 1)"],
      [1, "-", "busy 1, queued 0"],
      [1, "X", "accepted"],
      [2, "B", "done (wait 0.5, service 1)"],
      [3, "X", "done (wait 1, service 1)"],
    ]);
  });

  it("setServers up starts waiting jobs at once, in FIFO order", () => {
    const s = story({ servers: 1 });
    for (const name of "ABCD") s.submit(0, name, 4);
    s.at(1, () => s.station.setServers(3)); // B and C start at 1; D still waits
    s.sim.run();
    expect(s.log.slice(4)).toEqual([
      [4, "A", "done (wait 0, service 4)"], // D starts at 4
      [5, "B", "done (wait 1, service 4)"],
      [5, "C", "done (wait 1, service 4)"],
      [8, "D", "done (wait 4, service 4)"],
    ]);
  });

  it("setServers down never pre-empts: work in progress finishes, and no job starts until busy < servers", () => {
    const s = story({ servers: 3 });
    const busy: Array<[number, number]> = [];
    s.submit(0, "A", 2);
    s.submit(0, "B", 3);
    s.submit(0, "C", 4);
    s.submit(0.5, "D", 1);
    s.submit(0.5, "E", 1);
    s.at(1, () => s.station.setServers(1));
    for (const t of [1, 2.5, 3.5]) s.at(t, () => busy.push([t, s.station.busyServers]));
    s.sim.run();
    expect(s.log.slice(5)).toEqual([
      [2, "A", "done (wait 0, service 2)"],
      [3, "B", "done (wait 0, service 3)"],
      [4, "C", "done (wait 0, service 4)"], // only now is busy (0) < servers (1): D starts
      [5, "D", "done (wait 3.5, service 1)"],
      [6, "E", "done (wait 4.5, service 1)"],
    ]);
    expect(busy).toEqual([
      [1, 3],
      [2.5, 2],
      [3.5, 1],
    ]);
  });

  it("with zero servers every job waits, until servers are added", () => {
    const s = story({ servers: 0 });
    s.submit(0, "A", 1);
    s.at(2, () => s.station.setServers(1));
    s.sim.run();
    expect(s.log).toEqual([
      [0, "A", "accepted"],
      [3, "A", "done (wait 2, service 1)"],
    ]);
  });

  it("refuses a negative or fractional number of servers", () => {
    const sim = new Simulation();
    expect(() => new Station(sim, { name: "x", servers: -1 }, { onDone() {} })).toThrow(/servers/);
    const station = new Station(sim, { name: "y", servers: 1 }, { onDone() {} });
    expect(() => station.setServers(1.5)).toThrow(RangeError);
    expect(() => station.setServers(Number.NaN)).toThrow(RangeError);
    expect(station.serverCount).toBe(1);
  });
});

describe("Station: counters, conservation and statistics", () => {
  it("counts every outcome, and arrivals = completions + rejected + timeouts + outage drops + in system at every step", () => {
    const s = story({ servers: 1, queueLimit: 1, timeout: 1.5 });
    s.submit(0, "A", 2);
    s.submit(0.25, "B", 1); // waits, abandons at 1.75
    s.submit(0.5, "C", 1); // full
    s.submit(2, "D", 3); // starts at once
    s.submit(2.5, "E", 1); // waits
    s.at(3, () => s.station.setDown(true)); // drops D and E
    s.submit(3.5, "F", 1); // down
    s.at(4, () => s.station.setDown(false));
    s.submit(4, "G", 1);
    s.submit(4, "H", 1); // waits, starts at 5
    let outstanding = 0;
    const balance: number[] = [];
    const check = () => {
      const c = s.station;
      balance.push(
        c.arrivals -
          (c.completions + c.rejectedFull + c.rejectedDown + c.timeouts + c.outageDrops + outstanding),
      );
    };
    // Jobs in system = accepted and not yet called back; the log says which.
    while (s.sim.step()) {
      outstanding = 0;
      for (const name of "ABCDEFGH") {
        const events = s.log.filter((e) => e[1] === name).map((e) => e[2]);
        if (events[0] === "accepted" && events.length === 1) outstanding++;
      }
      check();
    }
    expect(balance.every((b) => b === 0)).toBe(true);
    expect(balance.length).toBeGreaterThan(10);
    expect(counters(s.station)).toEqual({
      arrivals: 8,
      completions: 3,
      rejectedFull: 1,
      rejectedDown: 1,
      timeouts: 1,
      outageDrops: 2,
    });
    expect(s.log.filter((e) => e[2].startsWith("done")).map((e) => e[1])).toEqual(["A", "G", "H"]);
  });

  it("resetStatistics zeroes the counters and starts the time averages afresh, keeping jobs in progress", () => {
    const s = story({ servers: 1 });
    const seen: Record<string, number> = {};
    s.submit(0, "A", 4);
    s.submit(1, "B", 2); // waits 1-4
    s.at(2, () => {
      seen.utilisationBefore = s.station.utilisation(); // busy all of [0, 2]
      seen.queuedBefore = s.station.queued.mean(s.sim.now); // 1 job over [1, 2] of [0, 2]
      s.station.resetStatistics();
      seen.arrivalsAfterReset = s.station.arrivals;
    });
    s.at(8, () => {
      seen.utilisation = s.station.utilisation(); // busy 2-6 of [2, 8]
      seen.queued = s.station.queued.mean(s.sim.now); // 1 job over [2, 4] of [2, 8]
    });
    s.sim.run();
    expect(seen).toEqual({
      utilisationBefore: 1,
      queuedBefore: 0.5,
      arrivalsAfterReset: 0,
      utilisation: 4 / 6,
      queued: 2 / 6,
    });
    // Both jobs arrived before the reset and complete after it.
    expect(counters(s.station)).toMatchObject({ arrivals: 0, completions: 2 });
    expect(s.station.busy.max).toBe(1);
  });

  it("utilisation is mean busy servers over servers, and 0 with no servers", () => {
    const s = story({ servers: 4 });
    s.submit(0, "A", 2);
    s.submit(0, "B", 4);
    s.sim.run(8); // 2·2 + 1·2 = 6 server-seconds of 32
    expect(s.station.utilisation()).toBe(6 / 32);
    s.station.setServers(0);
    expect(s.station.utilisation()).toBe(0);
  });
});
