/** `authsim sweep`: bad variants exit 2 before any run; --workers 1 and 2 give identical tables. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const SHORT = ["--set", "simulation.duration=4m", "--set", "simulation.warmUp=1m", "--replications", "2"];

describe("authsim sweep", () => {
  const dir = mkdtempSync(join(tmpdir(), "authsim-sweep-"));

  it("refuses a variant that does not validate, naming it, before running anything (exit 2)", async () => {
    const c = capture();
    const code = await runProgram(
      [
        "sweep",
        "scenarios/quickstart.yaml",
        "--vary",
        "identityProvider.ssoShare=50%,150%",
        "--out",
        join(dir, "bad"),
        ...SHORT,
      ],
      c.io,
    );
    expect(code).toBe(2);
    expect(c.err.join("\n")).toMatch(/variant identityProvider\.ssoShare=150%/);
  });

  it("gives byte-identical results with one worker and with two", async () => {
    const args = [
      "sweep",
      "scenarios/quickstart.yaml",
      "--vary",
      "identityProvider.ssoShare=50%,90%",
      ...SHORT,
    ];
    const a = capture();
    const b = capture();
    expect(await runProgram([...args, "--workers", "1", "--out", join(dir, "w1")], a.io)).toBe(0);
    expect(await runProgram([...args, "--workers", "2", "--out", join(dir, "w2")], b.io)).toBe(0);
    const csv1 = readFileSync(join(dir, "w1", "sweep.csv"), "utf8");
    expect(csv1).toBe(readFileSync(join(dir, "w2", "sweep.csv"), "utf8"));
    expect(csv1.trimEnd().split("\n")).toHaveLength(3);
    // A chart per headline metric, with its confidence band: a real PNG.
    const png = readFileSync(join(dir, "w1", "sweep-login-p95.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("sharded then merged gives the same sweep as one run; a missing shard is refused", async () => {
    const args = [
      "sweep",
      "scenarios/quickstart.yaml",
      "--vary",
      "identityProvider.ssoShare=20%,50%,80%",
      ...SHORT,
    ];
    const c = capture();
    expect(await runProgram([...args, "--out", join(dir, "whole")], c.io)).toBe(0);
    expect(await runProgram([...args, "--shard", "1/2", "--out", join(dir, "s1")], c.io)).toBe(0);
    expect(await runProgram([...args, "--shard", "2/2", "--out", join(dir, "s2")], c.io)).toBe(0);
    expect(
      await runProgram(["merge", join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "merged")], c.io),
    ).toBe(0);
    expect(readFileSync(join(dir, "merged", "sweep.csv"), "utf8")).toBe(
      readFileSync(join(dir, "whole", "sweep.csv"), "utf8"),
    );
    const m = capture();
    expect(await runProgram(["merge", join(dir, "s1"), "--out", join(dir, "half")], m.io)).toBe(2);
    expect(m.err.join("\n")).toMatch(/variants missing \(no part ran them\): 2/);
    const bad = capture();
    expect(await runProgram([...args, "--shard", "3/2", "--out", join(dir, "x")], bad.io)).toBe(2);
  });
});

describe("a sweep over token lifetime", () => {
  it("shows renewal load falling as the lifetime rises, with separated 95% intervals", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-sweep-"));
    const c = capture();
    const code = await runProgram(
      [
        "sweep",
        "scenarios/quickstart.yaml",
        "--vary",
        "identityProvider.tokenLifetime={ constant: 15m },{ constant: 30m },{ constant: 60m }",
        "--set",
        "simulation.duration=90m",
        "--set",
        "simulation.warmUp=15m",
        "--set",
        "identityProvider.renewalOffset=1m",
        "--replications",
        "3",
        "--out",
        join(dir, "tl"),
      ],
      c.io,
    );
    expect(code).toBe(0);
    const { rows } = JSON.parse(readFileSync(join(dir, "tl", "sweep.json"), "utf8"));
    const renewals = rows.map(
      (r: { metrics: Record<string, { mean: number; low: number; high: number }> }) =>
        r.metrics["tokens.renewal"],
    );
    expect(renewals).toHaveLength(3);
    for (let i = 1; i < renewals.length; i++) {
      // Longer lifetimes renew less, and the replications' intervals do not overlap.
      expect(renewals[i].mean).toBeLessThan(renewals[i - 1].mean);
      expect(renewals[i].high).toBeLessThan(renewals[i - 1].low);
    }
    expect(renewals[2].mean).toBeGreaterThan(0);
  });
});
