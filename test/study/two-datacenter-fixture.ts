/**
 * The plan tests' setting: two datacenters, each its users' nearest (West Europe for amsterdam,
 * East US for virginia), WFE instances of concurrency 1 with exponential 100 ms service for both
 * visits, no SSO or MFA and 10 s of typing between a login's two visits, so each WFE is close to
 * an M/M/c queue; and a probe store that simulates each replication on its own streams.
 */
import { RandomStreams } from "../../src/engine/random/index.ts";
import { runReplication } from "../../src/model/run/run-scenario.ts";
import { ProbeStore } from "../../src/study/index.ts";
import { FLAT_DAY } from "../model/scenario-fixture.ts";

export interface TwoDatacenterOptions {
  readonly name: string;
  readonly duration: string;
  readonly seed: number;
  readonly replications: number;
  /** WFE instances in each datacenter. */
  readonly instances: number;
  readonly amsterdamUsers: number;
  readonly virginiaUsers: number;
  /** The `slos:` list's items, e.g. `"wfe.wait.mean < 10ms"`. */
  readonly slos: string;
}

export function twoDatacenterYaml(o: TwoDatacenterOptions): string {
  const wfe = `{ instances: ${o.instances}, concurrency: 1, serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } } }`;
  const user = (name: string, region: string, users: number) =>
    `  - { name: ${name}, region: ${region}, dailyActiveUsers: ${users}, sessionsPerUser: 1, timeZone: UTC, profile: { hourly: ${FLAT_DAY}, interpolation: hourly }, backEndRate: 1/h, sessionLength: 2m }`;
  return `
name: ${o.name}
simulation: { duration: ${o.duration}, warmUp: 2m, seed: ${o.seed}, replications: ${o.replications}, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters:
  - name: weu
    region: westeurope
    wfe: ${wfe}
  - name: eus
    region: eastus
    wfe: ${wfe}
identityProvider: { ssoShare: 0%, mfa: { share: 0% }, credentialEntry: { exponential: { mean: 10s } } }
tenants: [{ name: contoso, backEnd: weu }]
userBases:
${user("amsterdam", "westeurope", o.amsterdamUsers)}
${user("virginia", "eastus", o.virginiaUsers)}
slos: [${o.slos}]
`;
}

/** A store whose replications are simulated here, `replications` per probe; `onRun` sees each. */
export function simulatingStore(replications: number, onRun: () => void = () => {}): ProbeStore {
  return new ProbeStore(async (s, r) => {
    onRun();
    const result = runReplication(s, new RandomStreams(s.simulation.seed).forReplication(r), r, replications);
    if (result === null) throw new Error("stopped");
    return result;
  });
}
