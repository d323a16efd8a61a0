/**
 * `npm run validate:model`: regenerates the closed-form figures of docs/validation.md — each
 * check with the simulated value, its 95% confidence interval, the expected value and PASS/FAIL —
 * and draws docs/img/validation-wait.png, simulated vs analytic M/M/1 mean wait over utilisation
 * 0.1 to 0.95. Uses the same harness and seeds as test/engine/queueing-validation.test.ts. The
 * model-level validations (round-trip sums, M/M/c through the model, failover bounds, renewal
 * counts, the renewal storm) are the tests in test/model; `npx vitest run test/model` runs them.
 * Three run through the model here too: failover detection, the resolver population against
 * Flavel et al.'s stale tail, and renewals per session.
 */
import { writeFileSync } from "node:fs";
import { mg1, mmc, mmcK } from "../src/engine/analytic/queueing-formulas.ts";
import { summarizeReplications } from "../src/engine/stats/index.ts";
import { runScenario } from "../src/model/index.ts";
import { renderChart } from "../src/report/charts/index.ts";
import { loadScenarioText } from "../src/scenario/index.ts";
import { type QueueRun, replicate } from "../test/engine/queueing-harness.ts";
import { amsterdamFailoverYaml, staleShare } from "../test/model/failover-fixture.ts";

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

// Traffic Manager failover: detection = U(0, interval) + tolerated × interval + timeout, mean
// 115 s with the defaults (30 s, 3, 10 s; the median of 3 locations' U(0, 30) phases still has mean
// 15 s); clients move within one TTL after it (every resolver honouring the TTL).
{
  const yaml = `
name: failover-check
simulation: { duration: 7m, warmUp: 0s, seed: 11, replications: 12, timeBin: 5s }
datacenters:
  - { name: weu, region: westeurope }
  - { name: neu, region: northeurope }
trafficManager: { routing: performance, ttl: 30s }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 300000
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    sessionLength: 5m
    backEndRate: 1/h
    dns: { staleShare: 0%, extendShare: 0%, cacheHitLatency: 20ms, cacheMissLatency: 100ms }
faults:
  - { type: datacenterOutage, datacenter: weu, component: wfe, start: 1m, duration: 5m }
`;
  const loaded = loadScenarioText(yaml, "failover-check.yaml");
  if (!loaded.ok) throw new Error("failover check scenario does not load");
  const results = runScenario(loaded.scenario);
  const detection = results.map((r) => r.failovers[0].detection ?? Number.NaN);
  report({
    name: "failover detection [s] (U(0,30)+3×30+10)",
    simulated: detection,
    expected: 15 + 3 * 30 + 10,
  });
  const moved = results.map(
    (r) => (r.failovers[0].to99 ?? Number.NaN) - (r.failovers[0].detection ?? Number.NaN),
  );
  const worst = Math.max(...moved);
  rows.push(
    `| failover: 99% moved after detection [s], worst of 12 | ${worst.toFixed(1)} | — | ≤ TTL 30 + one 5 s bin | ${worst <= 35 ? "PASS" : "FAIL"} |`,
  );
  if (!(worst <= 35)) failures++;
}
// The default resolver population against Flavel et al. (LANMAN 2014): with a 20 s TTL at most
// 10% of logins still go to the failed datacenter 60 s after Traffic Manager switches, and about
// 2% (1-4%) after 15 minutes. client.retries 0, so each connection is a login's first.
{
  const yaml = amsterdamFailoverYaml({
    name: "flavel-check",
    simulation: "duration: 23m, warmUp: 0s, seed: 7, replications: 3, timeBin: 5s",
    users: 2_000_000,
    fault: "component: wfe, start: 2m, duration: 25m",
  });
  const loaded = loadScenarioText(yaml, "flavel-check.yaml");
  if (!loaded.ok) throw new Error("Flavel check scenario does not load");
  const results = runScenario(loaded.scenario);
  const share = (from: number, to: number) => results.map((r) => staleShare(r, from, to).share);
  const row = (name: string, values: number[], bound: string, pass: boolean) => {
    const ci = summarizeReplications(values);
    rows.push(
      `| ${name} | ${(100 * ci.mean).toFixed(2)}% | [${(100 * ci.low).toFixed(2)}%, ${(100 * ci.high).toFixed(2)}%] | ${bound} | ${pass ? "PASS" : "FAIL"} |`,
    );
    if (!pass) failures++;
  };
  const at60 = share(60, 90);
  const at15m = share(870, 930);
  row(
    "stale logins 60 s after the switch (TTL 20 s)",
    at60,
    "≤ 10% (Flavel)",
    at60.every((v) => v <= 0.1),
  );
  row(
    "stale logins 15 min after the switch (TTL 20 s)",
    at15m,
    "1-4% (Flavel: 2%)",
    at15m.every((v) => v >= 0.01 && v <= 0.04),
  );
}
// Renewals per session = the renewal times k × (lifetime − offset) that fall inside the session:
// session length U(120, 240) min, fixed 60 min tokens renewed 5 min early -> E[floor(L / 55 min)].
{
  const yaml = `
name: renewal-check
simulation: { duration: 6h, warmUp: 0s, seed: 5, replications: 5, timeBin: 10m }
datacenters: [{ name: weu, region: westeurope }]
identityProvider: { tokenLifetime: { constant: 60m }, renewalOffset: 5m }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 3000
    timeZone: UTC
    profile: { hourly: [1, ${Array(23).fill(0).join(", ")}] }
    sessionLength: { uniform: { min: 120m, max: 240m } }
    backEndRate: 1/h
`;
  const loaded = loadScenarioText(yaml, "renewal-check.yaml");
  if (!loaded.ok) throw new Error("renewal check scenario does not load");
  const results = runScenario(loaded.scenario);
  let expected = 0;
  for (let k = 0; k < 1_200; k++) expected += Math.floor((120 + (120 * (k + 0.5)) / 1_200) / 55) / 1_200;
  report({
    name: "renewals per session (E[floor(L/55 min)])",
    simulated: results.map((r) => r.renewals.succeeded / r.sessions.started),
    expected,
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
