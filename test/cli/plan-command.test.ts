/**
 * `authsim plan`: the recommendation is minimal (it meets the capacity objectives, one instance
 * fewer does not), surviving the loss of a datacenter never needs fewer instances, and a scenario
 * without capacity objectives is refused.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";
import { judgeCapacityObjectives, searchCapacity, withCapacity } from "../../src/study/index.ts";

const SLOW_WFES = [
  "simulation.duration=5m",
  "simulation.warmUp=1m",
  "simulation.replications=2",
  ...["weu", "neu"].flatMap((dc) => [
    `datacenters[${dc}].wfe.concurrency=1`,
    // No redundancy floor here, so the objectives alone set the answer (the floor has its own test).
    `datacenters[${dc}].wfe.minInstances=1`,
    `datacenters[${dc}].wfe.serviceTime.redirect={ exponential: { mean: 300ms } }`,
    `datacenters[${dc}].wfe.serviceTime.callback={ exponential: { mean: 300ms } }`,
  ]),
  'slos=["wfe.utilisation.peak < 50%", "loginSystem.p95 < 3s"]',
];

describe("capacity search", () => {
  const loaded = loadScenarioFile("scenarios/quickstart.yaml", { overrides: SLOW_WFES });
  if (!loaded.ok) throw new Error("quickstart.yaml does not load with the test overrides");
  const scenario = loaded.scenario;

  it("recommends the fewest instances that meet the objectives (one fewer misses)", async () => {
    const answers = await searchCapacity(scenario, { judge: judgeCapacityObjectives });
    for (const [dc, a] of answers.entries()) {
      expect(a.recommended, a.datacenter).not.toBeNull();
      const n = a.recommended as number;
      const at = withCapacity(scenario, dc, n);
      expect(judgeCapacityObjectives(at, runScenario(at)).pass, `${a.datacenter} at ${n}`).toBe(true);
      if (n > 1) {
        const fewer = withCapacity(scenario, dc, n - 1);
        expect(judgeCapacityObjectives(fewer, runScenario(fewer)).pass, `${a.datacenter} at ${n - 1}`).toBe(
          false,
        );
        expect(a.binding).toBe("wfe.utilisation.peak < 50%");
      }
    }
    expect(answers[0].recommended).toBeGreaterThan(1); // the busier datacenter needs more than one
  });

  it("N+1: with a datacenter lost, the survivor never needs fewer instances", async () => {
    const normal = await searchCapacity(scenario, { judge: judgeCapacityObjectives });
    const weuLost = await searchCapacity(scenario, { judge: judgeCapacityObjectives, failed: 0 });
    expect(weuLost[1].recommended).not.toBeNull();
    expect(weuLost[1].recommended as number).toBeGreaterThanOrEqual(normal[1].recommended as number);
  });
});

describe("authsim plan", () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  };

  it("writes plan.md and plan.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-plan-"));
    const c = capture();
    const args = [
      "plan",
      "scenarios/quickstart.yaml",
      "--out",
      join(dir, "p"),
      ...SLOW_WFES.flatMap((s) => ["--set", s]),
    ];
    expect(await runProgram(args, c.io)).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, "p", "plan.json"), "utf8"));
    expect(plan.normal.map((a: { datacenter: string }) => a.datacenter)).toEqual(["weu", "neu"]);
    // Every probe is kept, with the objectives' readings, and says how firm the answer is.
    expect(plan.normal[0].history.length).toBe(plan.normal[0].probes);
    expect(["clear", "marginal"]).toContain(plan.normal[0].confidence);
    const html = readFileSync(join(dir, "p", "plan.html"), "utf8");
    expect(html).toMatch(/<table>[\s\S]*<td>weu<\/td>/);
    expect(html).toMatch(/data-chart="plan-weu\.png"/);
    const png = readFileSync(join(dir, "p", "plan-weu.png"));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(readFileSync(join(dir, "p", "plan.md"), "utf8")).toMatch(/\| weu \| 4 \| \d+ \|/);
  });

  it("gives the same plan with one worker and two, and sharded then merged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-plan-"));
    const args = [
      "plan",
      "scenarios/quickstart.yaml",
      "--n-plus-one",
      ...SLOW_WFES.flatMap((s) => ["--set", s]),
    ];
    const c = capture();
    expect(await runProgram([...args, "--workers", "1", "--out", join(dir, "w1")], c.io)).toBe(0);
    expect(await runProgram([...args, "--workers", "2", "--out", join(dir, "w2")], c.io)).toBe(0);
    // Two WFE searches plus two N+1 searches: shards 1/3..3/3 split them 2-1-1.
    for (const k of [1, 2, 3])
      expect(await runProgram([...args, "--shard", `${k}/3`, "--out", join(dir, `s${k}`)], c.io)).toBe(0);
    const parts = [1, 2, 3].map((k) => join(dir, `s${k}`));
    expect(await runProgram(["merge", ...parts, "--out", join(dir, "merged")], c.io)).toBe(0);
    const plan = (d: string) => readFileSync(join(dir, d, "plan.json"), "utf8");
    expect(plan("w2")).toBe(plan("w1"));
    expect(plan("merged")).toBe(plan("w1"));
    expect(readFileSync(join(dir, "merged", "plan.md"), "utf8")).toBe(
      readFileSync(join(dir, "w1", "plan.md"), "utf8"),
    );
    const n1 = JSON.parse(plan("w1"));
    expect(n1.perLoss.map((l: { lost: string }) => l.lost)).toEqual(["weu", "neu"]);
    // A missing shard, or parts of another plan, are refused by name.
    const m = capture();
    expect(await runProgram(["merge", parts[0], parts[1], "--out", join(dir, "half")], m.io)).toBe(2);
    expect(m.err.join("\n")).toMatch(/searches missing \(no part ran them\): 3/);
    const other = capture();
    expect(
      await runProgram(
        [...args, "--set", "simulation.seed=99", "--shard", "3/3", "--out", join(dir, "other")],
        other.io,
      ),
    ).toBe(0);
    expect(
      await runProgram(
        ["merge", parts[0], parts[1], join(dir, "other"), "--out", join(dir, "mixed")],
        other.io,
      ),
    ).toBe(2);
    expect(other.err.join("\n")).toMatch(/a part of a different plan/);
  });

  it("shares runs between datacenters that read only their own figures; shards deal that group whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-plan-joint-"));
    // Without the unscoped login objective both WFE searches read only their own datacenter.
    const args = [
      "plan",
      "scenarios/quickstart.yaml",
      "--n-plus-one",
      ...[...SLOW_WFES.slice(0, -1), 'slos=["wfe.utilisation.peak < 50%"]'].flatMap((s) => ["--set", s]),
    ];
    const c = capture();
    expect(await runProgram([...args, "--workers", "1", "--out", join(dir, "w1")], c.io)).toBe(0);
    expect(await runProgram([...args, "--workers", "2", "--out", join(dir, "w2")], c.io)).toBe(0);
    // Groups: the two normal searches together, then each N+1 search alone: 2/2 gets one N+1 search.
    for (const k of [1, 2])
      expect(await runProgram([...args, "--shard", `${k}/2`, "--out", join(dir, `s${k}`)], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/shard 1\/2: 3 of 4 searches/);
    expect(c.out.join("\n")).toMatch(/shard 2\/2: 1 of 4 searches/);
    const parts = [1, 2].map((k) => join(dir, `s${k}`));
    expect(await runProgram(["merge", ...parts, "--out", join(dir, "merged")], c.io)).toBe(0);
    const plan = (d: string) => readFileSync(join(dir, d, "plan.json"), "utf8");
    expect(plan("w2")).toBe(plan("w1"));
    expect(plan("merged")).toBe(plan("w1"));
  });

  it("sizes the identity provider's login page when asked, minimally", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-plan-"));
    const c = capture();
    const code = await runProgram(
      [
        "plan",
        "scenarios/quickstart.yaml",
        "--components",
        "idp.loginPage",
        "--out",
        join(dir, "idp"),
        ...[
          "simulation.duration=8m",
          "simulation.warmUp=1m",
          "simulation.replications=2",
          "identityProvider.loginPage.concurrency=1",
          "identityProvider.loginPage.serviceTime={ exponential: { mean: 400ms } }",
          'slos=["idp.loginPage.utilisation.peak < 40%"]',
        ].flatMap((s) => ["--set", s]),
      ],
      c.io,
    );
    expect(code).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, "idp", "plan.json"), "utf8"));
    expect(plan.normal).toEqual([]);
    const [a] = plan.shared;
    expect(a.component).toBe("idp.loginPage");
    expect(a.recommended).toBeGreaterThan(1);
    const at = a.history.find((p: { instances: number }) => p.instances === a.recommended);
    const fewer = a.history.find((p: { instances: number }) => p.instances === a.recommended - 1);
    expect(at.pass).toBe(true);
    expect(fewer.pass).toBe(false);
    expect(a.binding).toBe("idp.loginPage.utilisation.peak < 40%");
    expect(at.peakUtilisation).toBeLessThan(0.4);
    expect(fewer.peakUtilisation).toBeGreaterThanOrEqual(0.4);
  });

  it("stops early when more instances do not move the objective (a latency with the users' typing)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-plan-"));
    const c = capture();
    const code = await runProgram(
      [
        "plan",
        "scenarios/quickstart.yaml",
        "--out",
        join(dir, "typing"),
        ...["simulation.duration=8m", "simulation.warmUp=1m", 'slos=["login.p95 < 1s"]'].flatMap((s) => [
          "--set",
          s,
        ]),
      ],
      c.io,
    );
    expect(code).toBe(1);
    const plan = JSON.parse(readFileSync(join(dir, "typing", "plan.json"), "utf8"));
    for (const a of plan.normal) {
      expect(a.recommended).toBeNull();
      expect(a.unreachable).toMatch(/more instances do not move it \(login\.p95 < 1s: /);
      expect(a.probes).toBeLessThanOrEqual(3);
    }
    expect(readFileSync(join(dir, "typing", "plan.md"), "utf8")).toMatch(
      /not reachable: login\.p95 < 1s; more instances/,
    );
  });

  it("refuses unknown components and components without an objective (exit 2)", async () => {
    const c = capture();
    expect(await runProgram(["plan", "scenarios/quickstart.yaml", "--components", "dns"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/--components: expected some of wfe, backEnd, idp.loginPage/);
    const d = capture();
    const code = await runProgram(
      [
        "plan",
        "scenarios/quickstart.yaml",
        "--components",
        "wfe,globalService",
        "--set",
        'slos=["wfe.utilisation.peak < 50%"]',
      ],
      d.io,
    );
    expect(code).toBe(2);
    expect(d.err.join("\n")).toMatch(/plan --components globalService needs an objective it can move/);
  });

  it("refuses a scenario with no capacity objective (exit 2)", async () => {
    const c = capture();
    const code = await runProgram(
      ["plan", "scenarios/quickstart.yaml", "--set", 'slos=["renewal.failureRate < 1%"]'],
      c.io,
    );
    expect(code).toBe(2);
    expect(c.err.join("\n")).toMatch(/needs at least one capacity objective/);
  });
});
