// Scenarios for the chart tests, loaded through the real scenario loader so the charts see
// exactly what the model will hand them: a working day round the globe, optionally with the
// West Europe WFE cluster failing at 09:00 UTC (German mid-morning) for 45 minutes.
import { loadScenarioText, type ResolvedScenario } from "../../../src/scenario/index.ts";

const BASE = `name: fixture-global-day
description: A Wednesday round the globe, four datacenters, five user bases.
simulation: { duration: 24h, warmUp: 1h, seed: 11, startDay: wednesday, startTime: "00:00", timeBin: 2m }
datacenters:
  - { name: nam-east, region: eastus, wfe: { instances: 12 } }
  - { name: eur-west, region: westeurope, wfe: { instances: 10 } }
  - { name: eur-north, region: northeurope, wfe: { instances: 8 } }
  - { name: apj-sea, region: southeastasia, wfe: { instances: 6 } }
tenants: [{ name: contoso, backEnd: eur-west }]
userBases:
  - { name: us-east, region: eastus, dailyActiveUsers: 900000 }
  - { name: germany, region: germanywestcentral, dailyActiveUsers: 600000 }
  - { name: uk, region: uksouth, dailyActiveUsers: 500000 }
  - { name: ireland, region: northeurope, dailyActiveUsers: 150000 }
  - { name: india, region: centralindia, dailyActiveUsers: 400000 }
  - { name: japan, region: japaneast, dailyActiveUsers: 350000 }
slos: [login.p95 < 3s, wfe.utilisation.peak < 70%, login.p99@germany < 8s]
`;

const OUTAGE = `faults:
  - { type: datacenterOutage, datacenter: eur-west, component: wfe, start: 9h, duration: 45m }
`;

function load(text: string): ResolvedScenario {
  const r = loadScenarioText(text, "fixture.yaml");
  if (!r.ok) throw new Error(`fixture scenario does not load: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

/** The global day with the West Europe outage (failover chart drawn). */
export function outageScenario(): ResolvedScenario {
  return load(BASE + OUTAGE);
}

/** The same day without faults (no failover chart). */
export function baselineScenario(): ResolvedScenario {
  return load(BASE);
}
