/**
 * When a doubling of instances marks an objective unreachable (plan: "more instances do not move
 * it"): an objective that moved by less than 1% while failing at both sizes is, unless the
 * station was still saturated after the doubling. The Monday-peak N+1 search once guessed one
 * instance for a WFE that needed nine; 2 and 4 instances both read 100% busy, and the
 * utilisation objective was reported unreachable instead of sized.
 */
import { describe, expect, it } from "vitest";
import { flatObjectives } from "../../src/study/capacity-answer.ts";
import type { Judgement, ObjectiveReading } from "../../src/study/capacity-judge.ts";

function reading(text: string, value: number, threshold: number): ObjectiveReading {
  const pass = value < threshold;
  return { text, op: "<", kind: "share", threshold, value, low: value, high: value, pass, clear: true };
}

function judgement(...objectives: ObjectiveReading[]): Judgement {
  const failed = objectives.find((o) => !o.pass);
  return { pass: failed === undefined, binding: failed?.text ?? null, objectives };
}

describe("flatObjectives", () => {
  const util = "wfe.utilisation.peak < 70%";
  const latency = "login.p95 < 1s";

  it("marks a failing objective that a doubling did not move", () => {
    const before = judgement(reading(latency, 24.8, 1), reading(util, 0.8, 0.7));
    const after = judgement(reading(latency, 24.85, 1), reading(util, 0.4, 0.7));
    const flat = flatObjectives(before, after, 4, 8, false);
    expect(flat.map((f) => f.text)).toEqual([latency]);
    expect(flat[0].why).toBe("login.p95 < 1s: 24.80 with 4 instances, 24.85 with 8");
  });

  it("marks nothing while the station is still saturated after the doubling", () => {
    const before = judgement(reading(util, 1, 0.7), reading(latency, 7.04, 1));
    const after = judgement(reading(util, 1, 0.7), reading(latency, 7.05, 1));
    expect(flatObjectives(before, after, 2, 4, true)).toEqual([]);
    // The same readings from a station with spare capacity at 4 are flat.
    expect(flatObjectives(before, after, 2, 4, false).map((f) => f.text)).toEqual([util, latency]);
  });

  it("leaves objectives that moved, or that pass at either size", () => {
    const before = judgement(reading(util, 0.9, 0.7), reading(latency, 0.5, 1));
    const after = judgement(reading(util, 0.85, 0.7), reading(latency, 0.5, 1));
    expect(flatObjectives(before, after, 4, 8, false)).toEqual([]);
  });
});
