// report.md and report.html: SLO verdicts come first, every table follows with its unit-bearing
// headers and its chart, and the HTML is the same content, self-contained when given the PNGs.
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/index.ts";
import { CHART_FILES, renderHtml, reportHtml, reportMarkdown } from "../../src/report/index.ts";
import { judgeRun } from "../../src/study/index.ts";
import { fabricate, quickstart } from "./fixtures/fabricated-run.ts";

/** The fabricated run with a measured routing window: each user base at weu, 0.4 s without typing. */
const withRouting = (r: RunResult): RunResult => ({
  ...r,
  routing: {
    windows: [
      {
        kind: "measured",
        start: 120,
        end: 900,
        logins: r.userBases.map((u) => [u.logins, 0]),
        loginSystemMean: r.userBases.map(() => [0.4, null]),
      },
    ],
    outageDatacenter: null,
  },
});

const scenario = quickstart();

const SECTIONS = [
  "## SLO verdicts",
  "## Login latency by user base and datacenter",
  "## Login latency by step",
  "## Peak load and utilisation per datacenter",
  "## Token issuance",
  "## Failures by cause",
  "## Active sessions",
];

describe("reportMarkdown", () => {
  const md = reportMarkdown(judgeRun(scenario, [fabricate({ loginP95: 3.5 })]));

  it("opens with the scenario in a paragraph, then the SLO verdicts before any other table", () => {
    const lines = md.split("\n");
    expect(lines[0]).toBe("# authsim report: quickstart");
    expect(lines[2]).toMatch(/^quickstart: Two European datacenters.*Simulated 15m from Tue 09:00:00 UTC/);
    expect(md.indexOf("## SLO verdicts")).toBeLessThan(md.indexOf("|"));
    expect(md).toContain("1 of 3 SLOs fail (judged on replication 1).");
    expect(md).toContain("| **FAIL** | login.p95 < 3s | 3.500 s | < 3.000 s |");
    expect(md).toContain("| **PASS** | wfe.utilisation.peak < 70% | 42.0% | < 70.0% |");
  });

  it("has every section, in order, each with a table", () => {
    const at = SECTIONS.map((s) => md.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const sections = md.split("\n## ").slice(1);
    for (const s of sections) expect(s).toMatch(/\n\| .* \|\n\| (:---|---:)/);
  });

  it("puts units in the headers of numeric columns", () => {
    const headers = md
      .split("\n")
      .filter((l, i, all) => l.startsWith("| ") && all[i + 1]?.startsWith("| :---"));
    expect(headers.length).toBeGreaterThanOrEqual(7);
    expect(md).toContain("| p50 [ms] | p95 [ms] | p99 [ms] | p50 without typing [ms] |");
    expect(md).toContain("| Peak utilisation [%] | Headroom [%] |");
    // Login latency per datacenter, with and without typing (fabricated: weu 310 logins, p50 0.5 / 0.45 s).
    expect(md).toContain(
      "| Datacenter | Region | Logins [count] | p50 [ms] | p95 [ms] | p99 [ms] | p50 without typing [ms] |",
    );
    expect(md).toMatch(/\| weu \| [^|]+ \| 310 \| 500\.0 \| [^|]+ \| [^|]+ \| 450\.0 \|/);
    expect(md).toContain("| Failures [count] | Share of failures [%] |");
  });

  it("shows headroom as 1 - peak utilisation", () => {
    expect(md).toMatch(/\| weu \| West Europe \| 128 \| 1\.6 \| 3\.3 \| 21\.0 \| 42\.0 \| 58\.0 \|/);
  });

  it("places each chart after its table, and failover only when there was one", () => {
    // Charts a run without them leaves out: failover, autoscaling, failures over time (none
    // failed here), and the map and routing matrix (this fabricated run has no routing windows).
    const conditional = new Set<string>([
      CHART_FILES.failover,
      CHART_FILES.instancesOverTime,
      CHART_FILES.failuresOverTime,
      CHART_FILES.worldMap,
      CHART_FILES.worldMapOutage,
      CHART_FILES.routingMatrix,
    ]);
    for (const file of Object.values(CHART_FILES).filter((f) => !conditional.has(f))) {
      expect(md).toContain(`](${file})`);
    }
    for (const file of [CHART_FILES.instancesOverTime, CHART_FILES.worldMap]) expect(md).not.toContain(file);
    expect(md).not.toContain("## Failover");
    expect(md).not.toContain("failover.png");
    expect(md.indexOf("wfe-load.png")).toBeGreaterThan(md.indexOf("## Peak load"));
    expect(md.indexOf("token-issuance.png")).toBeGreaterThan(md.indexOf("## Token issuance"));
    const faults = reportMarkdown(judgeRun(scenario, [fabricate({ failovers: true })]));
    expect(faults).toContain("## Failover");
    expect(faults).toMatch(/\| weu \| 5m–10m \(Tue 09:05:00–09:10:00 UTC\) \| 40\.5 \| 71\.3 \| never \|/);
    expect(faults).toContain("![Share of new logins per datacenter, fault window shaded](failover.png)");
  });

  it("puts the map and the routing matrix in the summary, after the bottlenecks and before the details", () => {
    const routed = reportMarkdown(judgeRun(scenario, [withRouting(fabricate())]));
    const at = (text: string) => routed.indexOf(text);
    expect(at("## Where capacity runs out")).toBeLessThan(at("## Where sign-ins were served"));
    expect(at("## Where sign-ins were served")).toBeLessThan(at("(world-map.png)"));
    expect(at("(world-map.png)")).toBeLessThan(at("(routing-matrix.png)"));
    expect(at("(routing-matrix.png)")).toBeLessThan(at("## Login latency by user base and datacenter"));
    expect(routed).not.toContain("world-map-outage.png");
  });

  it("leaves out charts that were not drawn when told which exist", () => {
    const some = reportMarkdown(judgeRun(scenario, [fabricate()]), { chartFiles: new Set(["wfe-load.png"]) });
    expect(some).toContain("(wfe-load.png)");
    expect(some).not.toContain("(login-latency-cdf.png)");
  });

  it("adds the headline metrics across replications when there are several", () => {
    const many = reportMarkdown(
      judgeRun(
        scenario,
        [1, 2, 3].map((p, i) => fabricate({ replication: i, loginP95: p })),
      ),
    );
    expect(many).toContain("## Across 3 replications");
    expect(many).toContain("| login.p95 | 2.000 s | 0.0 ms – 4.484 s | 1.000 s | 3 |");
    expect(many).toContain("judged on mean of 3 replications");
  });

  it("escapes markup in names from the scenario", () => {
    const s = { ...scenario, description: "a | b *c* <script>" };
    const text = reportMarkdown(judgeRun(s, [fabricate()]));
    expect(text).toContain("a \\| b \\*c\\* \\<script>");
  });

  it("is deterministic", () => {
    expect(reportMarkdown(judgeRun(quickstart(), [fabricate()]))).toBe(
      reportMarkdown(judgeRun(scenario, [fabricate()])),
    );
  });
});

describe("reportHtml", () => {
  it("has the same sections and verdicts as the markdown, in one page", () => {
    const html = reportHtml(judgeRun(scenario, [fabricate({ loginP95: 3.5 })]));
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<title>authsim report: quickstart</title>");
    for (const s of SECTIONS) expect(html).toMatch(new RegExp(`<h2 id="[a-z0-9-]+">${s.slice(3)}</h2>`));
    // A table of contents links each section by its id.
    expect(html).toContain('<nav class="toc">');
    expect(html).toContain('<li><a href="#slo-verdicts">SLO verdicts</a></li>');
    expect(html).toContain('<h2 id="slo-verdicts">SLO verdicts</h2>');
    expect(html).toContain('<td class="fail">FAIL</td><td>login.p95 &lt; 3s</td>');
    expect(html.indexOf("SLO verdicts")).toBeLessThan(html.indexOf("<table>"));
  });

  it("embeds pictures given as bytes as data URIs and refers to the others by name", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const run = judgeRun(scenario, [withRouting(fabricate())]);
    const html = reportHtml(run, { charts: new Map([["world-map.png", png]]) });
    expect(html).toContain('src="data:image/png;base64,iVBORw=="');
    expect(html).toContain('src="routing-matrix.png"');
  });

  it("draws the charts in the page from embedded data and chart.js, with no address outside the file", () => {
    const html = reportHtml(judgeRun(scenario, [fabricate()]));
    // Every chart.js chart is a canvas the page script draws, its PNG linked by name under it.
    const drawn = [...html.matchAll(/<canvas data-page-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(drawn.length).toBeGreaterThan(0);
    for (const file of drawn) {
      expect(html).toContain(`<a href="${file}">${file}</a>`);
      expect(html).not.toContain(`src="${file}"`);
    }
    const data = /<script type="application\/json" id="authsim-chart-data">(.*?)<\/script>/s.exec(html);
    expect(data).not.toBeNull();
    const charts = JSON.parse(data?.[1] ?? "{}") as Record<string, { config: { type: string } }>;
    expect(Object.keys(charts).sort()).toEqual([...drawn].sort());
    for (const file of drawn) expect(charts[file].config.type).toBe("line");
    // chart.js's browser build is inlined, and nothing is loaded from elsewhere.
    expect(html).toContain("Chart.js v4");
    // (Its licence comment names its web site; no attribute or style points anywhere.)
    expect(html).not.toMatch(
      /<script[^>]+src=|<link[^>]+href=|(src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:|@import/,
    );
  });

  it("escapes text", () => {
    const html = renderHtml([{ kind: "paragraph", text: `<script>alert("x")</script> & co` }]);
    expect(html).toContain("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>");
  });
});
