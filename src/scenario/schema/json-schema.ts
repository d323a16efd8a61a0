/**
 * The JSON Schema of the scenario format, generated from the zod schema (input side: what a
 * file may contain, human-unit strings and all) so editors can complete and check files.
 */
import { z } from "zod";
import { ScenarioSchema } from "./scenario-schema.ts";

export const JSON_SCHEMA_ID = "https://authsim.dev/schema/authsim-scenario.schema.json";

/** The schema as pretty-printed JSON text, ending in a newline. */
export function scenarioJsonSchemaText(): string {
  // Draft 7: what yaml-language-server (VS Code's YAML extension) and most editors implement.
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", target: "draft-7", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, $id: JSON_SCHEMA_ID, title: "authsim scenario" }, null, 2)}\n`;
}
