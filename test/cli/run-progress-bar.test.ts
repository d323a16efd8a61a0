// The progress line: bar, simulated time, events/s and ETA; redrawn at most every 250 ms.
import { describe, expect, it } from "vitest";
import { compactCount, ProgressBar } from "../../src/cli/progress-bar.ts";

describe("ProgressBar", () => {
  it("draws simulated time, events/s and ETA, and redraws at most 4 times a second", () => {
    let now = 0;
    const writes: string[] = [];
    const bar = new ProgressBar({ write: (t) => writes.push(t), now: () => now });
    now = 1000;
    bar.update({ replication: 0, replications: 1, simulated: 225, duration: 900, events: 2_000_000 });
    now = 1100;
    bar.update({ replication: 0, replications: 1, simulated: 250, duration: 900, events: 2_100_000 });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe("\r[#####---------------]   25%  3m 45s of 15m  2.00M events/s  ETA 3s\u001b[K");
    bar.done();
    expect(writes.at(-1)).toBe("\r\u001b[K");
  });

  it("counts replications and keeps a running event total across them", () => {
    let now = 0;
    const bar = new ProgressBar({ write: () => {}, now: () => now });
    now = 1000;
    bar.update({ replication: 0, replications: 2, simulated: 900, duration: 900, events: 1000 });
    now = 2000;
    const p = { replication: 1, replications: 2, simulated: 450, duration: 900, events: 500 };
    bar.update(p);
    expect(bar.line(p, 2000)).toContain("  75%  r2/2  7m 30s of 15m  750 events/s");
  });

  it("with the estimated events, the share done and ETA follow events, not simulated time", () => {
    // A run whose busy hour is ahead: a quarter of the simulated time holds a tenth of the events.
    const bar = new ProgressBar({ write: () => {}, now: () => 0, expectedEvents: 10_000_000 });
    const p = { replication: 0, replications: 1, simulated: 225, duration: 900, events: 1_000_000 };
    expect(bar.line(p, 10_000)).toMatch(/ 10% .* ETA 1m 30s/);
    // The estimate is an upper bound: a run that has not ended shows at most 99%, an ended one 100%.
    expect(bar.line({ ...p, simulated: 899, events: 20_000_000 }, 20_000)).toMatch(/ 99% /);
    expect(bar.line({ ...p, simulated: 900, events: 9_000_000 }, 30_000)).toMatch(/ 100% /);
  });

  it("fits the terminal width", () => {
    const bar = new ProgressBar({ write: () => {}, now: () => 0, columns: 20 });
    expect(
      bar.line({ replication: 0, replications: 1, simulated: 1, duration: 2, events: 1 }, 0),
    ).toHaveLength(19);
  });
});

describe("compactCount", () => {
  it("shortens large counts", () => {
    expect([compactCount(12), compactCount(85_000), compactCount(2_310_000), compactCount(3e9)]).toEqual([
      "12",
      "85k",
      "2.31M",
      "3.00G",
    ]);
  });
});
