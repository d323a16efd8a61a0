/**
 * A calibration -> scenario YAML text whose comments say, for every value, whether it came from
 * the data (and from how many records) or is a default. Datacenters are not in sign-in logs: the
 * scenario gets one per user-base region (edit them, or merge the user bases into your own
 * scenario); their WFE service times come from access logs when given. No user identifier is
 * written: only counts, shares and distributions.
 */
import { AZURE_REGIONS } from "../../scenario/index.ts";
import type { Calibration, UserBaseCalibration } from "../calibrate.ts";
import { WEEKDAY_NAMES } from "../fit/fit-profile.ts";
import { tokenLines, userBaseSessionLines } from "./session-fields.ts";
import { count, durationText, shareText, utcText, weightText } from "./yaml-values.ts";

export interface WriteOptions {
  readonly name: string;
  /** The day shape's resolution: 96 quarter-hour weights (default) or 24 hourly ones. */
  readonly resolution?: "15m" | "1h";
  /** Shown in the header: how the scenario was made (e.g. the command line, without paths of logs). */
  readonly generator?: string;
}

export function writeScenario(c: Calibration, options: WriteOptions): string {
  const out: string[] = [];
  const src = c.source;
  const days = (src.to - src.from) / 86400;
  out.push(
    `# Calibrated by ${options.generator ?? "authsim calibrate"} from ${src.files.length} file(s): ${count(src.records)} user sign-ins`,
    `# from ${utcText(src.from)} to ${utcText(src.to)} (${days.toFixed(1)} days); ${count(src.skipped)} workload sign-ins left out, ${count(src.malformed)} malformed.`,
    "# Every value says where it came from: `data` (with how many records) or `default`.",
    "# No user identifiers are in this file: only counts, shares and distributions.",
    `name: ${options.name}`,
    `description: Fitted to ${count(src.records)} sign-ins, ${utcText(src.from)} to ${utcText(src.to)}; see docs/calibration.md.`,
    "simulation:",
    `  startDay: ${startDay(c)} # a typical weekday in the data`,
    '  startTime: "00:00"',
    "  duration: 24h # default: one day",
    "datacenters: # default: not in sign-in logs; one per user-base region, edit to your own",
    ...datacenterLines(c),
    "userBases:",
  );
  for (const u of c.userBases)
    out.push(
      ...userBaseLines(u, options.resolution ?? "15m").map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)),
    );
  out.push("identityProvider:", ...identityLines(c).map((l) => `  ${l}`));
  out.push(
    "slos: # default: objectives to plan against (the logs hold none); edit to your own",
    "  - loginSystem.p95 < 1s",
    "  - wfe.utilisation.peak < 70%",
    "  - backEnd.failureRate < 0.1%",
  );
  out.push(...failureComment(c));
  return `${out.join("\n")}\n`;
}

function startDay(c: Calibration): string {
  const d = c.userBases[0]?.profile.typicalDays[0] ?? 1;
  return WEEKDAY_NAMES[d];
}

function datacenterLines(c: Calibration): string[] {
  const regions = [...new Set(c.userBases.map((u) => u.place.region))];
  const { redirect, callback } = c.accessLog;
  const timing = (label: string, s: typeof redirect) =>
    s.count >= 1 && s.p50 !== null && s.p99 !== null
      ? [
          `        ${label}: { lognormal: { median: ${durationText(s.p50)}, p99: ${durationText(Math.max(s.p99, s.p50 * 1.01))} } } # data: time-taken of ${count(s.count)} requests (an upper bound: it includes sending the answer)`,
        ]
      : [];
  const service = [...timing("redirect", redirect), ...timing("callback", callback)];
  return regions.flatMap((r) => [
    `  - name: dc-${AZURE_REGIONS[r].name}`,
    `    region: ${AZURE_REGIONS[r].name}`,
    ...(service.length > 0 ? ["    wfe:", "      serviceTime:", ...service] : []),
  ]);
}

function userBaseLines(u: UserBaseCalibration, resolution: "15m" | "1h"): string[] {
  const p = u.place;
  const merged = p.members.slice(1).map((r) => AZURE_REGIONS[r].name);
  const prof = u.profile;
  const lines = [
    `name: ${p.name}`,
    `region: ${AZURE_REGIONS[p.region].name} # data: ${count(p.starts)} session starts nearest ${AZURE_REGIONS[p.region].displayName}${merged.length > 0 ? ` (with ${merged.join(", ")})` : ""}`,
    `timeZone: ${p.timeZone} # the region's; fitted in its standard offset, as authsim resolves it`,
    u.dailyActiveUsers !== null
      ? `dailyActiveUsers: ${u.dailyActiveUsers.value} # data: ${prof.coversWholeDay ? `distinct users with a session start, mean of ${prof.userDays} typical weekday(s)` : "distinct users in a log shorter than a day (a lower bound)"}`
      : `dailyActiveUsers: ${Math.max(1, Math.round(prof.sessionsPerTypicalDay / 1.5))} # data: session starts / default 1.5 sessions per user (no user ids in the log)`,
    ...userBaseSessionLines(u),
    ...profileLines(u, resolution),
  ];
  return lines;
}

function profileLines(u: UserBaseCalibration, resolution: "15m" | "1h"): string[] {
  const prof = u.profile;
  if (!prof.coversWholeDay)
    return [
      "# profile: default: the log covers no whole local day, so no day shape or weekday factor is fitted",
    ];
  const weekdays = WEEKDAY_NAMES.map((d, i) => {
    const f = prof.weekdays[i];
    return f === null
      ? `    # ${d}: default (the log covers too little of a ${d})`
      : `    ${d}: ${Number(f.toPrecision(3))} # data${prof.typicalDays.includes(i) ? ", a typical weekday" : prof.partialDays[i] ? ", from the part of the day the log covers" : ""}`;
  });
  const from = `of a typical weekday's ${count(prof.sessionsPerTypicalDay)} starts (linear smoothing undone)`;
  const shape =
    resolution === "1h"
      ? [`  hourly: [${prof.hourlyWeights.map(weightText).join(", ")}] # data: local-hour shares ${from}`]
      : [
          `  # data: local quarter-hour shares ${from}; one row per 3 hours, from 00:00`,
          "  quarterHourly: [",
          ...Array.from({ length: 8 }, (_, r) => {
            const row = prof.quarterWeights
              .slice(r * 12, r * 12 + 12)
              .map(weightText)
              .join(", ");
            return `      ${row}${r < 7 ? "," : ""}`;
          }),
          "    ]",
        ];
  return ["profile:", ...shape, "  weekdays:", ...weekdays, "  interpolation: linear"];
}

function identityLines(c: Calibration): string[] {
  const lines: string[] = [];
  lines.push(
    c.ssoShare !== null
      ? `ssoShare: ${shareText(c.ssoShare.value)} # data: SSO starts of ${count(c.ssoShare.records)} browser session starts`
      : "# ssoShare: default (80%): the logs tell no SSO from a prompt (no authentication details)",
  );
  lines.push(
    "mfa:",
    c.mfaShare !== null
      ? `  share: ${shareText(c.mfaShare.value)} # data: multiFactorAuthentication among ${count(c.mfaShare.records)} interactive sign-ins`
      : "  # share: default (50%): no interactive sign-ins in the logs",
  );
  lines.push(...tokenLines(c));
  return lines;
}

function failureComment(c: Calibration): string[] {
  const lines = [
    `# Failures: ${shareText(c.failureRate.value)} of ${count(c.failureRate.records)} sign-ins. authsim has no baseline failure rate`,
    "# (its failures come from faults and capacity); the observed codes, for comparison with runs:",
  ];
  for (const f of c.failures.slice(0, 10)) {
    lines.push(
      `#   ${String(f.errorCode).padEnd(7)} ${shareText(f.share).padStart(7)}  (interactive ${count(f.byKind[0])}, sso ${count(f.byKind[1])}, silent ${count(f.byKind[2])}, broker ${count(f.byKind[3])})`,
    );
  }
  return lines;
}
