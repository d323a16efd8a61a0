/** The region table in docs/scenario-format.md is current, and city or country names get a suggestion. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withRegionTable } from "../../src/scenario/geography/region-table.ts";
import { loadScenarioText } from "../../src/scenario/index.ts";

describe("region names", () => {
  it("docs/scenario-format.md holds the current table (npx tsx scripts/region-table.ts)", () => {
    const doc = readFileSync(new URL("../../docs/scenario-format.md", import.meta.url), "utf8");
    expect(withRegionTable(doc)).toBe(doc);
  });

  it.each([
    ["tokyo", "japaneast"],
    ["India", "centralindia"],
    ["Sao Paulo", "brazilsouth"],
    ["westeurop", "westeurope"],
  ])("%s: did you mean %s?", (written, region) => {
    const text = `name: t\ndatacenters: [{ name: a, region: westeurope }]\nuserBases: [{ name: u, region: "${written}", dailyActiveUsers: 1 }]\n`;
    const r = loadScenarioText(text, "t.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].suggestion).toBe(region);
  });
});
