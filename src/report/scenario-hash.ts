/**
 * A fingerprint of a resolved scenario, so two summaries can be checked to come from the same
 * inputs. Taken over the canonical JSON (sorted keys) without `source`: the same scenario read
 * from another path, or after a harmless reordering in the scenario layer, keeps its hash.
 */
import { createHash } from "node:crypto";
import type { ResolvedScenario } from "../scenario/index.ts";
import { canonicalJson } from "./stable-json.ts";

/** `sha256:<64 hex digits>`. */
export function scenarioHash(scenario: ResolvedScenario): string {
  const { source: _source, ...rest } = scenario;
  return `sha256:${createHash("sha256").update(canonicalJson(rest)).digest("hex")}`;
}
