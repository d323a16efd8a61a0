/**
 * `npm run validate:flow-calls`: the table of docs/validation.md "Flow-level back-end calls".
 * Every bundled scenario, shortened as the fingerprints shorten them (or longer with
 * `--slice 1h`: simulation.duration, warm-up 5 min), run with `simulation.backEndCalls.model`
 * exact and auto, R replications each (default 4, `--replications`), and per scenario: calls,
 * the flow share, events of each, and the largest differences over headline metrics and back
 * ends, each against the exact runs' 95% interval widened by the flow runs' (the bounds of
 * test/model/flow-calls-bundled.test.ts, which asserts them on the 8-minute runs).
 */
import { summarizeReplications } from "../src/engine/stats/index.ts";
import { FAILURE_CAUSES, type RunResult, runScenario } from "../src/model/index.ts";
import { scenarioFiles, shortened } from "../test/fingerprints/fingerprint-cases.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const replications = Number(arg("replications") ?? 4);
const slice = arg("slice");
const extra = slice ? [`simulation.duration=${slice}`, "simulation.warmUp=5m", "simulation.timeBin=1m"] : [];

const mean = (xs: readonly number[]) => summarizeReplications(xs).mean;
/** The flow mean's distance from the exact mean, in units of the widened 95% half-width. */
function sigmas(exact: readonly number[], flow: readonly number[]): number {
  const e = summarizeReplications(exact);
  const f = summarizeReplications(flow);
  const half = Math.hypot(e.halfWidth, f.halfWidth);
  const diff = Math.abs(f.mean - e.mean);
  return diff === 0 ? 0 : half > 0 ? diff / half : Number.POSITIVE_INFINITY;
}
const read = (rs: readonly RunResult[], f: (r: RunResult) => number | null) => rs.map((r) => f(r) ?? 0);

console.log(
  "| scenario | calls (exact) | flow share | events exact → auto | login / loginSystem p95: Δ ÷ interval | back-end p50 / p95 / p99: largest relative Δ | utilisation: largest Δ (points) | failures by cause: largest Δ ÷ interval |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const file of scenarioFiles()) {
  const run = (model: string) =>
    runScenario(shortened(file, [...extra, `simulation.backEndCalls.model=${model}`]), { replications });
  const exact = run("exact");
  const flow = run("auto");
  const calls = mean(read(exact, (r) => r.backEndCalls.ok));
  const share =
    mean(
      read(flow, (r) => {
        const all = r.datacenters.reduce((sum, d) => sum + d.backEnd.arrivals, 0);
        return (
          r.backEndCallModel.datacenters.reduce(
            (sum, d, i) => sum + d.flowShare * r.datacenters[i].backEnd.arrivals,
            0,
          ) / Math.max(1, all)
        );
      }),
    ) * 100;
  const events = (rs: RunResult[]) => mean(read(rs, (r) => r.performance.events)) / 1e6;
  const login = sigmas(
    read(exact, (r) => r.latency.login.p95),
    read(flow, (r) => r.latency.login.p95),
  );
  const system = sigmas(
    read(exact, (r) => r.latency.loginSystem.p95),
    read(flow, (r) => r.latency.loginSystem.p95),
  );
  let worstRelative = 0;
  let worstUtilisation = 0;
  exact[0].datacenters.forEach((d, i) => {
    if (d.backEnd.arrivals === 0) return;
    for (const q of ["p50", "p95", "p99"] as const) {
      const e = mean(read(exact, (r) => r.datacenters[i].backEndCall[q]));
      const f = mean(read(flow, (r) => r.datacenters[i].backEndCall[q]));
      if (e > 0) worstRelative = Math.max(worstRelative, Math.abs(f - e) / e);
    }
    const u = (r: RunResult) => r.datacenters[i].backEnd.utilisationMean;
    worstUtilisation = Math.max(worstUtilisation, Math.abs(mean(read(flow, u)) - mean(read(exact, u))) * 100);
  });
  let worstFailure = 0;
  for (const cause of FAILURE_CAUSES)
    worstFailure = Math.max(
      worstFailure,
      sigmas(
        read(exact, (r) => r.failures[cause]),
        read(flow, (r) => r.failures[cause]),
      ),
    );
  console.log(
    `| ${file} | ${Math.round(calls).toLocaleString("en-US")} | ${share.toFixed(1)}% | ${events(exact).toFixed(2)} M → ${events(flow).toFixed(2)} M | ${login.toFixed(2)} / ${system.toFixed(2)} | ${(worstRelative * 100).toFixed(2)}% | ${worstUtilisation.toFixed(3)} | ${worstFailure.toFixed(2)} |`,
  );
}
