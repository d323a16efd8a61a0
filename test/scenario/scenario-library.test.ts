// Every scenario shipped in scenarios/ validates, says what question it answers, and has a description.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.ts";

const dir = new URL("../../scenarios/", import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

describe("scenario library", () => {
  it("has the scenarios the README and issues promise", () => {
    for (const name of [
      "quickstart",
      "global-baseline",
      "dc-outage-failover",
      "token-lifetime-fixed-1h",
      "idp-outage-renewal-storm",
      "monday-peak",
      "teams-embedded-share",
    ]) {
      expect(files).toContain(`${name}.yaml`);
    }
  });

  it.each(files)("%s validates, opens with its question and has a description", (file) => {
    const path = new URL(file, dir).pathname;
    const text = readFileSync(path, "utf8");
    expect(text.startsWith("# Question:")).toBe(true);
    const r = loadScenarioFile(path);
    if (!r.ok)
      throw new Error(
        r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.expected}, found ${p.found}`).join("\n"),
      );
    expect(r.scenario.description.length).toBeGreaterThan(20);
    expect(r.warnings).toEqual([]);
  });

  it.each(files)("%s cannot pass with a back end turning more than 1% of its calls away", (file) => {
    const r = loadScenarioFile(new URL(file, dir).pathname);
    if (!r.ok) throw new Error(`${file} does not load`);
    const guard = r.scenario.slos.find((s) => s.metric === "backEnd.failureRate" && s.scope === null);
    expect(guard, `${file}: an unscoped backEnd.failureRate objective`).toBeDefined();
    expect(guard?.op === "<" || guard?.op === "<=").toBe(true);
    expect(guard?.threshold).toBeLessThanOrEqual(0.01);
  });

  it.each(files)("%s says in its comment when it is meant to fail its SLOs", (file) => {
    // The bundled runs (docs/validation.md) pass every SLO except in the scenarios that exist to
    // show a failure, which say so and why; README's table gives each one's exit code.
    const text = readFileSync(new URL(file, dir).pathname, "utf8");
    const failsByDesign = /^# Exits 1 by design: /m.test(text);
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const row = readme.split("\n").find((l) => l.startsWith(`| \`${file}\``));
    expect(row, `README scenario table row for ${file}`).toBeDefined();
    expect(row).toContain(failsByDesign ? "exits 1 by design" : "passes");
  });

  it("global baseline spans 12+ regions and millions of users", () => {
    const r = loadScenarioFile(new URL("global-baseline.yaml", dir).pathname);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.geography.regions.length).toBeGreaterThanOrEqual(12);
    expect(r.scenario.userBases.reduce((s, u) => s + u.dailyActiveUsers, 0)).toBeGreaterThan(3_000_000);
    expect(r.scenario.simulation.duration).toBe(86400);
    expect(r.scenario.geography.rttSource.flat()).toContain("estimated");
  });
});
