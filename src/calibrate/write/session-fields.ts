/**
 * The session and token part of a calibrated scenario, kept in one place because the scenario
 * format's session section is the part that moves (issue 14: activity periods, client types and
 * token resources replaced `embeddedShare`). Each line says where its value came from.
 * Emits only fields the schema has: `sessionsPerUser`, `sessionLength`, `clients` per user base,
 * and `tokenLifetime` under identityProvider. Active/idle periods cannot be fitted: the logs show
 * renewals only while a session is active, so they cannot separate idle time from session end.
 * The fitted length is therefore the time a session holds and renews tokens, and the scenario
 * says so with `activity` always active: under the default active/idle periods an idle tab
 * renews late or never, and the fitted scenario would renew less than the logs do (the model
 * round trip measured 13-24% shorter session spans and 7 points fewer silent sign-ins).
 */
import type { Calibration, UserBaseCalibration } from "../calibrate.ts";
import { count, durationText } from "./yaml-values.ts";

/** Default renewal offset (MSAL.js tokenRenewalOffsetSeconds), added back to the gaps. */
const RENEWAL_OFFSET = 300;

/** Lines under one user base (indented by the caller). */
export function userBaseSessionLines(u: UserBaseCalibration): string[] {
  const lines: string[] = [];
  if (u.sessionsPerUser !== null) {
    lines.push(
      `sessionsPerUser: ${Number(u.sessionsPerUser.value.toPrecision(3))} # data: session starts / distinct users on a typical weekday (${count(u.sessionsPerUser.records)} starts)`,
    );
  } else lines.push("sessionsPerUser: 1.5 # default: the log has no user ids");
  const s = u.sessionLength;
  if (s !== null) {
    lines.push(
      `sessionLength: { lognormal: { median: ${durationText(s.median)}, p99: ${durationText(s.p99)} } } # data: interval-censored fit to ${count(s.sessions)} sessions (${count(s.withRenewals)} with renewals)`,
    );
    lines.push(
      "activity: { active: { constant: 168h }, idle: { constant: 1s } } # the fitted length is the time a session renews tokens: always active (idle periods are not in the logs; edit with care)",
    );
  } else lines.push("# sessionLength: default (the logs' correlation ids do not group a session's sign-ins)");
  const broker = u.brokerShare;
  if (broker !== null && broker.value > 0) {
    // Both shares from one rounded figure, so they add up to 100% exactly.
    const pct = Number((broker.value * 100).toFixed(1));
    lines.push(
      `clients: { broker: ${pct}%, spa: ${Number((100 - pct).toFixed(1))}% } # data: broker ${count(u.starts.broker)} of ${count(broker.records)} starts; spa vs web is not in the logs (spa assumed)`,
    );
  } else if (broker !== null) {
    lines.push(
      `# clients: default (every session spa): no broker sign-ins among ${count(broker.records)} starts`,
    );
  }
  return lines;
}

/** Lines under identityProvider for token lifetimes. */
export function tokenLines(c: Calibration): string[] {
  const r = c.renewal;
  if (r === null)
    return ["# tokenLifetime: default (60-90 min): too few renewals in the logs to see the cadence"];
  return [
    `tokenLifetime: { uniform: { min: ${durationText(r.min + RENEWAL_OFFSET)}, max: ${durationText(r.max + RENEWAL_OFFSET)} } } # data: renewals every ${durationText(r.mean)} ± ${durationText(r.sd)} (${count(r.samples)} gaps) + renewalOffset 300s`,
  ];
}
