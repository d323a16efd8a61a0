/**
 * Rewrites test/fingerprints/fingerprints.json from the current code. Run it only when a change
 * in model behaviour is intended, and say why in the commit message (`npm run fingerprints:update`).
 */
import { writeFileSync } from "node:fs";
import {
  FINGERPRINTS_FILE,
  type Fingerprint,
  fingerprintOf,
  scenarioFiles,
} from "../test/fingerprints/fingerprint-cases.ts";

const all: Record<string, Fingerprint> = {};
for (const file of scenarioFiles()) {
  all[file] = fingerprintOf(file);
  console.log(
    `${file}: trajectory ${all[file].trajectory}, metrics ${all[file].metrics}, ${all[file].events} events`,
  );
}
writeFileSync(FINGERPRINTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
console.log(`wrote ${FINGERPRINTS_FILE}`);
