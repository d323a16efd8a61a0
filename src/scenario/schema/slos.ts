/**
 * `slos:` objectives the report judges, written as `metric op threshold`, e.g. `login.p95 < 3s`,
 * `wfe.utilisation.peak < 70%`, `login.p99@london < 5s` (scoped to a user base or datacenter;
 * login latency to either: the logins of a user base, or those a datacenter's WFE served).
 * The metric list is fixed here so a misspelt metric is an error, and each metric's kind decides
 * the unit its threshold must carry.
 */
import { z } from "zod";
import { parseDuration, parseRate, parseShare } from "../units/index.ts";

export type SloKind = "latency" | "share" | "rate" | "count";
/**
 * What a scope names: user bases for user-side metrics, datacenters for cluster metrics, and
 * either for login latency (a datacenter's logins are those its WFE served).
 */
export type SloScope = "userBase" | "datacenter" | "userBaseOrDatacenter" | "none";

const PCTS = ["p50", "p90", "p95", "p99", "p999", "max", "mean"];
const latency = (prefix: string, scope: SloScope) =>
  PCTS.map((p) => [`${prefix}.${p}`, { kind: "latency", scope }] as const);

export const SLO_METRICS: Readonly<Record<string, { kind: SloKind; scope: SloScope }>> = table<{
  kind: SloKind;
  scope: SloScope;
}>([
  ...latency("login", "userBaseOrDatacenter"),
  ...latency("loginSystem", "userBaseOrDatacenter"),
  /** API call latency: a user base's calls, or those a datacenter's back end answered. */
  ...latency("backEnd", "userBaseOrDatacenter"),
  /** Page requests (userBases[].pageRate): a user base's, or those a datacenter's WFE answered. */
  ...latency("wfePage", "userBaseOrDatacenter"),
  ...latency("renewal", "userBase"),
  ["login.successRate", { kind: "share", scope: "userBase" }],
  ["login.failureRate", { kind: "share", scope: "userBase" }],
  ["renewal.failureRate", { kind: "share", scope: "userBase" }],
  ["wfe.utilisation.peak", { kind: "share", scope: "datacenter" }],
  ["wfe.utilisation.mean", { kind: "share", scope: "datacenter" }],
  ["wfe.queueLength.peak", { kind: "count", scope: "datacenter" }],
  /** Mean wait in the WFE's queue (Little: mean queue length / arrival rate). */
  ["wfe.wait.mean", { kind: "latency", scope: "datacenter" }],
  ["wfe.requestRate.peak", { kind: "rate", scope: "datacenter" }],
  /** Requests the WFE rejected (queue full, down), timed out or dropped ÷ requests that reached it: sign-ins and pages. */
  ["wfe.failureRate", { kind: "share", scope: "datacenter" }],
  /** Page requests that failed ÷ page requests (a user base's, or a datacenter's WFE's). */
  ["wfePage.failureRate", { kind: "share", scope: "userBaseOrDatacenter" }],
  ["backEnd.utilisation.peak", { kind: "share", scope: "datacenter" }],
  ["backEnd.utilisation.mean", { kind: "share", scope: "datacenter" }],
  /** Calls the back end rejected (queue full, down), timed out or dropped ÷ calls that reached it. */
  ["backEnd.failureRate", { kind: "share", scope: "datacenter" }],
  /** Requests the identity provider throttled (429), answered with an error, rejected, timed out or dropped ÷ requests. */
  ["idp.failureRate", { kind: "share", scope: "none" }],
  /** Lookups the global service rejected, timed out or dropped ÷ lookups that reached it. */
  ["globalService.failureRate", { kind: "share", scope: "none" }],
  ["idp.tokenRate.peak", { kind: "rate", scope: "none" }],
  /** The busiest identity region's peak (per-bin) utilisation of its login page / token endpoint. */
  ["idp.loginPage.utilisation.peak", { kind: "share", scope: "none" }],
  ["idp.tokenEndpoint.utilisation.peak", { kind: "share", scope: "none" }],
  ["globalService.utilisation.peak", { kind: "share", scope: "none" }],
  ["failover.p90", { kind: "latency", scope: "none" }],
  ["failover.p99", { kind: "latency", scope: "none" }],
]);

/** A frozen table without a prototype, so `constructor` or `toString` is no metric. */
function table<T>(entries: readonly (readonly [string, T])[]): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, Object.fromEntries(entries)));
}

/** The metric called `name` (as a user wrote it), or undefined; never a prototype property. */
export function sloMetric(name: string): { kind: SloKind; scope: SloScope } | undefined {
  return Object.hasOwn(SLO_METRICS, name) ? SLO_METRICS[name] : undefined;
}

export const SLO_OPS = ["<", "<=", ">", ">="] as const;
export type SloOp = (typeof SLO_OPS)[number];

export interface ParsedSlo {
  readonly text: string;
  readonly metric: string;
  readonly scope: string | null;
  readonly op: SloOp;
  /** In base units: seconds, fraction, per second, or a count. */
  readonly threshold: number;
  readonly kind: SloKind;
}

const SLO_RE = /^\s*([A-Za-z][\w.]*)(?:@([A-Za-z][\w.-]*))?\s*(<=|>=|<|>)\s*(\S.*?)\s*$/;
export const SLO_HINT =
  "an objective `metric op threshold`, e.g. login.p95 < 3s or wfe.utilisation.peak < 70%";

const THRESHOLD: Readonly<Record<SloKind, (v: unknown) => ReturnType<typeof parseDuration>>> = {
  latency: parseDuration,
  share: parseShare,
  rate: parseRate,
  count: (v) => {
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? { ok: true, value: n } : { ok: false, message: "a count >= 0" };
  },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** For editors (JSON Schema only): a known metric, an optional @scope, an operator, a threshold. */
const SLO_PATTERN = `^\\s*(${Object.keys(SLO_METRICS).map(escapeRegExp).join("|")})(@[A-Za-z][\\w.-]*)?\\s*(<=|>=|<|>)\\s*\\S.*$`;

export const SloSchema = z
  .string({ error: SLO_HINT })
  .meta({ pattern: SLO_PATTERN, description: SLO_HINT })
  .transform((text, ctx): ParsedSlo => {
    const m = SLO_RE.exec(text);
    if (!m) {
      ctx.addIssue({ code: "custom", message: SLO_HINT, input: text });
      return z.NEVER;
    }
    const [, metric, scope, op, thresholdText] = m;
    const def = sloMetric(metric);
    if (!def) {
      ctx.addIssue({
        code: "invalid_value",
        values: Object.keys(SLO_METRICS),
        message: "a known metric (listed in docs/scenario-format.md, section slos)",
        input: metric,
      });
      return z.NEVER;
    }
    if (scope !== undefined && def.scope === "none") {
      ctx.addIssue({ code: "custom", message: `${metric} without an @scope (it is global)`, input: text });
    }
    const parsedThreshold = THRESHOLD[def.kind](thresholdText);
    if (!parsedThreshold.ok) {
      ctx.addIssue({
        code: "custom",
        message: `threshold of ${metric}: ${parsedThreshold.message}`,
        input: thresholdText,
      });
      return z.NEVER;
    }
    return {
      text: text.trim(),
      metric,
      scope: scope ?? null,
      op: op as SloOp,
      threshold: parsedThreshold.value,
      kind: def.kind,
    };
  });
