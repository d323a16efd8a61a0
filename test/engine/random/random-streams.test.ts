import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { type RandomSource, RandomStreams } from "../../../src/engine/random/index.ts";

function take(source: RandomSource, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(source());
  return out;
}

describe("RandomStreams", () => {
  it("gives the same sequence for the same seed and name", () => {
    const a = take(new RandomStreams("s1").get("wfe.service"), 1000);
    const b = take(new RandomStreams("s1").get("wfe.service"), 1000);
    expect(b).toEqual(a);
  });

  it("gives different sequences for a different seed or a different name", () => {
    const base = take(new RandomStreams("s1").get("wfe.service"), 100);
    const otherSeed = take(new RandomStreams("s2").get("wfe.service"), 100);
    const otherName = take(new RandomStreams("s1").get("wfe.services"), 100);
    // Not merely "not equal": no value in common at all.
    expect(otherSeed.filter((x) => base.includes(x))).toEqual([]);
    expect(otherName.filter((x) => base.includes(x))).toEqual([]);
  });

  it("keeps the parts of a stream's seed apart (master 'a/b' + 'c' is not master 'a' + 'b/c')", () => {
    const a = new RandomStreams("a/b").get("c")();
    const b = new RandomStreams("a").get("b/c")();
    expect(a).not.toBe(b);
  });

  it("treats the number 42 and the string '42' as the same master seed", () => {
    expect(take(new RandomStreams(42).get("x"), 10)).toEqual(take(new RandomStreams("42").get("x"), 10));
  });

  it("returns the same stream object for the same name", () => {
    const streams = new RandomStreams(7);
    const first = streams.get("login");
    expect(streams.get("login")).toBe(first);
    // Shared object means a shared, interleaved sequence.
    const solo = take(new RandomStreams(7).get("login"), 4);
    expect([first(), streams.get("login")(), first(), streams.get("login")()]).toEqual(solo);
  });

  it("does not shift a stream's numbers when a model asks for more or fewer streams", () => {
    // Variant A uses only "wfe.service"; variant B also creates and drains two other streams,
    // asked for before and after it: common random numbers across scenario variants.
    const a = take(new RandomStreams("crn").get("wfe.service"), 500);
    const variantB = new RandomStreams("crn");
    const dns = variantB.get("dns.ttl");
    const service = variantB.get("wfe.service");
    const faults = variantB.get("faults");
    const b: number[] = [];
    for (let i = 0; i < 500; i++) {
      dns();
      b.push(service());
      faults();
      faults();
    }
    expect(b).toEqual(a);
  });

  it("derives reproducible, distinct replications from the master seed", () => {
    const base = new RandomStreams("rep");
    const reps = [1, 2, 3].map((i) => take(base.forReplication(i).get("arrivals"), 50));
    expect(reps[0]).not.toEqual(reps[1]);
    expect(reps[1]).not.toEqual(reps[2]);
    expect(reps[0]).not.toEqual(take(base.get("arrivals"), 50));
    expect(take(new RandomStreams("rep").forReplication(2).get("arrivals"), 50)).toEqual(reps[1]);
    // forReplication is not nested: it is always replication i of the master seed.
    expect(take(base.forReplication(3).forReplication(2).get("arrivals"), 50)).toEqual(reps[1]);
    const rep2 = base.forReplication(2);
    expect(rep2.masterSeed).toBe("rep");
    expect(rep2.replication).toBe(2);
  });

  it("makes replication 0 reproduce the base streams from their start", () => {
    const base = new RandomStreams("rep");
    const fromBase = take(base.get("arrivals"), 50);
    expect(take(base.forReplication(0).get("arrivals"), 50)).toEqual(fromBase);
  });

  it("keeps its published numbers (changing them silently breaks reproducibility of old runs)", () => {
    expect(take(new RandomStreams("authsim").get("wfe.service"), 3)).toEqual([
      0.8390839054482058, 0.46924571285489947, 0.682381838443689,
    ]);
    expect(take(new RandomStreams(42).forReplication(3).get("arrivals"), 2)).toEqual([
      0.6694253309397027, 0.11003741214517504,
    ]);
  });

  it("steps xor4096 exactly as seedrandom does (its int32(), as a bucket midpoint)", () => {
    for (const [master, name] of [
      ["authsim", "wfe.service"],
      [7, "x"],
      ["a long master seed that is longer than the generator's 128 words of state, ...", "b"],
    ] as const) {
      const ours = new RandomStreams(master).get(name);
      const theirs = seedrandom.xor4096(JSON.stringify([String(master), 0, name])).int32;
      for (let k = 0; k < 100_000; k++) {
        const expected = ((theirs() >>> 0) + 0.5) / 2 ** 32;
        const got = ours();
        if (got !== expected) expect.fail(`draw ${k} of ${master}/${name}: ${got} vs ${expected}`);
      }
    }
  });

  it("rejects unusable seeds, replications and names", () => {
    expect(() => new RandomStreams(Number.NaN)).toThrow(RangeError);
    expect(() => new RandomStreams(1).forReplication(-1)).toThrow(RangeError);
    expect(() => new RandomStreams(1).forReplication(1.5)).toThrow(RangeError);
    expect(() => new RandomStreams(1).get("")).toThrow(RangeError);
  });
});

describe("a stream's draws (seed 'uniformity', n = 1,000,000)", () => {
  const n = 1_000_000;
  const draws = new Float64Array(n);
  const source = new RandomStreams("uniformity").get("u");
  for (let i = 0; i < n; i++) draws[i] = source();

  it("stay strictly inside (0, 1)", () => {
    let min = 1;
    let max = 0;
    for (const x of draws) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
  });

  it("are uniform: mean within 4 standard errors of 1/2, 20-bucket chi-square below the 0.1% point", () => {
    let sum = 0;
    const buckets = new Array<number>(20).fill(0);
    for (const x of draws) {
      sum += x;
      buckets[Math.floor(x * 20)]++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(chiSquare(buckets, n / 20)).toBeLessThan(CHI2_19_DF_P001);
  });
});

describe("streams with related names (seed 'independence')", () => {
  it("start at uniformly spread points: first draws of 10,000 streams 'job.0'..'job.9999'", () => {
    const streams = new RandomStreams("independence");
    const buckets = new Array<number>(20).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(streams.get(`job.${i}`)() * 20)]++;
    expect(chiSquare(buckets, 10_000 / 20)).toBeLessThan(CHI2_19_DF_P001);
  });

  it("are uncorrelated: |r| of 'node.1' vs 'node.2' below 4/sqrt(n), n = 100,000", () => {
    const streams = new RandomStreams("independence");
    const a = streams.get("node.1");
    const b = streams.get("node.2");
    const n = 100_000;
    let sa = 0;
    let sb = 0;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a();
      const y = b();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
  });
});

/** The chi-square distribution's upper 0.1% point with 19 degrees of freedom. */
const CHI2_19_DF_P001 = 43.82;

function chiSquare(observed: readonly number[], expected: number): number {
  return observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
}
