// Login latency over time: one line per percentile, the unscoped SLO as a line, spikes off scale.
import { describe, expect, it } from "vitest";
import { latencyAxisTop, loginLatencyOverTime } from "../../../src/report/charts/login-latency-over-time.ts";
import { withoutColumns } from "./fixture.ts";
import { fixtureInput, windowsOf, withResult } from "./fixture-input.ts";

describe("loginLatencyOverTime", () => {
  const input = fixtureInput();
  const bins = input.result.series.columns["t"].length;

  it("draws p50, p95 and p99 over every bin, then the global login.p95 SLO", () => {
    const config = loginLatencyOverTime(input)!;
    const labels = config.data.datasets.map((d) => d.label);
    // login.p99@germany judges one user base, not this all-users series: no line for it.
    expect(labels).toEqual(["p50 (median)", "p95", "p99", "SLO login.p95 < 3s"]);
    for (const d of config.data.datasets.slice(0, 3)) expect(d.data).toHaveLength(bins);
    expect(config.data.datasets[3].data.map((p) => p.y)).toEqual([3, 3]);
    // Bin k is drawn at its midpoint.
    expect(config.data.datasets[0].data[1].x).toBe(1.5 * input.result.series.binWidth);
    expect(config.data.datasets[1].data[5].y).toBe(input.result.series.columns["login.p95"][5]);
  });

  it("keeps the outage's 30 s spike off scale and says so", () => {
    const config = loginLatencyOverTime(input)!;
    const y = config.options?.scales?.["y"];
    expect(y?.max).toBeLessThan(10);
    expect(config.options?.plugins?.subtitle?.text).toEqual([
      "fixture-global-day, replication 1 of 2",
      expect.stringContaining("off scale: p99 up to 30.0 s at Wed 09:0"),
    ]);
  });

  it("fits the whole range when no spike stands out", () => {
    expect(latencyAxisTop([[1, 2, 3, 4]], [3])).toBeUndefined();
    const day = Array.from({ length: 720 }, () => 4);
    day[300] = 30;
    expect(latencyAxisTop([day], [3])).toBe(5);
  });

  it("skips a missing percentile, and the chart when none is left", () => {
    const noP99 = withResult(
      input,
      withoutColumns(input.result, (c) => c === "login.p99"),
    );
    expect(loginLatencyOverTime(noP99)!.data.datasets.map((d) => d.label)).not.toContain("p99");
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.startsWith("login.")),
    );
    expect(loginLatencyOverTime(none)).toBeNull();
  });

  it("shades the warm-up and the outage", () => {
    const windows = windowsOf(loginLatencyOverTime(input)!);
    expect(windows.map((w) => [w.start, w.end, w.label])).toEqual([
      [0, 3600, "warm-up (not in statistics)"],
      [32_400, 35_100, "eur-west WFE outage"],
    ]);
  });
});
