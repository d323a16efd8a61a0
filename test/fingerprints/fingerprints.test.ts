/** Every bundled scenario still produces its recorded fingerprints (see fingerprint-cases.ts). */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINGERPRINTS_FILE, type Fingerprint, fingerprintOf, scenarioFiles } from "./fingerprint-cases.ts";

const recorded: Record<string, Fingerprint> = existsSync(FINGERPRINTS_FILE)
  ? JSON.parse(readFileSync(FINGERPRINTS_FILE, "utf8"))
  : {};

const HOW =
  "If the change in behaviour is intended, run `npm run fingerprints:update` and say why in the commit message.";

describe("regression fingerprints", () => {
  it("has a recorded fingerprint for every scenario in scenarios/", () => {
    expect(Object.keys(recorded).sort(), HOW).toEqual(scenarioFiles());
  });

  for (const file of scenarioFiles()) {
    it(`${file}: same event trajectory and headline metrics`, () => {
      const now = fingerprintOf(file);
      expect(now.events).toBeGreaterThan(1000); // the shortened run still exercises the model
      expect(now, `${file}: ${HOW}`).toEqual(recorded[file]);
    });
  }

  it("is a function of the run: the same scenario twice gives the same trajectory fingerprint", () => {
    expect(fingerprintOf("quickstart.yaml").trajectory).toBe(fingerprintOf("quickstart.yaml").trajectory);
  });
});
