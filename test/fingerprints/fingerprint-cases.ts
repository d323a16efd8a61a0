/**
 * Regression fingerprints (OMNeT++ style): every bundled scenario, shortened so it runs in well
 * under a second but still exercises its faults and token renewals, hashed two ways — the event
 * trajectory (every dispatched (time, kind, target), from the engine) and the headline metrics.
 * A change that alters model behaviour changes a fingerprint; update them deliberately with
 * `npm run fingerprints:update` in the same commit and say why in the commit message.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile, type ResolvedScenario } from "../../src/scenario/index.ts";

export const FINGERPRINTS_FILE = "test/fingerprints/fingerprints.json";

/** Shortening applied to every scenario: 8 simulated minutes, tokens that renew within them. */
const SHORTEN = [
  "simulation.duration=8m",
  "simulation.warmUp=1m",
  "simulation.timeBin=30s",
  "identityProvider.tokenLifetime={ constant: 4m }",
  "identityProvider.renewalOffset=1m",
];

/**
 * Scenario-specific overrides that pull their faults into the shortened window. The global
 * baseline starts empty: warm, its 6 M daily users are 0.9 M sessions alive at 00:00 UTC, far
 * too many for a fingerprint (the other six exercise the warm start).
 */
const FAULTS_EARLY: Record<string, string[]> = {
  "dc-outage-failover.yaml": ["faults[0].start=3m", "faults[0].duration=3m"],
  "idp-outage-renewal-storm.yaml": ["faults[0].start=3m", "faults[0].duration=2m"],
  "global-baseline.yaml": ["simulation.warmStart=false"],
};

export interface Fingerprint {
  readonly trajectory: string;
  readonly metrics: string;
  readonly events: number;
}

export function scenarioFiles(): string[] {
  return readdirSync("scenarios")
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

/** A bundled scenario as the fingerprints run it: shortened, faults pulled early, `extra` overrides. */
export function shortened(file: string, extra: readonly string[] = []): ResolvedScenario {
  const loaded = loadScenarioFile(`scenarios/${file}`, {
    overrides: [...SHORTEN, ...(FAULTS_EARLY[file] ?? []), ...extra],
  });
  if (!loaded.ok) throw new Error(`${file} does not load with the fingerprint overrides`);
  return loaded.scenario;
}

export function fingerprintOf(file: string): Fingerprint {
  const [r] = runScenario(shortened(file), { fingerprint: true, replications: 1 });
  const headline = {
    login: r.latency.login,
    loginSystem: r.latency.loginSystem,
    backEnd: r.latency.backEnd,
    renewal: r.latency.renewal,
    sessions: r.sessions,
    logins: r.logins,
    failures: r.failures,
    renewals: r.renewals,
    tokens: r.tokens,
    failovers: r.failovers,
  };
  const metrics = createHash("sha256").update(JSON.stringify(headline)).digest("hex").slice(0, 16);
  return { trajectory: r.fingerprint ?? "", metrics, events: r.performance.events };
}
