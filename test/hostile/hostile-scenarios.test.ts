/**
 * Generated hostile scenarios (test/hostile/mutations.ts, fixed seed): mutations of every bundled
 * scenario, loaded in-process. Every one must be refused, never thrown, with each problem at
 * file:line:col (or on the --set it came from) and a message a person can read; none may take
 * long or hold on to memory.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadScenarioText } from "../../src/scenario/index.ts";
import { hostileScenarios, seeded } from "./mutations.ts";

const SCENARIOS = join(import.meta.dirname, "../../scenarios");
const PER_SCENARIO = 45;
/** Words that only appear when an exception's text leaks out instead of a message. */
const LEAKS = /is not a function|Cannot read|undefined|\[object Object\]|Maximum call stack|NaN|stack/;

describe("hostile scenarios", () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml"));

  it.each(files)("%s: every mutation is refused with placed, readable problems", (name) => {
    const source = readFileSync(join(SCENARIOS, name), "utf8");
    expect(loadScenarioText(source, name).ok).toBe(true);
    const rnd = seeded(20261203 + name.length);
    const cases = hostileScenarios(rnd, source, PER_SCENARIO);
    const heapBefore = process.memoryUsage().heapUsed;
    let slowest = 0;
    for (const c of cases) {
      const started = performance.now();
      const r = loadScenarioText(c.text, "hostile.yaml");
      slowest = Math.max(slowest, performance.now() - started);
      expect(r.ok, `${name}: ${c.label} was accepted`).toBe(false);
      if (r.ok) continue;
      expect(r.problems.length, c.label).toBeGreaterThan(0);
      for (const p of r.problems) {
        const line = formatProblem(p);
        expect(line, c.label).toMatch(/^hostile\.yaml:\d+:\d+: \S.*: expected .+, found .+/);
        expect(p.line, c.label).toBeGreaterThanOrEqual(1);
        expect(p.column, c.label).toBeGreaterThanOrEqual(1);
        expect(line.replace(/"[^"]*"/g, '""'), c.label).not.toMatch(LEAKS);
        expect(line.length, c.label).toBeLessThan(1500);
      }
    }
    // Bounds, not benchmarks: an alias bomb or a deep document must not run away.
    expect(slowest).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 2 ** 20);
  });

  it("a problem a --set brings into the file is reported on that --set", () => {
    const source = readFileSync(join(SCENARIOS, "dc-outage-failover.yaml"), "utf8");
    const r = loadScenarioText(source, "f.yaml", {
      overrides: ["trafficManager.ttl=0s", "trafficManager.probe.interval=10s"],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^--set trafficManager\.probe\.interval=10s: trafficManager\.probe\.timeout: expected .* \(trafficManager\.probe\.timeout is at f\.yaml:\d+:\d+\)$/,
        ),
      ]);
  });

  it("hostile --set values are refused on the --set, never thrown", () => {
    const source = readFileSync(join(SCENARIOS, "quickstart.yaml"), "utf8");
    for (const set of [
      "constructor=1",
      "__proto__.x=1",
      "simulation.constructor=1",
      "userBases[constructor].region=x",
      "userBases[0].tenants.constructor=1",
      `simulation.duration=${"[".repeat(5000)}`,
      "simulation.duration=!!omap [ {a: 1} ]",
      "simulation=*x",
      "slos=[toString < 1s]",
      "=1",
      "simulation.duration",
    ]) {
      const r = loadScenarioText(source, "q.yaml", { overrides: [set] });
      expect(r.ok, set).toBe(false);
      if (!r.ok)
        for (const p of r.problems) expect(formatProblem(p), set).toMatch(/^(--set |q\.yaml:\d+:\d+: )/);
    }
  });
});
