/**
 * How long a client waits before retrying (sign-ins and silent renewals alike): exponential
 * backoff with the scenario's jitter, as AWS's "Exponential Backoff and Jitter" defines the
 * modes. base = min(max, initial × multiplier^(attempt − 1)); `none` waits base, `full` U(0, base),
 * `equal` base/2 + U(0, base/2). The draw comes from the stream "client.backoff".
 */
import type { World } from "../run/world.ts";

export function backoffDelay(world: World, attempt: number): number {
  const b = world.scenario.client.backoff;
  const base = Math.min(b.max, b.initial * b.multiplier ** (attempt - 1));
  const u = world.samplers.backoff();
  return b.jitter === "full" ? u * base : b.jitter === "equal" ? base / 2 + (u * base) / 2 : base;
}
