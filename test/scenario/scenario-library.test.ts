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
