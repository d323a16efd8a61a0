// The end-of-run table on stdout: SLO verdicts, login percentiles, the busiest datacenter and
// failures; colour only when asked for.
import { describe, expect, it } from "vitest";
import { terminalSummary } from "../../src/report/index.ts";
import { judgeRun } from "../../src/study/index.ts";
import { fabricate, quickstart } from "./fixtures/fabricated-run.ts";

const scenario = quickstart();
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what is tested
const ANSI = /\u001b\[/;

describe("terminalSummary", () => {
  it("shows verdicts, percentiles, the busiest stations and failures in plain text", () => {
    const text = terminalSummary(judgeRun(scenario, [fabricate({ loginP95: 3.5, weuPeak: 0.81 })]));
    expect(text).not.toMatch(ANSI);
    const lines = text.split("\n");
    expect(lines[0]).toBe("quickstart: 15m simulated, seed 42, 1 replication");
    expect(lines[1]).toBe("SLOs (judged on replication 1)");
    expect(lines[2]).toMatch(/^ {2}FAIL {2}login\.p95 < 3s +3\.500 s$/);
    expect(lines[4]).toMatch(/^ {2}FAIL {2}wfe\.utilisation\.peak < 70% +81\.0%$/);
    expect(text).toMatch(/Login latency +p50 1\.400 s {3}p95 3\.500 s {3}p99 5\.600 s/);
    expect(text).toMatch(
      /Busiest stations +1\. WFE weu \(West Europe\): peak 81\.0% busy, 10 turned away \(1\.00%\)/,
    );
    expect(text).toContain(
      "4 of 380 logins (1.05%); all failures (logins, renewals, API calls) by cause: connectTimeout 1, timeout 2, throttled 1",
    );
  });

  it("names a back end that turns calls away as the first bottleneck, whatever the WFE's load", () => {
    const base = fabricate({ weuPeak: 0.81 });
    const saturated = {
      ...base,
      datacenters: base.datacenters.map((d) =>
        d.name === "neu"
          ? {
              ...d,
              backEnd: { ...d.backEnd, arrivals: 100_000, rejected: 17_000, timeouts: 0, utilisationPeak: 1 },
            }
          : d,
      ),
    };
    const text = terminalSummary(judgeRun(scenario, [saturated]));
    expect(text).toMatch(
      /Busiest stations +1\. back end neu \(North Europe\): peak 100\.0% busy, 17,000 turned away \(17\.00%\)/,
    );
  });

  it("colours verdicts only when told to", () => {
    const text = terminalSummary(judgeRun(scenario, [fabricate()]), { color: true });
    expect(text).toContain("\u001b[32mPASS\u001b[0m");
  });

  it("gives means with their 95% half-width across replications", () => {
    const runs = [1, 2, 3].map((p, i) => fabricate({ replication: i, loginP95: p }));
    const text = terminalSummary(judgeRun(scenario, runs));
    expect(text).toContain("3 replications");
    expect(text).toContain("p95 2.000 s ±2.484 s");
    expect(text).toContain("SLOs (judged on mean of 3 replications)");
  });
});
