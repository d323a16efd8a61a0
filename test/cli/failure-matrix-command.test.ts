/**
 * `authsim failure-matrix`: on a small hand-made scenario (user base amsterdam in West Europe,
 * datacenters weu and neu), two hours × every loss write the heatmaps, the tables and the JSON
 * through the output guard, one cell per loss and hour; a bad --hours or an unknown --losses name
 * is exit 2 with nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

const YAML = `
name: matrix-cli
simulation: { duration: 15m, warmUp: 1m, seed: 9, timeBin: 30s }
datacenters:
  - { name: weu, region: westeurope, wfe: { instances: 4 } }
  - { name: neu, region: northeurope, wfe: { instances: 4 } }
tenants: [{ name: a, backEnd: neu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 100000
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    backEndRate: 1/h
`;

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
};

const scenarioFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "authsim-matrix-cli-"));
  writeFileSync(join(dir, "s.yaml"), YAML);
  return { dir, file: join(dir, "s.yaml") };
};

const short = ["--lead", "3m", "--fault", "3m", "--tail", "3m", "--workers", "1"];

describe("authsim failure-matrix", () => {
  it("writes one cell per loss and hour, the heatmaps and the tables", async () => {
    const { dir, file } = scenarioFile();
    const c = capture();
    const code = await runProgram(
      ["failure-matrix", file, "--hours", "3,15", ...short, "--out", join(dir, "m")],
      c.io,
    );
    expect([0, 1], c.err.join("\n")).toContain(code);
    const json = JSON.parse(readFileSync(join(dir, "m", "failure-matrix.json"), "utf8"));
    expect(json.hours).toEqual([3, 15]);
    expect(json.losses.slice(0, 2)).toEqual(["weu (datacenter)", "neu (datacenter)"]);
    expect(json.cells).toHaveLength(json.losses.length * 2);
    const weu = json.cells.find(
      (x: { loss: string; hour: number }) => x.loss === "weu (datacenter)" && x.hour === 15,
    );
    expect(weu.failoverApplies).toBe(true);
    for (const name of ["failure-matrix-failover.png", "failure-matrix-impact.png"]) {
      const png = readFileSync(join(dir, "m", name));
      expect(png.subarray(1, 4).toString("latin1"), name).toBe("PNG");
    }
    const md = readFileSync(join(dir, "m", "failure-matrix.md"), "utf8");
    expect(md).toContain("| Loss | 03:00 | 15:00 |");
    expect(readFileSync(join(dir, "m", "failure-matrix.csv"), "utf8").split("\n")[0]).toMatch(
      /^loss,hour_utc,/,
    );
    expect(c.out.join("\n")).toMatch(/failure matrix of matrix-cli: \d+ cells/);
  });

  it("refuses a bad --hours and an unknown loss with exit 2, writing nothing", async () => {
    const { dir, file } = scenarioFile();
    const bad = capture();
    expect(await runProgram(["failure-matrix", file, "--hours", "25", "--out", join(dir, "a")], bad.io)).toBe(
      2,
    );
    expect(bad.err.join("\n")).toMatch(/--hours/);
    const unknown = capture();
    expect(
      await runProgram(["failure-matrix", file, "--losses", "xyz", "--out", join(dir, "b")], unknown.io),
    ).toBe(2);
    expect(unknown.err.join("\n")).toMatch(/--losses: no datacenter or identity region named "xyz"/);
    expect(existsSync(join(dir, "a")) || existsSync(join(dir, "b"))).toBe(false);
  });
});
