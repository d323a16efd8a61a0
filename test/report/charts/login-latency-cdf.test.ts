// Login latency CDF: each user base's reported quantiles (or, without them, its percentile
// summary), on a log latency axis.
import { describe, expect, it } from "vitest";
import { cdfFromSummary, cdfPoints } from "../../../src/report/charts/latency-cdf.ts";
import { loginLatencyCdf } from "../../../src/report/charts/login-latency-cdf.ts";
import { fixtureInput, withResult } from "./fixture-input.ts";
import { latencySummary } from "./fixture-result.ts";

describe("cdfFromSummary", () => {
  it("places min at 0, p50 at 0.5, ..., max at 1", () => {
    const s = latencySummary(1, 2, 100);
    expect(cdfFromSummary(s)).toEqual([
      { latency: s.min, share: 0 },
      { latency: 1, share: 0.5 },
      { latency: s.p90, share: 0.9 },
      { latency: s.p95, share: 0.95 },
      { latency: s.p99, share: 0.99 },
      { latency: s.p999, share: 0.999 },
      { latency: s.max, share: 1 },
    ]);
  });

  it("gives nothing for an empty summary and drops what a log axis cannot place", () => {
    expect(cdfFromSummary(latencySummary(1, 2, 0))).toEqual([]);
    expect(cdfFromSummary({ ...latencySummary(1, 2, 5), min: 0 })[0]).toEqual({ latency: 1, share: 0.5 });
  });

  it("prefers a finer list of points when one is given", () => {
    const points = [
      { latency: 0.5, share: 0.1 },
      { latency: 2, share: 1 },
    ];
    expect(cdfPoints({ label: "x", summary: latencySummary(1, 2, 9), points })).toEqual(points);
  });
});

describe("loginLatencyCdf", () => {
  const input = fixtureInput();

  it("draws one curve per user base in percent, then the login SLOs as vertical lines", () => {
    const config = loginLatencyCdf(input)!;
    const labels = config.data.datasets.map((d) => d.label);
    expect(labels).toEqual([
      "us-east",
      "germany",
      "uk",
      "ireland",
      "india",
      "japan",
      "SLO login.p95 < 3s",
      "SLO login.p99@germany < 8s",
    ]);
    const germany = input.result.userBases[1].login;
    expect(config.data.datasets[1].data[1]).toEqual({ x: germany.p50, y: 50 });
    expect(config.data.datasets[7].data).toEqual([
      { x: 8, y: 0 },
      { x: 8, y: 100 },
    ]);
    // The scoped objective takes its user base's colour.
    expect(config.data.datasets[7].borderColor).toBe(config.data.datasets[1].borderColor);
    expect(config.options?.scales?.["x"]).toMatchObject({ type: "logarithmic" });
    expect([config.options?.plugins?.subtitle?.text].flat().join(" ")).toContain("built from percentiles");
  });

  it("draws a result's own quantile points as given, without markers, and says so", () => {
    const loginCdf = [
      { share: 0, latency: 0.4 },
      { share: 0.25, latency: 0.7 },
      { share: 0.5, latency: 0.9 },
      { share: 0.75, latency: 1.3 },
      { share: 1, latency: 4 },
    ];
    const userBases = input.result.userBases.map((ub) => ({ ...ub, loginCdf }));
    const config = loginLatencyCdf(withResult(input, { ...input.result, userBases }))!;
    const first = config.data.datasets[0];
    expect(first.data).toEqual(loginCdf.map((p) => ({ x: p.latency, y: p.share * 100 })));
    expect(first.pointRadius).toBe(0);
    expect([config.options?.plugins?.subtitle?.text].flat().join(" ")).not.toContain(
      "built from percentiles",
    );
  });

  it("groups by datacenter on request", () => {
    const config = loginLatencyCdf(input, "datacenter")!;
    expect(config.data.datasets.slice(0, 4).map((d) => d.label)).toEqual([
      "nam-east",
      "eur-west",
      "eur-north",
      "apj-sea",
    ]);
  });

  it("skips user bases without logins, and the chart when none has any", () => {
    const empty = latencySummary(1, 2, 0);
    const userBases = input.result.userBases.map((ub, i) => (i === 0 ? ub : { ...ub, login: empty }));
    const one = loginLatencyCdf(withResult(input, { ...input.result, userBases }))!;
    expect(one.data.datasets.map((d) => d.label)).toEqual(["us-east", "SLO login.p95 < 3s"]);
    const none = input.result.userBases.map((ub) => ({ ...ub, login: empty }));
    expect(loginLatencyCdf(withResult(input, { ...input.result, userBases: none }))).toBeNull();
  });
});
