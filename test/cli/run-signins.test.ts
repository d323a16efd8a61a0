/**
 * `authsim run --emit-signins` end to end: the output folder gets signins.jsonl, one Graph signIn
 * object per line (the documented fields, deterministic: the same scenario and seed give the same
 * bytes, and the run's summary is the one a run without it writes), `authsim calibrate` reads it
 * back to the scenario's user base, and nothing calibrate prints or writes (the fitted scenario,
 * --json, the check's folder) carries a user id, name, UPN or correlation id of the log.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const SCENARIO = `
name: signins-cli
simulation: { startDay: tuesday, startTime: "08:00", duration: 2h, warmUp: 0s, seed: 3, timeBin: 5m }
datacenters:
  - { name: weu, region: westeurope }
userBases:
  - { name: amsterdam, region: westeurope, dailyActiveUsers: 3000 }
identityProvider: { mfa: { share: 50% } }
`;

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe("authsim run --emit-signins", () => {
  it("writes signins.jsonl that calibrate reads back, and calibrate names no one from it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-signins-"));
    const file = join(dir, "s.yaml");
    writeFileSync(file, SCENARIO);
    const run = await cli(["run", file, "--emit-signins", "--out", join(dir, "a"), "--quiet"]);
    expect(run.code, run.err).toBe(0);
    expect(readdirSync(join(dir, "a"))).toContain("signins.jsonl");
    const text = readFileSync(join(dir, "a", "signins.jsonl"), "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(1000);
    const users = new Set<string>();
    const names = new Set<string>();
    const correlations = new Set<string>();
    for (const line of lines) {
      const o = JSON.parse(line);
      expect(o.createdDateTime).toMatch(/^2026-01-06T(08|09|10):\d\d:\d\d\.\d{3}Z$/); // Tuesday of 2026-01-05's week
      expect(typeof o.isInteractive).toBe("boolean");
      expect(o.location.countryOrRegion).toBe("NL");
      expect(o.location.city).toBe("Amsterdam");
      expect(o.status.errorCode).toBe(0);
      expect(["multiFactorAuthentication", "singleFactorAuthentication"]).toContain(
        o.authenticationRequirement,
      );
      expect(o.resourceDisplayName).toBe("signins-cli API");
      users.add(o.userId);
      names.add(o.userPrincipalName);
      names.add(o.userDisplayName);
      correlations.add(o.correlationId);
    }
    expect(lines.some((l) => JSON.parse(l).authenticationRequirement === "multiFactorAuthentication")).toBe(
      true,
    );
    // Deterministic, and the run's results are those of a run without the log.
    const again = await cli(["run", file, "--emit-signins", "--out", join(dir, "b"), "--quiet"]);
    const plain = await cli(["run", file, "--out", join(dir, "c"), "--quiet"]);
    expect(again.code + plain.code).toBe(0);
    expect(readFileSync(join(dir, "b", "signins.jsonl"), "utf8")).toBe(text);
    const summary = readFileSync(join(dir, "a", "summary.json"), "utf8");
    expect(readFileSync(join(dir, "c", "summary.json"), "utf8")).toBe(summary);
    expect(readdirSync(dir).filter((f) => f.includes(".signins-"))).toEqual([]); // no file left beside

    const fitted = join(dir, "fitted.yaml");
    const fit = await cli(["calibrate", join(dir, "a", "signins.jsonl"), "--out", fitted]);
    expect(fit.code, fit.err).toBe(0);
    expect(fit.err).toContain(`${lines.length.toLocaleString("en-US")} user sign-ins`);
    const yaml = readFileSync(fitted, "utf8");
    expect(yaml).toMatch(/region: westeurope/);
    const check = join(dir, "check");
    const checked = await cli([
      "calibrate",
      join(dir, "a", "signins.jsonl"),
      "--check",
      fitted,
      "--check-out",
      check,
    ]);
    expect([0, 1]).toContain(checked.code);
    expect(checked.out).toMatch(/model run: 1 replication/);
    const charts = readdirSync(check);
    expect(charts).toContain("check-mix.png");
    expect(charts.some((f) => /^check-starts-.*\.png$/.test(f))).toBe(true);
    const json = await cli([
      "calibrate",
      join(dir, "a", "signins.jsonl"),
      "--check",
      fitted,
      "--no-model",
      "--json",
    ]);
    const written = [yaml, fit.out, fit.err, checked.out, checked.err, json.out, json.err]
      .concat(["check.txt", "check.json"].map((f) => readFileSync(join(check, f), "utf8")))
      .join("\n");
    for (const guid of written.match(GUID) ?? []) {
      expect(users.has(guid)).toBe(false);
      expect(correlations.has(guid)).toBe(false);
    }
    expect(written).not.toContain("@authsim.invalid");
    expect(written).not.toContain("Simulated user");
    for (const name of [...names].slice(0, 50)) expect(written).not.toContain(name);
  }, 120_000);
});
