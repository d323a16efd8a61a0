/**
 * The round trip of issue 18: scenario -> a sign-in log generated from its parameters (through
 * the Graph signIn emitter) -> `calibrate` -> scenario'. For a bundled scenario and a generated
 * one (three continents, a broker share, its own profile and session lengths): daily users per
 * user base within 5%, each hour's share of a typical weekday within 1 point, the interactive
 * and MFA shares within 2 points, the session-length median within 10%, scenario' loads, and
 * `--check` of scenario' against the log passes. Fixed seeds (the generator's is the scenario
 * name); daily users scaled down so each log holds 100-150 k sign-ins (at fewer, an hour's share
 * of a typical weekday has a sampling sd near half a point and the worst of 24 hours nears 1).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectedHourlyStarts } from "../../src/calibrate/check/expected-hours.ts";
import { medianOf } from "../../src/calibrate/check/residuals.ts";
import { calibrate, checkScenario, listLogFiles, writeScenario } from "../../src/calibrate/index.ts";
import {
  formatProblem,
  loadScenarioFile,
  loadScenarioText,
  type ResolvedScenario,
} from "../../src/scenario/index.ts";
import { generateJsonLines, paramsFromScenario } from "./generate-log.ts";

const GENERATED = `
name: three-continents
datacenters:
  - { name: weu, region: westeurope }
  - { name: eus, region: eastus }
  - { name: sea, region: southeastasia }
userBases:
  - name: paris
    region: francecentral
    dailyActiveUsers: 30000
    sessionsPerUser: 2
    sessionLength: { lognormal: { median: 40m, p99: 5h } }
    profile: { businessHours: { start: "07:30", end: "17:00", lunchDip: 30% } }
  - name: virginia
    region: eastus
    dailyActiveUsers: 40000
    sessionsPerUser: 1.3
    sessionLength: { lognormal: { median: 3h, p99: 12h } }
    clients: { broker: 20%, spa: 80% }
  - name: singapore
    region: southeastasia
    dailyActiveUsers: 20000
    sessionLength: { lognormal: { median: 90m, p99: 8h } }
    profile: { weekdays: { friday: 0.7, saturday: 0.3 } }
identityProvider:
  ssoShare: 65%
  mfa: { share: 30% }
`;

interface Case {
  readonly name: string;
  readonly scenario: () => ResolvedScenario;
  readonly scale: number;
}

function loaded(result: ReturnType<typeof loadScenarioText>): ResolvedScenario {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("; "));
  return result.scenario;
}

const CASES: Case[] = [
  {
    name: "quickstart (bundled)",
    scenario: () => loaded(loadScenarioFile("scenarios/quickstart.yaml")),
    scale: 0.15,
  },
  {
    name: "three-continents (generated)",
    scenario: () => loaded(loadScenarioText(GENERATED, "three.yaml")),
    scale: 0.08,
  },
];

/** Each local hour's share of a typical weekday (the generator's reading: constant within the hour). */
function sourceHourShares(s: ResolvedScenario, ub: number, days: readonly number[]): number[] {
  const r = s.userBases[ub].arrivals.weeklyRate;
  const day = Array.from({ length: 24 }, (_, h) => days.reduce((sum, d) => sum + r[d * 24 + h], 0));
  const total = day.reduce((a, b) => a + b, 0);
  return day.map((x) => x / total);
}

function fittedHourShares(s: ResolvedScenario, ub: number, days: readonly number[]): number[] {
  const e = expectedHourlyStarts(s.userBases[ub].arrivals);
  const day = Array.from({ length: 24 }, (_, h) => days.reduce((sum, d) => sum + e[d * 24 + h], 0));
  const total = day.reduce((a, b) => a + b, 0);
  return day.map((x) => x / total);
}

describe("round trip: scenario -> emitted log -> calibrate -> scenario'", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const source = c.scenario();
      const params = paramsFromScenario(source, c.scale);
      const dir = mkdtempSync(join(tmpdir(), "authsim-roundtrip-"));
      const lines = generateJsonLines(params);
      expect(lines.length).toBeGreaterThan(20_000);
      writeFileSync(join(dir, "signins.jsonl"), `${lines.join("\n")}\n`);
      const calibration = await calibrate(listLogFiles([join(dir, "signins.jsonl")]));
      const text = writeScenario(calibration, { name: "fitted" });
      const fitted = loaded(loadScenarioText(text, "fitted.yaml"));

      expect(fitted.userBases).toHaveLength(source.userBases.length);
      for (const [i, u] of source.userBases.entries()) {
        const region = source.geography.regions[u.regionIndex].name;
        const j = fitted.userBases.findIndex((f) => fitted.geography.regions[f.regionIndex].name === region);
        expect(j, `a fitted user base in ${region}`).toBeGreaterThanOrEqual(0);
        const f = fitted.userBases[j];
        const dau = u.dailyActiveUsers * c.scale;
        expect(Math.abs(f.dailyActiveUsers - dau) / dau, `${u.name} daily users`).toBeLessThan(0.05);
        const days = calibration.userBases[j].profile.typicalDays;
        const want = sourceHourShares(source, i, days);
        const got = fittedHourShares(fitted, j, days);
        const worst = Math.max(...want.map((w, h) => Math.abs(w - got[h])));
        expect(worst, `${u.name} worst hour's share`).toBeLessThan(0.01);
        const median = medianOf(u.sessionLength)!;
        expect(
          Math.abs(medianOf(f.sessionLength)! - median) / median,
          `${u.name} session median`,
        ).toBeLessThan(0.1);
        expect(Math.abs(f.clients.broker - u.clients.broker), `${u.name} broker share`).toBeLessThan(0.02);
      }
      const idp = source.identityProvider;
      expect(Math.abs(fitted.identityProvider.ssoShare - idp.ssoShare), "interactive share").toBeLessThan(
        0.02,
      );
      expect(Math.abs(fitted.identityProvider.mfa.share - idp.mfa.share), "MFA share").toBeLessThan(0.02);

      const check = checkScenario(calibration, fitted);
      expect(check.rows.filter((r) => !r.pass)).toEqual([]);
      expect(check.pass).toBe(true);
      // The same fit written with a 24-hour day shape (--resolution 1h) passes too.
      const hourly = loaded(
        loadScenarioText(writeScenario(calibration, { name: "fitted", resolution: "1h" }), "h.yaml"),
      );
      expect(hourly.userBases[0].arrivals.quarterRate).toBeUndefined();
      expect(checkScenario(calibration, hourly).rows.filter((r) => !r.pass)).toEqual([]);
    });
  }

  it("--check fails a scenario whose users are 20% fewer than the log's", async () => {
    const source = loaded(loadScenarioFile("scenarios/quickstart.yaml"));
    const dir = mkdtempSync(join(tmpdir(), "authsim-roundtrip-"));
    writeFileSync(
      join(dir, "signins.jsonl"),
      `${generateJsonLines(paramsFromScenario(source, 0.05)).join("\n")}\n`,
    );
    const calibration = await calibrate(listLogFiles([dir]));
    const fitted = writeScenario(calibration, { name: "fitted" }).replace(
      /dailyActiveUsers: (\d+)/,
      (_, n) => `dailyActiveUsers: ${Math.round(Number(n) * 0.8)}`,
    );
    const check = checkScenario(calibration, loaded(loadScenarioText(fitted, "fitted.yaml")));
    expect(check.pass).toBe(false);
    const failed = check.rows.filter((r) => !r.pass);
    expect(failed.map((r) => r.metric)).toContain("dailyActiveUsers");
    expect(failed[0].residual).toBeCloseTo(-0.2, 2);
  });
});
