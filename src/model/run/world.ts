/**
 * Assembly: a resolved scenario + random streams -> every component of the sign-in world, wired
 * together and ready to run. Nothing here simulates (STYLE.md: assemble, then simulate).
 *
 * Every random draw comes from a stream named after the component and the quantity, so a change
 * in one part of a scenario leaves the numbers of every other part unchanged (common random
 * numbers between variants).
 */
import {
  makeSampler,
  type RandomSource,
  type RandomStreams,
  type Sampler,
} from "../../engine/random/index.ts";
import { Simulation, type SimulationOptions } from "../../engine/simulation.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { CallSamplers } from "../calls/back-end-calls.ts";
import { CallModel } from "../calls/call-model.ts";
import { Arrivals } from "../flow/arrivals.ts";
import { SessionTable } from "../flow/session-table.ts";
import { FailoverTracker } from "../measure/failover-tracker.ts";
import { Metrics } from "../measure/metrics.ts";
import { SignInLog, type SignInSink } from "../measure/sign-in-log.ts";
import type { PageSamplers } from "../pages/page-requests.ts";
import { DnsResolvers } from "../routing/dns.ts";
import { Network } from "../routing/network.ts";
import { TrafficManager } from "../routing/traffic-manager.ts";
import { Datacenters } from "../services/datacenters.ts";
import { GlobalService } from "../services/global-service.ts";
import { IdentityProvider } from "../services/identity-provider.ts";
import { SigningKeys } from "../services/signing-keys.ts";
import { estimateRun } from "./run-estimate.ts";

/** Per-user-base and global samplers the flow draws from. */
export interface FlowSamplers {
  readonly sessionLength: Sampler[];
  /** Per datacenter: the API calls' gaps, caller choices and jitter. */
  readonly calls: CallSamplers[];
  /** Per datacenter: the WFE's page requests' gaps, senders, jitter and flow-level waits. */
  readonly pages: PageSamplers[];
  /** Calls of callers whose token expired: Exp(1) gaps and the caller. */
  readonly expiredCallGap: Sampler;
  readonly expiredCaller: RandomSource;
  readonly tokenLifetime: Sampler;
  /** identityProvider.resources' token lifetimes, in order. */
  readonly resourceLifetime: Sampler[];
  /** Exp(1) gaps to the first call to another resource after its token is due. */
  readonly resourceCallGap: Sampler;
  /** Per user base: active and idle periods, and how long a user who gave up waits to return. */
  readonly activeTime: Sampler[];
  readonly idleTime: Sampler[];
  readonly returnDelay: Sampler[];
  readonly credentialEntry: Sampler;
  readonly mfaTime: Sampler;
  /** Uniform draws, one stream per decision, so changing one leaves the others' numbers alone. */
  readonly sessionKind: RandomSource;
  readonly clientKind: RandomSource;
  readonly userReturns: RandomSource;
  readonly thirdPartyCookies: RandomSource;
  readonly tenant: RandomSource;
  readonly mfa: RandomSource;
  readonly identityErrors: RandomSource;
  readonly backoff: RandomSource;
}

export interface World {
  readonly scenario: ResolvedScenario;
  readonly sim: Simulation;
  readonly sessions: SessionTable;
  readonly network: Network;
  readonly trafficManager: TrafficManager;
  readonly dns: DnsResolvers;
  readonly identity: IdentityProvider;
  readonly globalService: GlobalService;
  readonly datacenters: Datacenters;
  /** Each datacenter's cached copy of the identity provider's signing keys (signing-keys.ts). */
  readonly signingKeys: SigningKeys;
  /** Which back ends carry their calls at flow level, per time bin (calls/call-model.ts). */
  readonly callModel: CallModel;
  /** Which WFEs carry their page traffic at flow level, per time bin (pages/page-requests.ts). */
  readonly pageModel: CallModel;
  readonly arrivals: Arrivals;
  readonly metrics: Metrics;
  readonly failovers: FailoverTracker;
  readonly samplers: FlowSamplers;
  /** Samplers for the sessions alive at time 0, on streams of their own (warm-start.ts). */
  readonly warmStart: WarmStartSamplers;
  /** The sign-in log, when a sink was given (`run --emit-signins`); null or absent otherwise. */
  readonly signInLog?: SignInLog | null;
}

/** The warm start's draws, apart from the run's so that turning it on leaves theirs alone. */
export interface WarmStartSamplers {
  readonly arrivals: Arrivals;
  readonly sessionLength: Sampler[];
  readonly activeTime: Sampler[];
  readonly idleTime: Sampler[];
  /** Token lifetimes: resource 0 (the service's API), then identityProvider.resources. */
  readonly tokenLifetime: Sampler[];
  /** Exp(1) gaps to the first call after a token is due. */
  readonly callGap: Sampler;
  readonly choice: RandomSource;
}

/**
 * Session slots to allocate up front: the expected peak of concurrent sessions (an upper bound:
 * every user base's peak hour at once), capped. PERF: columns sized once never pay the doubling's
 * copies and slack; pages of a fresh typed array that no session touches stay unallocated, so
 * an over-estimate costs address space, not memory.
 */
function initialSessionSlots(scenario: ResolvedScenario): number {
  const peak = estimateRun(scenario).peakConcurrentSessions;
  return Math.min(1 << 24, Math.max(1024, Math.ceil(peak * 1.1)));
}

/**
 * Builds the world: every station, router and service with its samplers on named streams. The
 * flow is built on it afterwards and binds the stations' callbacks (run/station-jobs.ts).
 */
export function buildWorld(
  scenario: ResolvedScenario,
  streams: RandomStreams,
  simulation: SimulationOptions = {},
  signInSink?: SignInSink,
): World {
  const sim = new Simulation({ initialCapacity: 4096, ...simulation });
  const sample = (spec: Parameters<typeof makeSampler>[0], stream: string) =>
    makeSampler(spec, streams.get(stream));
  const network = new Network(scenario, sample({ kind: "normal", mean: 0, sd: 1 }, "network.jitter"));
  const datacenters = new Datacenters(
    sim,
    scenario,
    scenario.datacenters.map((d) => ({
      redirect: sample(d.wfe.serviceTime.redirect, `wfe.${d.name}.redirect`),
      callback: sample(d.wfe.serviceTime.callback, `wfe.${d.name}.callback`),
      page: sample(d.wfe.serviceTime.page, `wfe.${d.name}.page`),
      backEndCall: sample(d.backEnd.serviceTime, `backEnd.${d.name}.call`),
      tokenValidation: sample(d.backEnd.tokenValidation, `backEnd.${d.name}.tokenValidation`),
      keyFetch: sample(d.backEnd.signingKeyFetch, `backEnd.${d.name}.keyFetch`),
    })),
    scenario.datacenters.map((d) => streams.get(`backEnd.${d.name}.keyCachePhase`)),
  );
  const failovers = new FailoverTracker(scenario);
  const trafficManager = new TrafficManager(sim, scenario, network, streams.get("trafficManager.choice"), {
    isWfeDown: (dc) => datacenters.isWfeDown[dc] === 1,
    failsFast: (dc) => datacenters.wfeFailsFast[dc] === 1,
    wfe: (dc) => datacenters.wfe[dc],
    onHealthChange: (dc, isDegraded, now) => failovers.onHealthChange(dc, isDegraded, now),
  });
  const dns = new DnsResolvers(scenario, trafficManager, streams.get("dns.choice"), (u, which) => {
    const ub = scenario.userBases[u];
    const spec = which === "hit" ? ub.dns.cacheHitLatency : ub.dns.cacheMissLatency;
    return sample(spec, `dns.${ub.name}.${which}`);
  });
  const idp = scenario.identityProvider;
  const identity = new IdentityProvider(sim, scenario, network, {
    loginService: sample(idp.loginPage.serviceTime, "identity.loginPage.service"),
    tokenService: sample(idp.tokenEndpoint.serviceTime, "identity.token.service"),
  });
  const globalService = new GlobalService(
    sim,
    scenario,
    sample(scenario.globalService.serviceTime, "globalService.service"),
  );
  const arrivals = new Arrivals(scenario, (u) =>
    sample({ kind: "exponential", mean: 1 }, `arrivals.${scenario.userBases[u].name}`),
  );
  const metrics = new Metrics(scenario, datacenters.wfe, datacenters.backEnd, {
    loginPage: identity.loginPage,
    tokenEndpoint: identity.tokenEndpoint,
    globalService: [globalService.station],
  });
  const samplers: FlowSamplers = {
    sessionLength: scenario.userBases.map((u) => sample(u.sessionLength, `session.${u.name}.length`)),
    calls: scenario.datacenters.map((d) => ({
      gap: sample({ kind: "exponential", mean: 1 }, `backEnd.${d.name}.callGaps`),
      caller: streams.get(`backEnd.${d.name}.caller`),
      jitter: sample({ kind: "normal", mean: 0, sd: 1 }, `backEnd.${d.name}.jitter`),
      flowWait: streams.get(`backEnd.${d.name}.flowWait`),
    })),
    pages: scenario.datacenters.map((d) => ({
      gap: sample({ kind: "exponential", mean: 1 }, `wfe.${d.name}.pageGaps`),
      caller: streams.get(`wfe.${d.name}.pageCaller`),
      jitter: sample({ kind: "normal", mean: 0, sd: 1 }, `wfe.${d.name}.pageJitter`),
      flowWait: streams.get(`wfe.${d.name}.pageFlowWait`),
    })),
    expiredCallGap: sample({ kind: "exponential", mean: 1 }, "backEnd.expiredCallGaps"),
    expiredCaller: streams.get("backEnd.expiredCaller"),
    tokenLifetime: sample(idp.tokenLifetime, "identity.tokenLifetime"),
    resourceLifetime: idp.resources.map((r) => sample(r.tokenLifetime, `identity.${r.name}.tokenLifetime`)),
    resourceCallGap: sample({ kind: "exponential", mean: 1 }, "session.resourceCallGaps"),
    activeTime: scenario.userBases.map((u) => sample(u.activity.active, `session.${u.name}.active`)),
    idleTime: scenario.userBases.map((u) => sample(u.activity.idle, `session.${u.name}.idle`)),
    returnDelay: scenario.userBases.map((u) => sample(u.returns.delay, `user.${u.name}.returnDelay`)),
    credentialEntry: sample(idp.credentialEntry, "user.credentialEntry"),
    mfaTime: sample(idp.mfa.time, "user.mfa"),
    sessionKind: streams.get("session.kind"),
    clientKind: streams.get("session.client"),
    userReturns: streams.get("user.returns"),
    thirdPartyCookies: streams.get("browser.thirdPartyCookies"),
    tenant: streams.get("session.tenant"),
    mfa: streams.get("user.mfaShare"),
    identityErrors: streams.get("identity.errors"),
    backoff: streams.get("client.backoff"),
  };
  const warm = (what: string, u: { name: string }) => `warmStart.${u.name}.${what}`;
  const warmStart: WarmStartSamplers = {
    arrivals: new Arrivals(scenario, (u) =>
      sample({ kind: "exponential", mean: 1 }, warm("arrivals", scenario.userBases[u])),
    ),
    sessionLength: scenario.userBases.map((u) => sample(u.sessionLength, warm("length", u))),
    activeTime: scenario.userBases.map((u) => sample(u.activity.active, warm("active", u))),
    idleTime: scenario.userBases.map((u) => sample(u.activity.idle, warm("idle", u))),
    tokenLifetime: [
      sample(idp.tokenLifetime, "warmStart.identity.tokenLifetime"),
      ...idp.resources.map((r) => sample(r.tokenLifetime, `warmStart.identity.${r.name}.tokenLifetime`)),
    ],
    callGap: sample({ kind: "exponential", mean: 1 }, "warmStart.callGaps"),
    choice: streams.get("warmStart.choice"),
  };
  const sessions = new SessionTable(initialSessionSlots(scenario), 1 + idp.resources.length);
  return {
    scenario,
    sim,
    sessions,
    signInLog: signInSink ? new SignInLog(scenario, sessions, signInSink) : null,
    warmStart,
    network,
    trafficManager,
    dns,
    identity,
    globalService,
    datacenters,
    signingKeys: new SigningKeys(sim, scenario, datacenters, (name) => streams.get(name)),
    callModel: new CallModel(
      scenario.simulation.backEndCalls,
      datacenters.meanBackEndCallTime,
      metrics.bins,
      metrics.binWidth,
    ),
    pageModel: new CallModel(
      scenario.simulation.backEndCalls,
      datacenters.meanPageTime,
      metrics.bins,
      metrics.binWidth,
    ),
    arrivals,
    metrics,
    failovers,
    samplers,
  };
}
