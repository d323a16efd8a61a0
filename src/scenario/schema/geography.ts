/** `geography:` the built-in RTT table, overrides, extra regions, and the distance estimate. */
import { z } from "zod";
import { AZURE_RTT_2025 } from "../geography/azure-rtt-2025.ts";
import { duration, NAME_PATTERN, positiveDuration, regionName } from "./primitives.ts";

const CustomRegionSchema = z.strictObject({
  name: z.string().regex(new RegExp(NAME_PATTERN), { error: "a region name (letters, digits, _ . -)" }),
  lat: z.number().min(-90).max(90).describe("Latitude [deg]."),
  lon: z.number().min(-180).max(180).describe("Longitude [deg]."),
  timeZone: z.string().prefault("UTC").describe("Default time zone of user bases in this region."),
});

const RttOverrideSchema = z.strictObject({
  between: z.tuple([regionName(), regionName()], { error: "two region names, e.g. [westeurope, eastus]" }),
  rtt: duration().describe("Round-trip time between the two regions (both directions)."),
});

export const GeographySchema = z.strictObject({
  rttTable: z
    .enum(["azure-2025", "none"])
    .prefault("azure-2025")
    .describe("Measured RTT table to use; `none` estimates every pair from distance."),
  sameRegionRtt: duration()
    .prefault("1ms")
    .describe("RTT between two places in one region (Azure: < 2 ms between availability zones)."),
  estimate: z
    .strictObject({
      intercept: duration().prefault(`${AZURE_RTT_2025.fit.interceptMs}ms`),
      perKm: positiveDuration().prefault(`${AZURE_RTT_2025.fit.perKmMs}ms`),
    })
    .prefault({})
    .describe("RTT ≈ intercept + perKm × great-circle km, for pairs the table lacks."),
  regions: z.array(CustomRegionSchema).prefault([]).describe("Extra places (or new coordinates)."),
  rtt: z.array(RttOverrideSchema).prefault([]).describe("RTTs that replace table or estimate."),
});
