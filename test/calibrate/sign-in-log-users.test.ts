/**
 * How the model's sign-in log names users (model/measure/sign-in-log.ts), the figure calibrate
 * counts daily users by: within a local day, distinct users = session starts / sessionsPerUser;
 * a new local day starts new ids; a user who gave up and comes back keeps theirs; sessions alive
 * at time 0 get ids no arriving user has. Driven by hand on a session table, no run.
 */
import { describe, expect, it } from "vitest";
import { SessionTable } from "../../src/model/flow/session-table.ts";
import { SignInLog, type SignInLogEntry } from "../../src/model/measure/index.ts";
import { formatProblem, loadScenarioText, type ResolvedScenario } from "../../src/scenario/index.ts";

function scenario(sessionsPerUser: number): ResolvedScenario {
  const r = loadScenarioText(
    `
name: users
simulation: { startDay: tuesday, startTime: "00:00", duration: 2d }
datacenters: [{ name: weu, region: westeurope }]
userBases: [{ name: london, region: uksouth, dailyActiveUsers: 1000, sessionsPerUser: ${sessionsPerUser} }]
`,
    "users.yaml",
  );
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("; "));
  return r.scenario;
}

/** Opens `n` sessions at `times`, each signing in once; the users their sign-ins name. */
function users(log: SignInLog, t: SessionTable, entries: SignInLogEntry[], times: number[]): number[] {
  return times.map((time) => {
    const s = t.allocate();
    t.userBase[s] = 0;
    log.opened(s, time);
    t.beginSignIn(s);
    t.acc[t.at(s, 0)] = time;
    log.signIn(s, -1, 0);
    t.release(s);
    return entries[entries.length - 1].user;
  });
}

describe("the sign-in log's users", () => {
  it("gives a local day's starts / sessionsPerUser distinct users, and a new day new ones", () => {
    for (const spu of [1, 1.5, 2.5]) {
      const t = new SessionTable(16);
      const entries: SignInLogEntry[] = [];
      const log = new SignInLog(scenario(spu), t, { record: (e) => entries.push({ ...e }) });
      // 1,200 starts: within the id population (1.5 × the busiest day's users).
      const day1 = users(
        log,
        t,
        entries,
        Array.from({ length: 1200 }, (_, i) => i * 60),
      );
      expect(new Set(day1).size).toBe(Math.floor((1200 - 1) / spu) + 1);
      const day2 = users(
        log,
        t,
        entries,
        Array.from({ length: 300 }, (_, i) => 86400 + i * 200),
      );
      expect(new Set(day2).size).toBe(Math.floor((300 - 1) / spu) + 1);
      expect(day2.filter((u) => day1.includes(u)).length).toBeLessThan(day2.length);
      // Every sign-in of a session shares its serial; sessions differ.
      expect(new Set(entries.map((e) => e.session)).size).toBe(1500);
    }
  });

  it("keeps the user of a session that gave up when they come back; warm sessions get ids of their own", () => {
    const t = new SessionTable(16);
    const entries: SignInLogEntry[] = [];
    const log = new SignInLog(scenario(1), t, { record: (e) => entries.push({ ...e }) });
    const [first] = users(log, t, entries, [100]);
    // A session that gives up at 200 (its one renewal names its user); the user returns at 500.25.
    const s = t.allocate();
    t.userBase[s] = 0;
    log.opened(s, 200);
    t.renewalSent[s] = 250;
    log.renewal(s, 0);
    const gaveUp = entries[entries.length - 1].user;
    log.leaves(s, 500.25);
    t.release(s);
    const [other] = users(log, t, entries, [300]);
    log.returns(0, 500.25);
    const [back] = users(log, t, entries, [500.25]);
    expect(back).toBe(gaveUp);
    expect(entries[entries.length - 1].session).not.toBe(entries[1].session); // a new session
    expect([first, other]).not.toContain(gaveUp);
    const w = t.allocate();
    t.userBase[w] = 0;
    log.adopted(w);
    log.renewal(w, -1);
    const warm = entries[entries.length - 1].user;
    expect([first, other, back]).not.toContain(warm);
    expect(warm).toBeGreaterThanOrEqual(1000);
  });
});
