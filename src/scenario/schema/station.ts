/**
 * The fields every service station shares (WFE, back end, login page, token endpoint, global
 * service): c = instances × concurrency servers, a FIFO queue with a limit, a request timeout,
 * and the redundancy floor a capacity plan never goes below (minInstances).
 */

import { z } from "zod";
import { duration, integer, positiveDuration, share } from "./primitives.ts";

export interface StationDefaults {
  readonly instances: number;
  readonly concurrency: number;
  readonly queueLimit: number;
  readonly timeout: string;
}

/** Station shape with the given defaults; spread into a section's strictObject. */
export function stationFields(d: StationDefaults) {
  return {
    instances: integer(1).prefault(d.instances).describe("Instances (servers) in the cluster."),
    concurrency: integer(1).prefault(d.concurrency).describe("Requests one instance serves at once."),
    queueLimit: integer(0)
      .prefault(d.queueLimit)
      .describe("Requests waiting beyond which new ones are rejected."),
    timeout: positiveDuration().prefault(d.timeout).describe("A request waiting + in service longer fails."),
    minInstances: integer(1)
      .prefault(2)
      .describe(
        "The fewest instances `plan` recommends: one instance has no redundancy (an update or a crash takes the cluster down). Not the autoscaler's floor (autoscaling.minInstances).",
      ),
  };
}

/** Optional autoscaling rule for a cluster (defaults: Azure Monitor autoscale's). */
export const AutoscalingSchema = z
  .strictObject({
    minInstances: integer(1).optional().describe("Default: the cluster's instances."),
    maxInstances: integer(1).optional().describe("Default: 4 × the cluster's instances."),
    scaleOutAbove: share().prefault("70%").describe("Mean utilisation over the window that adds instances."),
    scaleInBelow: share()
      .prefault("30%")
      .describe("Mean utilisation over the window that removes instances."),
    step: integer(1).prefault(1).describe("Instances added or removed per action."),
    evaluationInterval: positiveDuration().prefault("1m").describe("How often the rule is evaluated."),
    window: positiveDuration().prefault("10m").describe("Utilisation is averaged over this window."),
    cooldown: duration().prefault("5m").describe("No action for this long after an action."),
    provisioningDelay: duration().prefault("5m").describe("Time for a new instance to start serving."),
  })
  .refine((a) => a.scaleInBelow < a.scaleOutAbove, {
    error: "scaleInBelow below scaleOutAbove",
    path: ["scaleInBelow"],
  });
