/**
 * Sweep charts: a numeric x axis where the one varied value is numeric (durations to seconds,
 * percentages, plain numbers), placed at the values (0 s, 30 s and 300 s are not evenly spaced),
 * categories otherwise; values in the metric's unit (latency in ms, shares in %); the failover
 * times charted when the rows carry them; PNGs keyed by metric.
 */
import { describe, expect, it } from "vitest";
import {
  failoverCharts,
  numericAxis,
  renderSweepCharts,
  SWEEP_CHARTS,
  sweepChartConfig,
} from "../../../src/report/charts/sweep-chart.ts";
import type { SweepRow } from "../../../src/report/sweep-report.ts";
import { isPng } from "./png.ts";

const stat = (mean: number) => ({ mean, low: mean * 0.9, high: mean * 1.1, n: 3 });
const row = (value: string, p95: number, to99?: number): SweepRow => ({
  values: { "trafficManager.ttl": value },
  metrics: {
    "login.p95": stat(p95),
    "login.failureRate": stat(0.02),
    ...(to99 === undefined ? {} : { "failover.to99@weu": stat(to99) }),
  },
});

describe("numericAxis", () => {
  it("reads durations in seconds, percentages and plain numbers", () => {
    expect(numericAxis([row("0s", 1), row("30s", 1), row("5m", 1)])).toEqual({
      values: [0, 30, 300],
      unit: "s",
      path: "trafficManager.ttl",
    });
    expect(numericAxis([row("50%", 1), row("80%", 1)])?.values).toEqual([50, 80]);
    expect(numericAxis([row("2", 1), row("8", 1)])?.unit).toBe("");
  });

  it("is null for distributions, mixed kinds and grids of two values", () => {
    expect(numericAxis([row("{ constant: 30m }", 1)])).toBeNull();
    expect(numericAxis([row("30s", 1), row("50%", 1)])).toBeNull();
    expect(numericAxis([{ values: { a: "1", b: "2" }, metrics: {} }])).toBeNull();
  });
});

describe("sweepChartConfig", () => {
  const rows = [row("0s", 1.2, 95), row("30s", 1.5, 120), row("300s", 2.5, 400)];
  const p95 = SWEEP_CHARTS.find((m) => m.metric === "login.p95");
  if (!p95) throw new Error("login.p95 is charted");

  it("places variants at their values on a linear axis, latencies in ms", () => {
    const config = sweepChartConfig("s", rows, p95);
    expect(config?.options?.scales?.x).toMatchObject({
      type: "linear",
      title: { text: "trafficManager.ttl [s]" },
    });
    expect(config?.data.datasets[0].data).toEqual([
      { x: 0, y: 1200 },
      { x: 30, y: 1500 },
      { x: 300, y: 2500 },
    ]);
    expect(config?.options?.scales?.y).toMatchObject({ title: { text: "login latency p95 [ms]" } });
  });

  it("keeps categories when the values are not numbers", () => {
    const config = sweepChartConfig("s", [row("{ constant: 30m }", 1), row("{ constant: 60m }", 2)], p95);
    expect(config?.data.labels).toEqual(["ttl={ constant: 30m }", "ttl={ constant: 60m }"]);
    expect(config?.data.datasets[0].data).toEqual([1000, 2000]);
  });

  it("charts failover times when the rows carry them, shares in %", async () => {
    expect(failoverCharts(rows).map((m) => m.metric)).toEqual(["failover.to99@weu"]);
    const charts = await renderSweepCharts("s", rows);
    expect([...charts.keys()]).toEqual([
      "sweep-login-p95.png",
      "sweep-login-failureRate.png",
      "sweep-failover-to99-weu.png",
    ]);
    for (const png of charts.values()) expect(isPng(png)).toBe(true);
    const share = SWEEP_CHARTS.find((m) => m.metric === "login.failureRate");
    if (!share) throw new Error("login.failureRate is charted");
    expect(sweepChartConfig("s", rows, share)?.data.datasets[0].data[0]).toEqual({ x: 0, y: 2 });
  });
});
