/**
 * The rows of plan.md: per sized cluster, what the verdict judged — each objective's mean over
 * replications with its 95% interval, at the recommendation and (for the binding one) with one
 * instance fewer — the headroom left to the tightest objective's threshold, and the cost per
 * month (plan-cost.ts). A figure is printed with as many digits as it takes to sit on the same
 * side of its threshold as the verdict (70.0% would read as a miss of `< 70%` for a 69.96% pass).
 */
import { meets } from "../engine/stats/index.ts";
import type { SloKind } from "../scenario/index.ts";
import type { CapacityAnswer, ObjectiveReading } from "../study/index.ts";
import { formatNumber } from "./format.ts";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** `value` of `kind` with `d` decimals in its display unit, and the number it reads as. */
function shown(kind: SloKind, value: number, d: number): { text: string; reads: number } {
  const [scale, unit] =
    kind === "share"
      ? [100, "%"]
      : kind === "latency"
        ? [1000, " ms"]
        : kind === "rate"
          ? [1, "/s"]
          : [1, ""];
  const text = formatNumber(value * scale, d);
  return { text: `${text}${unit}`, reads: Number(text.replace(/,/g, "")) / scale };
}

/** The figure of `value`, printed on the side of `o`'s threshold that `pass` says. */
export function verdictFigure(
  o: Pick<ObjectiveReading, "kind" | "op" | "threshold">,
  value: number,
  pass: boolean,
): string {
  const base = o.kind === "count" && Number.isInteger(value) ? 0 : 1;
  let out = shown(o.kind, value, base);
  for (let d = base + 1; d <= 6 && o.op !== null && meets(out.reads, o.op, o.threshold) !== pass; d++)
    out = shown(o.kind, value, d);
  return out.text;
}

/** `62.1% [60.3%, 63.9%]`: the mean the verdict judged and its 95% interval. */
export function readingCell(o: ObjectiveReading): string {
  if (o.value === null) return "not measured";
  const mean = verdictFigure(o, o.value, o.pass);
  const interval =
    o.low === null || o.high === null
      ? ""
      : ` [${shown(o.kind, o.low, 1).text}, ${shown(o.kind, o.high, 1).text}]`;
  return `${mean}${interval}`;
}

const readingAt = (a: CapacityAnswer, n: number | null) =>
  n === null ? undefined : a.history.find((p) => p.instances === n);

/** Each objective at the recommendation: `text: mean [interval] pass|miss`. */
function objectivesCell(a: CapacityAnswer): string {
  const probe = readingAt(a, a.recommended);
  if (probe === undefined) return "—";
  return probe.objectives
    .filter((o) => !a.unreachableObjectives.includes(o.text))
    .map((o) => `${o.text}: ${readingCell(o)} ${o.pass ? "pass" : "miss"}`)
    .join("; ");
}

/** The binding objective with one instance fewer: what made the recommendation necessary. */
function bindingCell(a: CapacityAnswer): string {
  if (a.binding === null) return "none: 1 instance suffices";
  const fewer = readingAt(a, a.recommended === null ? null : a.recommended - 1);
  const o = fewer?.objectives.find((x) => x.text === a.binding);
  return o === undefined
    ? a.binding
    : `${a.binding}: ${readingCell(o)} with ${(a.recommended as number) - 1}`;
}

/** The margin left to the tightest objective's threshold at the recommendation. */
function headroomCell(a: CapacityAnswer): string {
  const h = a.headroom;
  if (h === null) return "—";
  const o = readingAt(a, a.recommended)?.objectives.find((x) => x.text === h.objective);
  const margin =
    o === undefined
      ? h.margin.toPrecision(3)
      : o.kind === "share"
        ? `${formatNumber(h.margin * 100, 1)} pp`
        : shown(o.kind, h.margin, 1).text;
  return `${margin} to \`${h.objective}\` (${formatNumber(h.relative * 100, 0)}% of the threshold)`;
}

function recommendedCell(a: CapacityAnswer): string {
  if (a.recommended === null)
    return `not reachable: ${a.binding}${a.unreachable ? `; ${a.unreachable}` : ""}`;
  const floor = a.binding?.startsWith("minInstances") ? " (redundancy floor)" : "";
  const unreachable =
    a.unreachableObjectives.length > 0 ? ` (not reachable: ${a.unreachableObjectives.join(", ")})` : "";
  return `${a.recommended}${floor}${unreachable}`;
}

export const ANSWER_HEADER = [
  "cluster",
  "today",
  "recommended",
  "confidence",
  "objectives at the recommendation: mean [95% interval]",
  "headroom to the objective",
  "binding objective, with one fewer",
  "peak utilisation today → at the recommendation: mean [95% interval]",
  "offered-load estimate",
];

/** One cluster's row; `n1` adds the N+1 column. */
export function answerRow(a: CapacityAnswer, n1: CapacityAnswer | undefined, withN1: boolean): string {
  const interval = a.peakUtilisationInterval;
  const utilisation =
    a.peakUtilisation === null
      ? `${pct(a.peakUtilisationToday)} → —`
      : `${pct(a.peakUtilisationToday)} → ${pct(a.peakUtilisation)}${interval ? ` [${pct(interval[0])}, ${pct(interval[1])}]` : ""}`;
  const cells = [
    a.datacenter,
    a.current,
    recommendedCell(a),
    a.confidence ?? "—",
    objectivesCell(a),
    headroomCell(a),
    bindingCell(a),
    utilisation,
    a.estimate,
    ...(withN1 ? [n1 ? (n1.recommended ?? "not reachable") : "—"] : []),
  ];
  return `| ${cells.join(" | ")} |`;
}

export function tableHead(withN1: boolean): string[] {
  const header = [...ANSWER_HEADER, ...(withN1 ? ["N+1 (worst single loss)"] : [])];
  return [`| ${header.join(" | ")} |`, `|${" --- |".repeat(header.length)}`];
}
