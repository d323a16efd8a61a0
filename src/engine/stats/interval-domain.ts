/**
 * The values a quantity can take, for confidence intervals: a Student-t interval is symmetric
 * about the mean, so with few replications and a mean near a bound it reaches below 0 (a failure
 * count of "-3") or above 1 (a failure rate of 104%). The true mean lies inside the domain, so
 * cutting the interval at the domain's ends never drops it: coverage stays at least the nominal
 * 95%, and the report shows nothing impossible.
 */
import type { QuantityKind } from "./quantity-rounding.ts";

/** [lowest, highest] value per kind. Utilisation can pass 1 for a moment when autoscaling removes
 * servers that are still finishing work (work is never pre-empted), so only shares stop at 1. */
const DOMAIN: Readonly<Record<QuantityKind, readonly [number, number]>> = {
  latency: [0, Number.POSITIVE_INFINITY],
  share: [0, 1],
  utilisation: [0, Number.POSITIVE_INFINITY],
  rate: [0, Number.POSITIVE_INFINITY],
  count: [0, Number.POSITIVE_INFINITY],
  time: [0, Number.POSITIVE_INFINITY],
};

/** `[low, high]` cut to the domain of `kind`; non-finite ends (too few replications) stay as they are. */
export function boundInterval(kind: QuantityKind, low: number, high: number): [number, number] {
  const [lowest, highest] = DOMAIN[kind];
  return [
    Number.isFinite(low) ? Math.max(low, lowest) : low,
    Number.isFinite(high) ? Math.min(high, highest) : high,
  ];
}
