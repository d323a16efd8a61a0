/**
 * `npm run validate:model`: regenerates the closed-form figures of docs/validation.md — each
 * check with the simulated value, its 95% confidence interval, the expected value and PASS/FAIL —
 * and draws docs/img/validation-wait.png, simulated vs analytic M/M/1 mean wait over utilisation
 * 0.1 to 0.95. Uses the same harness and seeds as test/engine/queueing-validation.test.ts. The
 * model-level validations (round-trip sums, M/M/c through the model, failover bounds, renewal
 * counts, the renewal storm) are the tests in test/model; `npx vitest run test/model` runs them.
 */
import { writeFileSync } from "node:fs";
import { mg1, mmc, mmcK } from "../src/engine/analytic/queueing-formulas.ts";
import { summarizeReplications } from "../src/engine/stats/index.ts";
import { renderChart } from "../src/report/charts/index.ts";
import { type QueueRun, replicate } from "../test/engine/queueing-harness.ts";

interface Check {
  readonly name: string;
  readonly simulated: number[];
  readonly expected: number;
}

const rows: string[] = [];
let failures = 0;
function report(check: Check): void {
  const ci = summarizeReplications(check.simulated);
  const pass = check.expected >= ci.low && check.expected <= ci.high;
  if (!pass) failures++;
  rows.push(
    `| ${check.name} | ${ci.mean.toPrecision(5)} | [${ci.low.toPrecision(5)}, ${ci.high.toPrecision(5)}] | ${check.expected.toPrecision(5)} | ${pass ? "PASS" : "FAIL"} |`,
  );
}
const pick = (runs: QueueRun[], f: (r: QueueRun) => number) => runs.map(f);

// M/M/1, ρ = 0.8, E[S] = 50 ms (seed 20240801).
{
  const runs = replicate(
    {
      arrivalRate: 16,
      service: { kind: "exponential", mean: 0.05 },
      servers: 1,
      warmup: 200,
      horizon: 12_700,
    },
    20240801,
  );
  const exact = mmc(16, 20, 1);
  report({ name: "M/M/1 ρ=0.8 Wq [s]", simulated: pick(runs, (r) => r.meanWait), expected: exact.meanWait });
  report({
    name: "M/M/1 ρ=0.8 W [s]",
    simulated: pick(runs, (r) => r.meanSojourn),
    expected: exact.meanSojourn,
  });
  report({
    name: "M/M/1 Little L / (λW)",
    simulated: pick(runs, (r) => r.timeAverageInSystem / (r.acceptedThroughput * r.windowMeanSojourn)),
    expected: 1,
  });
}
// M/M/8, ρ = 0.9, E[S] = 200 ms: Erlang C (seed 8090).
{
  const runs = replicate(
    {
      arrivalRate: 36,
      service: { kind: "exponential", mean: 0.2 },
      servers: 8,
      warmup: 100,
      horizon: 16_100,
    },
    8090,
  );
  const exact = mmc(36, 5, 8);
  report({
    name: "M/M/8 ρ=0.9 Wq [s] (Erlang C)",
    simulated: pick(runs, (r) => r.meanWait),
    expected: exact.meanWait,
  });
  report({
    name: "M/M/8 ρ=0.9 W [s]",
    simulated: pick(runs, (r) => r.meanSojourn),
    expected: exact.meanSojourn,
  });
}
// M/D/1, ρ = 0.8, S = 50 ms: Pollaczek-Khinchine (seed 1931).
{
  const runs = replicate(
    { arrivalRate: 16, service: { kind: "constant", value: 0.05 }, servers: 1, warmup: 200, horizon: 10_200 },
    1931,
  );
  report({
    name: "M/D/1 ρ=0.8 Wq [s] (P-K)",
    simulated: pick(runs, (r) => r.meanWait),
    expected: mg1(16, 0.05, 0).meanWait,
  });
}
// M/M/2/5, offered ρ = 1, E[S] = 100 ms (seed 2025).
{
  const runs = replicate(
    {
      arrivalRate: 20,
      service: { kind: "exponential", mean: 0.1 },
      servers: 2,
      queueLimit: 3,
      warmup: 100,
      horizon: 5_100,
    },
    2025,
  );
  const exact = mmcK(20, 10, 2, 5);
  report({
    name: "M/M/2/5 blocking",
    simulated: pick(runs, (r) => r.rejectedShare),
    expected: exact.blocking,
  });
  report({
    name: "M/M/2/5 Wq accepted [s]",
    simulated: pick(runs, (r) => r.meanWait),
    expected: exact.meanWait,
  });
}

console.log("| check | simulated mean | 95% CI | expected | verdict |");
console.log("| --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);

// Simulated vs analytic M/M/1 wait over utilisation (E[S] = 1 s, 4 replications each).
const utilisations = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];
const simulated: { x: number; y: number }[] = [];
const low: { x: number; y: number }[] = [];
const high: { x: number; y: number }[] = [];
const analytic: { x: number; y: number }[] = [];
for (const rho of utilisations) {
  const customers = rho >= 0.9 ? 400_000 : 100_000;
  const runs = replicate(
    {
      arrivalRate: rho,
      service: { kind: "exponential", mean: 1 },
      servers: 1,
      warmup: 2_000,
      horizon: 2_000 + customers / rho,
    },
    4242,
    4,
  );
  const ci = summarizeReplications(runs.map((r) => r.meanWait));
  simulated.push({ x: rho, y: ci.mean });
  low.push({ x: rho, y: ci.low });
  high.push({ x: rho, y: ci.high });
  analytic.push({ x: rho, y: mmc(rho, 1, 1).meanWait });
}
const png = await renderChart({
  type: "line",
  data: {
    datasets: [
      {
        label: "analytic Wq = ρ / (μ(1 − ρ))",
        data: analytic,
        borderColor: "#1f77b4",
        pointRadius: 0,
        borderWidth: 2,
      },
      {
        label: "simulated mean (4 replications)",
        data: simulated,
        borderColor: "#d62728",
        showLine: false,
        pointRadius: 4,
      },
      {
        label: "95% CI low",
        data: low,
        borderColor: "#d6272866",
        borderDash: [4, 4],
        pointRadius: 0,
        borderWidth: 1,
      },
      {
        label: "95% CI high",
        data: high,
        borderColor: "#d6272866",
        borderDash: [4, 4],
        pointRadius: 0,
        borderWidth: 1,
      },
    ],
  },
  options: {
    parsing: false,
    plugins: {
      title: { display: true, text: "M/M/1 mean wait in queue: simulated vs analytic (E[S] = 1 s)" },
    },
    scales: {
      x: { type: "linear", min: 0, max: 1, title: { display: true, text: "utilisation ρ" } },
      y: { type: "logarithmic", title: { display: true, text: "mean wait Wq [s] (log scale)" } },
    },
  },
});
writeFileSync("docs/img/validation-wait.png", png);
console.log("\nwrote docs/img/validation-wait.png");
for (const [i, rho] of utilisations.entries()) {
  console.log(
    `ρ=${rho}: simulated ${simulated[i].y.toPrecision(4)} [${low[i].y.toPrecision(4)}, ${high[i].y.toPrecision(4)}], analytic ${analytic[i].y.toPrecision(4)}`,
  );
}
console.log(failures === 0 ? "\nall checks PASS" : `\n${failures} check(s) FAIL`);
process.exitCode = failures === 0 ? 0 : 1;
