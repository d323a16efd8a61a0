/**
 * `authsim runway`: on a small hand-made scenario (one datacenter, a WFE of 4 single-request
 * instances at ≈ 40% mean utilisation today, `wfe.utilisation.peak < 60%`), it writes runway.md,
 * runway.json and runway.png through the output guard, names weu's WFE with a runway between 0
 * and the largest growth tried, and refuses a bad --step (exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

const YAML = `
name: runway-small
simulation: { duration: 5m, warmUp: 1m, seed: 3, replications: 2, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters:
  - name: weu
    region: westeurope
    wfe:
      instances: 4
      concurrency: 1
      serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } }
tenants: [{ name: a, backEnd: weu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 700000
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    backEndRate: 1/h
    # Short sessions: only sign-ins load the WFE, and the warm start has little to draw.
    sessionLength: 2m
slos: ["wfe.utilisation.peak < 60%"]
`;

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
};

describe("authsim runway", () => {
  it("writes the runway per datacenter and component, with a chart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-runway-"));
    writeFileSync(join(dir, "s.yaml"), YAML);
    const c = capture();
    const code = await runProgram(
      ["runway", join(dir, "s.yaml"), "--step", "20%", "--max-growth", "100%", "--out", join(dir, "r")],
      c.io,
    );
    expect(code, c.err.join("\n")).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "r", "runway.json"), "utf8"));
    const [item] = json.objectives;
    expect(item.objective).toBe("wfe.utilisation.peak@weu < 60%");
    expect(item.component).toBe("WFE");
    expect(item.holdsTo).toBeGreaterThan(0);
    expect(item.failsAt).toBeGreaterThan(item.holdsTo);
    expect(item.failsAt - item.holdsTo).toBeLessThanOrEqual(0.0101);
    // Monotone here: every probe below the runway passes, every probe at or above the failure misses.
    for (const p of item.points) expect(p.pass, `+${p.growth}`).toBe(p.growth <= item.holdsTo);
    expect(c.out.join("\n")).toMatch(
      /weu's WFE holds `wfe\.utilisation\.peak@weu < 60%` to \+\d+(\.\d)?% users/,
    );
    expect(readFileSync(join(dir, "r", "runway.md"), "utf8")).toMatch(
      /\| weu \| WFE \| `wfe\.utilisation\.peak@weu < 60%` \| \+/,
    );
    const png = readFileSync(join(dir, "r", "runway.png"));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(readFileSync(join(dir, "r", ".authsim-manifest.json"), "utf8")).toMatch(/"runway"/);
  }, 20_000);

  it("refuses a bad --step (exit 2)", async () => {
    const c = capture();
    expect(await runProgram(["runway", "scenarios/quickstart.yaml", "--step", "ten"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/--step: expected a percentage/);
  });
});
