/**
 * Where a capacity search probes next, so it needs fewer runs. Only the choice of probe comes
 * from here, never a verdict: whatever is guessed, the answer is still the fewest instances that
 * pass with one fewer failing (or the floor), as a bisection finds it.
 *
 * A utilisation cap (`<component>.utilisation.peak < X`) is predictable: below saturation a
 * cluster's busiest bin does the same work whatever its size, so its peak utilisation at n
 * instances is about B / n, with B the peak busy instances (peak arrivals × mean service ÷
 * concurrency on the reference run, or peak utilisation × instances on a probe). The smallest n
 * with B / n under every cap is the guess; the search probes it and the count below, and where
 * the guess was right (pass there, fail one below) two probes settle the answer.
 */
import type { ResolvedSlo } from "../scenario/index.ts";
import type { CapacityComponent } from "./capacity-targets.ts";

/** A probe at or above this peak utilisation is saturated: its busy instances are a floor only. */
export const SATURATED = 0.97;

export interface UtilisationCap {
  readonly text: string;
  readonly threshold: number;
  readonly strict: boolean;
}

/** The caps on the sized cluster's own peak utilisation among its objectives. */
export function utilisationCaps(
  slos: readonly ResolvedSlo[],
  component: CapacityComponent,
): UtilisationCap[] {
  return slos
    .filter((s) => s.metric === `${component}.utilisation.peak` && (s.op === "<" || s.op === "<="))
    .filter((s) => s.threshold > 0)
    .map((s) => ({ text: s.text, threshold: s.threshold, strict: s.op === "<" }));
}

/** Fewest instances whose peak utilisation B / n meets every cap; 0 without caps. */
export function instancesForCaps(busy: number, caps: readonly UtilisationCap[]): number {
  let n = 0;
  for (const c of caps) {
    const ratio = busy / c.threshold;
    // B / n < X  <=>  n > B / X;  B / n <= X  <=>  n >= B / X.
    const need = c.strict ? Math.floor(ratio) + 1 : Math.ceil(ratio);
    n = Math.max(n, need);
  }
  return n;
}
