/**
 * Writes docs/authsim-scenario.schema.json from the zod schema (npm run schema). A test fails when
 * the committed file differs from a fresh generation.
 */
import { writeFileSync } from "node:fs";
import { scenarioJsonSchemaText } from "../src/scenario/schema/json-schema.ts";

const target = new URL("../docs/authsim-scenario.schema.json", import.meta.url);
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target.pathname}`);
