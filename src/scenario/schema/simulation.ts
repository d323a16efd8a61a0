/** `simulation:` how long, from when, with which seed, how many replications, binned how finely. */
import { z } from "zod";
import { duration, integer, positiveDuration, share, timeOfDay, WEEKDAYS } from "./primitives.ts";

/**
 * `simulation.backEndCalls`: how the back ends' API calls are simulated. `auto` carries a back end
 * that is far from saturation and not in an outage at flow level (its load from the call rate,
 * latencies from one call in `sampleOneIn`), and plays it call by call otherwise; `exact` always
 * plays every call. docs/model.md "Back-end calls at flow level".
 */
export const BackEndCallsSchema = z.strictObject({
  model: z
    .enum(["auto", "exact"])
    .prefault("auto")
    .describe("auto: flow level where a back end is far from saturation; exact: every call simulated."),
  sampleOneIn: integer(1)
    .prefault(32)
    .describe("At flow level, one call in this many is drawn and stands for them all (latencies)."),
  maxWaitProbability: share()
    .prefault("0.1%")
    .describe("Flow level only while Erlang C's probability that a call waits is at most this."),
});

export const SimulationSchema = z
  .strictObject({
    duration: positiveDuration().prefault("1h").describe("Total simulated time, warm-up included."),
    warmUp: duration()
      .prefault("0s")
      .describe("Leading part of the run left out of statistics (a warm start needs none for sessions)."),
    warmStart: z
      .boolean()
      .prefault(true)
      .describe(
        "Start with the sessions alive at the start time, tokens of drawn ages (false: start empty).",
      ),
    seed: integer(0).prefault(1).describe("Master seed; each replication's seed derives from it."),
    replications: integer(1).prefault(1).describe("Independent runs with derived seeds."),
    timeBin: positiveDuration().prefault("1m").describe("Width of a time-series bin."),
    startDay: z.enum(WEEKDAYS).prefault("monday").describe("Weekday (UTC) at simulated time 0."),
    startTime: timeOfDay().prefault("00:00").describe("UTC clock time at simulated time 0."),
    backEndCalls: BackEndCallsSchema.prefault({}),
    percentileAccuracy: share()
      .prefault("0.1%")
      .describe("Relative accuracy of latency percentiles past the first 2,048 values (kept exactly)."),
  })
  .superRefine((s, ctx) => {
    if (!(s.percentileAccuracy >= 0.0001 && s.percentileAccuracy <= 0.05)) {
      ctx.addIssue({
        code: "custom",
        path: ["percentileAccuracy"],
        message: "a relative accuracy from 0.01% to 5%",
        input: s.percentileAccuracy,
      });
    }
    if (!(s.backEndCalls.maxWaitProbability > 0 && s.backEndCalls.maxWaitProbability <= 0.1)) {
      ctx.addIssue({
        code: "custom",
        path: ["backEndCalls", "maxWaitProbability"],
        message: "a probability above 0% and at most 10%",
        input: s.backEndCalls.maxWaitProbability,
      });
    }
    if (s.warmUp >= s.duration) {
      ctx.addIssue({
        code: "custom",
        path: ["warmUp"],
        message: "a warm-up shorter than the duration",
        input: s.warmUp,
      });
    }
    if (s.timeBin > s.duration) {
      ctx.addIssue({ code: "custom", path: ["timeBin"], message: "a time bin no longer than the duration" });
    } else if (s.duration / s.timeBin > 1_000_000) {
      ctx.addIssue({ code: "custom", path: ["timeBin"], message: "at most 1,000,000 time bins per run" });
    }
  });
