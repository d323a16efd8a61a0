/**
 * What a capacity plan answers (issue 16, item 6, and `--components backEnd`), on a small
 * hand-made scenario (two datacenters, slow single-request WFE and back-end instances, 2
 * replications): every plan.md row shows what its verdict judged (the mean, on the same side of
 * the threshold as the verdict); a cluster is never recommended below its minInstances; an
 * objective capacity cannot meet (login latency with the users' typing) is reported unreachable
 * while the clusters are still sized against the others; back ends are sized minimally.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

const YAML = `
name: plan-answers
simulation: { duration: 6m, warmUp: 2m, seed: 5, replications: 2, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters:
  - name: weu
    region: westeurope
    wfe:
      instances: 8
      concurrency: 1
      serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } }
      pricePerInstanceHour: 0.5
    backEnd: { instances: 12, concurrency: 1, serviceTime: { exponential: { mean: 50ms } }, tokenValidation: 0s, signingKeyFetch: 0s, pricePerInstanceHour: 1 }
  - name: neu
    region: northeurope
    wfe:
      instances: 8
      concurrency: 1
      serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } }
    backEnd: { instances: 12, concurrency: 1, serviceTime: { exponential: { mean: 50ms } }, tokenValidation: 0s, signingKeyFetch: 0s }
tenants: [{ name: a, backEnd: weu }, { name: b, backEnd: neu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 480000
    sessionsPerUser: 1.5
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    sessionLength: 2m
    backEndRate: 3.84/min
  - name: dublin
    region: northeurope
    dailyActiveUsers: 240000
    sessionsPerUser: 1.5
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    sessionLength: 2m
    backEndRate: 3.84/min
slos: ["wfe.utilisation.peak < 50%", "backEnd.utilisation.peak < 60%"]
`;

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
};

interface Reading {
  text: string;
  op: "<" | "<=" | ">" | ">=";
  threshold: number;
  value: number;
  pass: boolean;
}
interface Answer {
  component: string;
  datacenter: string;
  recommended: number | null;
  minInstances: number;
  binding: string | null;
  unreachableObjectives: string[];
  history: { instances: number; pass: boolean; objectives: Reading[] }[];
}

async function plan(extra: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "authsim-plan-answers-"));
  writeFileSync(join(dir, "s.yaml"), YAML);
  const c = capture();
  const code = await runProgram(["plan", join(dir, "s.yaml"), "--out", join(dir, "p"), ...extra], c.io);
  const json = JSON.parse(readFileSync(join(dir, "p", "plan.json"), "utf8"));
  const md = readFileSync(join(dir, "p", "plan.md"), "utf8");
  return { code, json, md, err: c.err };
}

/** A printed figure (`49.4%`, `1,919.6 ms`, `12.0/s`) in base units. */
function figure(text: string): number {
  const n = Number(text.replace(/,/g, "").replace(/(%| ms|\/s)$/, ""));
  return text.endsWith("%") ? n / 100 : text.endsWith(" ms") ? n / 1000 : n;
}

const holds = (v: number, op: Reading["op"], t: number) =>
  op === "<" ? v < t : op === "<=" ? v <= t : op === ">" ? v > t : v >= t;

describe("plan answers", () => {
  it("sizes WFEs and back ends; every row's figures agree with their verdicts; cost per month", async () => {
    const { code, json, md } = await plan([
      "--components",
      "wfe,backEnd",
      ...["weu", "neu"].flatMap((d) => ["--set", `datacenters[${d}].backEnd.minInstances=1`]),
    ]);
    expect(code).toBe(0);
    const answers: Answer[] = [...json.normal, ...json.backEnds];
    expect(json.backEnds.map((a: Answer) => a.datacenter)).toEqual(["weu", "neu"]);
    for (const a of answers) {
      const n = a.recommended as number;
      expect(n, a.datacenter).toBeGreaterThanOrEqual(a.minInstances);
      const at = a.history.find((p) => p.instances === n);
      expect(at?.pass).toBe(true);
      // Minimal: one fewer misses (unless the floor sets it).
      const fewer = a.history.find((p) => p.instances === n - 1);
      if (n > a.minInstances) expect(fewer?.pass, `${a.datacenter} ${a.component} at ${n - 1}`).toBe(false);
      // The row: each objective's printed mean is on the verdict's side of its threshold.
      const section = a.component === "wfe" ? "## Web front ends" : "## Back ends";
      const table = md.slice(md.indexOf(section));
      const row = table.split("\n").find((l) => l.startsWith(`| ${a.datacenter} |`)) as string;
      for (const o of at?.objectives ?? []) {
        const m = new RegExp(
          `${o.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\S+(?: ms)?) .*?(pass|miss)`,
        ).exec(row);
        expect(m, `${o.text} in ${row}`).not.toBeNull();
        const [, shown, verdict] = m as RegExpExecArray;
        expect(verdict).toBe(o.pass ? "pass" : "miss");
        expect(holds(figure(shown), o.op, o.threshold), `${shown} ${o.text}`).toBe(o.pass);
        // The mean the verdict judged, not a maximum over replications.
        expect(figure(shown)).toBeCloseTo(o.value, 3);
      }
      // The binding objective with one fewer, shown failing.
      if (a.binding !== null && fewer !== undefined) {
        const b = fewer.objectives.find((o) => o.text === a.binding) as Reading;
        // Cells: cluster, today, recommended, confidence, objectives, headroom, binding, ...
        const cell = row.split(" | ")[6];
        expect(cell.startsWith(`${a.binding}: `), cell).toBe(true);
        const shown = cell.slice(a.binding.length + 2).split(" [")[0];
        expect(holds(figure(shown), b.op, b.threshold), cell).toBe(false);
      }
    }
    expect(md).toMatch(/headroom to the objective/);
    expect(md).toMatch(/pp to `wfe\.utilisation\.peak < 50%`/);
    // Cost per month: the flat weekly profile on a Wednesday means 730 h of the recommendation.
    const weuWfe = json.normal[0].recommended as number;
    expect(md).toContain(
      `| weu WFE | ${(weuWfe * 730).toLocaleString("en-US")} | ${(weuWfe * 730 * 0.5).toLocaleString("en-US")} |`,
    );
  }, 20_000);

  it("never recommends fewer than minInstances", async () => {
    const { code, json, md } = await plan([
      "--set",
      "datacenters[neu].wfe.minInstances=6",
      "--set",
      'slos=["wfe.utilisation.peak < 50%"]',
    ]);
    expect(code).toBe(0);
    const neu = json.normal[1] as Answer;
    expect(neu.recommended).toBe(6);
    expect(neu.binding).toBe("minInstances 6 (redundancy floor)");
    expect(Math.min(...neu.history.map((p) => p.instances))).toBe(6);
    expect(md).toMatch(/\| neu \| 8 \| 6 \(redundancy floor\) \|/);
  });

  it("reports an objective capacity cannot meet and still sizes every cluster against the others (exit 1)", async () => {
    const { code, json, md, err } = await plan([
      "--set",
      'slos=["wfe.utilisation.peak < 50%", "login.p95 < 1s"]',
    ]);
    expect(code).toBe(1);
    for (const a of json.normal as Answer[]) {
      expect(a.recommended, a.datacenter).not.toBeNull();
      expect(a.unreachableObjectives).toEqual(["login.p95 < 1s"]);
      expect(a.binding).toMatch(/^(wfe\.utilisation\.peak < 50%|minInstances 2 \(redundancy floor\))$/);
    }
    expect(json.normal[0].binding).toBe("wfe.utilisation.peak < 50%");
    expect(md).toMatch(/## Objectives capacity cannot meet/);
    expect(md).toMatch(/weu \(wfe\): more instances do not move it \(login\.p95 < 1s: /);
    expect(md).toMatch(/\| weu \| 8 \| \d+ \(not reachable: login\.p95 < 1s\) \|/);
    expect(err.join("\n")).not.toMatch(/warning/);
  });
});
