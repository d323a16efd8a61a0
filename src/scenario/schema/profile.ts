/**
 * `profile:` when a user base's sessions start, in its local time: a parametric business-hours
 * curve (or an explicit table of 24 hourly or 96 quarter-hour weights, the latter what
 * `authsim calibrate` fits from sign-in logs), weekday factors, and a Monday-morning multiplier.
 * There is no authoritative public hourly login curve, so these are parameters.
 */
import { z } from "zod";
import { duration, positiveNumber, share, timeOfDay, weight } from "./primitives.ts";

const weekdayFactor = () => weight();

export const ProfileSchema = z
  .strictObject({
    businessHours: z
      .strictObject({
        start: timeOfDay().prefault("08:00").describe("Local time the working day ramps up to full."),
        end: timeOfDay().prefault("18:00").describe("Local time the working day starts ramping down."),
        ramp: duration().prefault("1h").describe("Length of the smooth ramps at both ends."),
        offHours: share().prefault("5%").describe("Night-time level relative to the working day."),
        lunchDip: share().prefault("15%").describe("Reduction 12:00-13:00 relative to the working day."),
      })
      .refine((b) => b.end > b.start, { error: "end after start", path: ["end"] })
      .optional(),
    hourly: z
      .array(weight())
      .length(24, { error: "24 hourly weights, local 00:00-01:00 first" })
      .refine((h) => h.some((x) => x > 0), { error: "hourly weights that do not all equal zero" })
      .optional()
      .describe("Explicit relative weights per local hour; replaces businessHours."),
    quarterHourly: z
      .array(weight())
      .length(96, { error: "96 quarter-hour weights, local 00:00-00:15 first" })
      .refine((q) => q.some((x) => x > 0), { error: "quarter-hour weights that do not all equal zero" })
      .optional()
      .describe("Explicit relative weights per local quarter-hour (96); replaces businessHours and hourly."),
    weekdays: z
      .strictObject({
        monday: weekdayFactor().prefault(1),
        tuesday: weekdayFactor().prefault(1),
        wednesday: weekdayFactor().prefault(1),
        thursday: weekdayFactor().prefault(1),
        friday: weekdayFactor().prefault(0.9),
        saturday: weekdayFactor().prefault(0.12),
        sunday: weekdayFactor().prefault(0.08),
      })
      .prefault({})
      .describe("Day volume relative to a typical weekday (1 = dailyActiveUsers × sessionsPerUser)."),
    mondayPeak: z
      .strictObject({
        multiplier: positiveNumber().prefault(1).describe("Rate multiplier on Monday morning (1 = none)."),
        from: timeOfDay().prefault("07:00"),
        until: timeOfDay().prefault("11:00"),
      })
      .refine((m) => m.until > m.from, { error: "until after from", path: ["until"] })
      .prefault({}),
    interpolation: z
      .enum(["linear", "hourly"])
      .prefault("linear")
      .describe(
        "How the rate moves between hours: linear between the hours' midpoints (no steps; the week's total kept exactly), or constant within each hour (steps at every boundary).",
      ),
  })
  .superRefine((p, ctx) => {
    if (p.hourly && p.businessHours) {
      ctx.addIssue({ code: "custom", path: ["hourly"], message: "either hourly or businessHours, not both" });
    }
    if (p.quarterHourly && (p.hourly || p.businessHours)) {
      ctx.addIssue({
        code: "custom",
        path: ["quarterHourly"],
        message: "either quarterHourly, hourly or businessHours, not two of them",
      });
    }
    const w = p.weekdays;
    if (w.monday + w.tuesday + w.wednesday + w.thursday + w.friday + w.saturday + w.sunday === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["weekdays"],
        message: "weekday factors that do not all equal zero",
      });
    }
  });
