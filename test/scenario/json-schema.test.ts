// The committed JSON Schema must equal a fresh generation (run `npm run schema` after schema edits).
// Compared as data: the committed file is biome-formatted, the generator's text is not.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchemaText } from "../../src/scenario/schema/json-schema.ts";

describe("docs/authsim-scenario.schema.json", () => {
  it("is up to date with the zod schema", () => {
    const committed = readFileSync(
      new URL("../../docs/authsim-scenario.schema.json", import.meta.url),
      "utf8",
    );
    expect(JSON.parse(committed)).toEqual(JSON.parse(scenarioJsonSchemaText()));
  });

  it("marks unknown keys as errors and publishes unit patterns and defaults", () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.simulation.properties.duration.pattern).toMatch(/ms/);
    expect(schema.properties.trafficManager.properties.ttl.default).toBe("30s");
  });
});
