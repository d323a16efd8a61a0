/**
 * What a completed sign-in leaves in the metrics: its count, its latency with and without the
 * user's typing (per user base and datacenter), and each login step's share of it, read from the
 * session's step accumulators (SessionTable.acc, filled by markStep along the hops), and the
 * (user base, datacenter) pair it took, for the routing matrix and the world map.
 */
import type { Metrics } from "../measure/metrics.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import { Acc, type SessionTable } from "./session-table.ts";

export function recordCompletedLogin(metrics: Metrics, t: SessionTable, s: number, now: number): void {
  const total = now - t.acc[t.at(s, Acc.LOGIN_START)];
  const ub = t.userBase[s];
  const dc = t.datacenter[s];
  metrics.count(Occurrence.LOGIN_COMPLETED, now, ub, dc);
  metrics.latency(Latency.LOGIN, now, total, ub, dc);
  const system = total - t.acc[t.at(s, Acc.TYPING)];
  metrics.latency(Latency.LOGIN_SYSTEM, now, system, ub, dc);
  metrics.routing.record(now, ub, dc, system);
  // In LOGIN_STEPS order: dns, connect, wfeRedirect, identityProvider, userTyping, redemption.
  metrics.latency(Latency.STEP_DNS, now, t.acc[t.at(s, Acc.DNS)]);
  metrics.latency(Latency.STEP_CONNECT, now, t.acc[t.at(s, Acc.CONNECT)]);
  metrics.latency(Latency.STEP_WFE_REDIRECT, now, t.acc[t.at(s, Acc.WFE)]);
  metrics.latency(Latency.STEP_IDENTITY_PROVIDER, now, t.acc[t.at(s, Acc.IDP)]);
  metrics.latency(Latency.STEP_USER_TYPING, now, t.acc[t.at(s, Acc.TYPING)]);
  metrics.latency(Latency.STEP_REDEMPTION, now, t.acc[t.at(s, Acc.REDEMPTION)]);
}
