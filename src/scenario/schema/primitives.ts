/**
 * The leaf schemas every section uses: human-unit strings that validate with a helpful message and
 * transform to base units, counts, names. Each carries its pattern into the JSON Schema.
 */
import { z } from "zod";
import { AZURE_REGIONS } from "../geography/azure-regions.ts";
import {
  DURATION_HINT,
  DURATION_PATTERN,
  parseDuration,
  parseRate,
  parseShare,
  parseTimeOfDay,
  RATE_HINT,
  RATE_PATTERN,
  SHARE_HINT,
  SHARE_PATTERN,
  TIME_OF_DAY_HINT,
  TIME_OF_DAY_PATTERN,
} from "../units/index.ts";
import type { ParseResult } from "../units/parse-result.ts";

/** Shared by the human-unit leaves: the message for a value of the wrong JS type. */
function typeMessage(parse: (v: unknown) => ParseResult) {
  return (iss: { input?: unknown }) => {
    const r = parse(iss.input);
    return r.ok ? undefined : r.message;
  };
}

/** Pipes an already pattern-checked string through its parser (which may still refuse it). */
function toNumber(parse: (v: unknown) => ParseResult) {
  return (text: string, ctx: z.RefinementCtx<string>): number => {
    const r = parse(text);
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: r.message, input: text });
    return z.NEVER;
  };
}

/** A duration -> seconds. */
export const duration = () =>
  z
    .string({ error: typeMessage(parseDuration) })
    .regex(new RegExp(DURATION_PATTERN), { error: DURATION_HINT })
    .transform(toNumber(parseDuration));

/** A duration that must be above zero -> seconds. */
export const positiveDuration = () =>
  duration().refine((s) => s > 0, { error: "a duration above zero (e.g. 1s)", abort: true });

/** A rate -> events per second. */
export const rate = () =>
  z
    .string({ error: typeMessage(parseRate) })
    .regex(new RegExp(RATE_PATTERN), { error: RATE_HINT })
    .transform(toNumber(parseRate));

/** A share, `70%` or `0.7` -> fraction in [0, 1]. */
export const share = () =>
  z
    .union(
      [
        z
          .number()
          .min(0, { error: SHARE_HINT })
          .max(1, { error: typeMessage(parseShare) }),
        z.string().regex(new RegExp(SHARE_PATTERN), { error: SHARE_HINT }).transform(toNumber(parseShare)),
      ],
      { error: SHARE_HINT },
    )
    .transform((v) => v as number);

/** A clock time "HH:MM" -> seconds after midnight. */
export const timeOfDay = () =>
  z
    .string({ error: TIME_OF_DAY_HINT })
    .regex(new RegExp(TIME_OF_DAY_PATTERN), { error: TIME_OF_DAY_HINT })
    .transform(toNumber(parseTimeOfDay));

/** A whole number >= min. */
export const integer = (min = 0) =>
  z
    .number({ error: `a whole number >= ${min}` })
    .int({ error: `a whole number >= ${min}` })
    .min(min, {
      error: `a whole number >= ${min}`,
    });

/** A plain positive number (multipliers, shape parameters). */
export const positiveNumber = () =>
  z.number({ error: "a number above zero" }).positive({ error: "a number above zero" });

/** A non-negative number (weights). */
export const weight = () => z.number({ error: "a number >= 0" }).min(0, { error: "a number >= 0" });

/** Names others refer to (datacenters, tenants, user bases): a short identifier. */
export const NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_.-]*$";
export const name = () =>
  z
    .string({ error: "a name (letters, digits, _ . -; starting with a letter)" })
    .regex(new RegExp(NAME_PATTERN), { error: "a name (letters, digits, _ . -; starting with a letter)" });

/**
 * An Azure region name (checked against the known regions after parsing, with did-you-mean). The
 * JSON Schema offers the built-in names for completion; any string stays valid there, since a
 * region may be declared under geography.regions.
 */
export const regionName = () =>
  z
    .string({ error: 'an Azure region name, e.g. westeurope or "West Europe"' })
    .min(1)
    .meta({
      anyOf: [
        { enum: AZURE_REGIONS.map((r) => r.name), description: "a built-in Azure region" },
        { type: "string", description: "a region declared under geography.regions, or a display name" },
      ],
    });

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A field the format no longer has: absent is fine, present is an error that says what replaced
 * it (instead of zod's bare "unrecognized key"), so old files fail with a way forward. `expected`
 * reads after "expected" in the problem line.
 */
export const removedField = (expected: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => v === undefined, { error: expected })
    .describe(`Removed; ${expected}`);
