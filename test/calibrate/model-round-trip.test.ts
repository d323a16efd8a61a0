/**
 * The round trip of issue 18 through the model: scenario -> a run with the sign-in log on (the
 * library API, replication 0, as `run --emit-signins` writes it) -> signins.jsonl -> `calibrate`
 * -> scenario'. Two generated scenarios and the bundled quickstart (its daily users cut, run
 * for 27-39 h so each user base's local Tuesday is whole; the generated ones with tabs that never
 * go idle, see ALWAYS_ACTIVE): daily users per user base within 5%,
 * each local hour's share of the typical weekday within 1 point, the interactive and MFA shares
 * within 2 points, the session-length median within 10%; and `--check` of scenario' against the
 * emitted log passes, both its parameter rows and the model run's. Fixed seeds; a few seconds each.
 */
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectedHourlyStarts } from "../../src/calibrate/check/expected-hours.ts";
import { medianOf } from "../../src/calibrate/check/residuals.ts";
import {
  calibrate,
  checkAgainstModel,
  checkScenario,
  listLogFiles,
  writeScenario,
} from "../../src/calibrate/index.ts";
import { SIGN_IN_LOG_FAILURES } from "../../src/model/index.ts";
import {
  formatProblem,
  loadScenarioFile,
  loadScenarioText,
  type ResolvedScenario,
} from "../../src/scenario/index.ts";
import { emitSignIns, simulateSignIns } from "./simulated-log.ts";

/**
 * Tabs that never go idle, in the generated scenarios. The fitter reads a session's length from
 * its renewals, and an idle tab does not renew (it renews when it wakes, or never if it ends
 * asleep), so under the default active/idle periods the fitted median is the time a session
 * renews tokens, shorter than the tab's: 6.7-7.5% for the quickstart's 2 h (the bundled case
 * below keeps the defaults), 12.4% for a 90 min median (three-continents' singapore, measured
 * 2026-12-03), beyond the 10% target.
 */
const ALWAYS_ACTIVE = "{ active: { constant: 48h }, idle: { constant: 1s } }";

const TWO_EUROPE = `
name: two-europe
simulation: { startDay: monday, startTime: "22:00", duration: 27h, seed: 7 }
datacenters:
  - { name: weu, region: westeurope }
userBases:
  - name: paris
    region: francecentral
    dailyActiveUsers: 10000
    sessionsPerUser: 1.5
    sessionLength: { lognormal: { median: 2h, p99: 10h } }
    activity: ${ALWAYS_ACTIVE}
  - name: london
    region: uksouth
    dailyActiveUsers: 8000
    sessionsPerUser: 2
    sessionLength: { lognormal: { median: 50m, p99: 6h } }
    activity: ${ALWAYS_ACTIVE}
    profile: { businessHours: { start: "08:00", end: "18:00", lunchDip: 30% } }
identityProvider: { ssoShare: 70%, mfa: { share: 40% } }
`;

const THREE_CONTINENTS = `
name: three-continents
simulation: { startDay: monday, startTime: "15:00", duration: 39h, seed: 11 }
datacenters:
  - { name: weu, region: westeurope }
  - { name: eus, region: eastus }
  - { name: sea, region: southeastasia }
userBases:
  - name: paris
    region: francecentral
    dailyActiveUsers: 9000
    sessionsPerUser: 2
    sessionLength: { lognormal: { median: 40m, p99: 5h } }
    activity: ${ALWAYS_ACTIVE}
    profile: { businessHours: { start: "07:30", end: "17:00", lunchDip: 30% } }
  - name: virginia
    region: eastus
    dailyActiveUsers: 10000
    sessionsPerUser: 1.3
    sessionLength: { lognormal: { median: 3h, p99: 12h } }
    activity: ${ALWAYS_ACTIVE}
    clients: { broker: 20%, spa: 80% }
  - name: singapore
    region: southeastasia
    dailyActiveUsers: 8000
    sessionLength: { lognormal: { median: 90m, p99: 8h } }
    activity: ${ALWAYS_ACTIVE}
identityProvider:
  ssoShare: 65%
  mfa: { share: 30% }
`;

function loaded(result: ReturnType<typeof loadScenarioText>): ResolvedScenario {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("; "));
  return result.scenario;
}

const CASES: { name: string; scenario: () => ResolvedScenario }[] = [
  { name: "two-europe (generated)", scenario: () => loaded(loadScenarioText(TWO_EUROPE, "two.yaml")) },
  {
    name: "three-continents (generated, 20% broker in virginia)",
    scenario: () => loaded(loadScenarioText(THREE_CONTINENTS, "three.yaml")),
  },
  {
    name: "quickstart (bundled, 27 h from Monday 22:00, daily users cut)",
    scenario: () =>
      loaded(
        loadScenarioFile("scenarios/quickstart.yaml", {
          overrides: [
            "simulation.startDay=monday",
            "simulation.startTime=22:00",
            "simulation.duration=27h",
            "simulation.warmUp=0s",
            "simulation.timeBin=10m",
            "userBases[amsterdam].dailyActiveUsers=12000",
            "userBases[dublin].dailyActiveUsers=12000",
            "userBases[london].dailyActiveUsers=12000",
          ],
        }),
      ),
  },
];

/** Each local hour's share of the typical weekdays' starts, as the scenario's arrivals give them. */
function hourShares(s: ResolvedScenario, ub: number, days: readonly number[]): number[] {
  const e = expectedHourlyStarts(s.userBases[ub].arrivals);
  const day = Array.from({ length: 24 }, (_, h) => days.reduce((sum, d) => sum + e[d * 24 + h], 0));
  const total = day.reduce((a, b) => a + b, 0);
  return day.map((x) => x / total);
}

describe("round trip through the model: scenario -> run's sign-in log -> calibrate -> scenario'", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const source = c.scenario();
      const log = emitSignIns(source);
      expect(log.lines).toBeGreaterThan(20_000);
      const calibration = await calibrate(listLogFiles([log.file]));
      rmSync(log.dir, { recursive: true, force: true });
      const fitted = loaded(loadScenarioText(writeScenario(calibration, { name: "fitted" }), "fitted.yaml"));
      expect(fitted.userBases).toHaveLength(source.userBases.length);
      const figures: string[] = [];
      for (const [i, u] of source.userBases.entries()) {
        const region = source.geography.regions[u.regionIndex].name;
        const j = fitted.userBases.findIndex((f) => fitted.geography.regions[f.regionIndex].name === region);
        expect(j, `a fitted user base in ${region}`).toBeGreaterThanOrEqual(0);
        const f = fitted.userBases[j];
        const dau = (f.dailyActiveUsers - u.dailyActiveUsers) / u.dailyActiveUsers;
        const days = calibration.userBases[j].profile.typicalDays;
        expect(days.length, `${u.name}: a whole typical weekday`).toBeGreaterThan(0);
        const want = hourShares(source, i, days);
        const got = hourShares(fitted, j, days);
        const worst = Math.max(...want.map((w, h) => Math.abs(w - got[h])));
        const median = medianOf(u.sessionLength) as number;
        const length = ((medianOf(f.sessionLength) as number) - median) / median;
        figures.push(
          `${u.name}: users ${(dau * 100).toFixed(1)}%, worst hour ${(worst * 100).toFixed(2)} pt, median ${(length * 100).toFixed(1)}%`,
        );
        expect(Math.abs(dau), `${u.name} daily users`).toBeLessThan(0.05);
        expect(worst, `${u.name} worst hour's share`).toBeLessThan(0.01);
        expect(Math.abs(length), `${u.name} session median`).toBeLessThan(0.1);
        expect(Math.abs(f.clients.broker - u.clients.broker), `${u.name} broker share`).toBeLessThan(0.02);
      }
      const idp = source.identityProvider;
      const sso = fitted.identityProvider.ssoShare - idp.ssoShare;
      const mfa = fitted.identityProvider.mfa.share - idp.mfa.share;
      figures.push(`interactive ${(-sso * 100).toFixed(2)} pt, mfa ${(mfa * 100).toFixed(2)} pt`);
      console.log(`${c.name}: ${log.lines} lines, ${log.bytes} bytes; ${figures.join("; ")}`);
      expect(Math.abs(sso), "interactive share").toBeLessThan(0.02);
      expect(Math.abs(mfa), "MFA share").toBeLessThan(0.02);

      const check = checkScenario(calibration, fitted);
      expect(check.rows.filter((r) => !r.pass)).toEqual([]);
      const model = checkAgainstModel(calibration, fitted, {
        simulate: simulateSignIns,
        failures: SIGN_IN_LOG_FAILURES,
        replications: 1,
      });
      expect(model.rows.filter((r) => !r.pass)).toEqual([]);
      expect(model.volumes.length).toBe(source.userBases.length);
    }, 120_000);
  }

  it("--check's model run fails a scenario with 20% fewer users than the log", async () => {
    const log = emitSignIns(CASES[0].scenario());
    const calibration = await calibrate(listLogFiles([log.file]));
    rmSync(log.dir, { recursive: true, force: true });
    const text = writeScenario(calibration, { name: "fitted" }).replace(
      /dailyActiveUsers: (\d+)/g,
      (_, n) => `dailyActiveUsers: ${Math.round(Number(n) * 0.8)}`,
    );
    const model = checkAgainstModel(calibration, loaded(loadScenarioText(text, "fewer.yaml")), {
      simulate: simulateSignIns,
      failures: SIGN_IN_LOG_FAILURES,
      replications: 1,
    });
    expect(model.pass).toBe(false);
    const starts = model.rows.filter((r) => r.metric.startsWith("starts over"));
    expect(starts.length).toBe(2);
    for (const r of starts) {
      expect(r.pass).toBe(false);
      expect(r.residual).toBeGreaterThan(-0.25);
      expect(r.residual).toBeLessThan(-0.15);
    }
  }, 120_000);
});
