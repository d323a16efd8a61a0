import { describe, expect, it } from "vitest";
import { findAzureRegion } from "../../src/scenario/geography/azure-regions.ts";
import { greatCircleKm } from "../../src/scenario/geography/great-circle.ts";
import { fitRttOnDistance } from "../../src/scenario/geography/rtt-fit.ts";
import { symmetricRtt } from "../../src/scenario/geography/symmetrise.ts";
import { AZURE_REGIONS, AZURE_RTT_2025 } from "../../src/scenario/index.ts";
import { measuredRtt } from "../../src/scenario/resolve/resolve-geography.ts";

describe("built-in geography", () => {
  it("carries its source and edition, and every table region has coordinates", () => {
    expect(AZURE_RTT_2025.edition).toBe("2025");
    expect(AZURE_RTT_2025.source).toMatch(/azure-network-latency/);
    for (const name of AZURE_RTT_2025.regions) expect(findAzureRegion(name)).toBeDefined();
  });

  it("accepts display names and canonical names alike", () => {
    expect(findAzureRegion("West Europe")?.name).toBe("westeurope");
    expect(findAzureRegion("westeurope")?.name).toBe("westeurope");
    expect(findAzureRegion("Mars Central")).toBeUndefined();
  });

  it("matches Microsoft's published examples (symmetrised)", () => {
    expect(measuredRtt("northeurope", "westeurope")! * 1000).toBeCloseTo(18, -0.5);
    expect(Math.abs(measuredRtt("eastus", "westeurope")! * 1000 - 84)).toBeLessThan(6);
    expect(Math.abs(measuredRtt("southeastasia", "eastasia")! * 1000 - 36)).toBeLessThan(6);
  });

  it("symmetrises by averaging both directions, or taking the one measured", () => {
    const m = [
      [null, 10, null],
      [14, null, 7],
      [null, null, null],
    ];
    expect(symmetricRtt(m, 0, 1)).toBe(12);
    expect(symmetricRtt(m, 2, 1)).toBe(7);
    expect(symmetricRtt(m, 0, 2)).toBeNull();
  });

  it("stores the fit that the table gives (a + b·km)", () => {
    const byName = new Map(AZURE_REGIONS.map((r) => [r.name, r]));
    const names = AZURE_RTT_2025.regions;
    const points: { km: number; rttMs: number }[] = [];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const rtt = symmetricRtt(AZURE_RTT_2025.p50Ms, i, j);
        const a = byName.get(names[i])!;
        const b = byName.get(names[j])!;
        if (rtt !== null) points.push({ km: greatCircleKm(a.lat, a.lon, b.lat, b.lon), rttMs: rtt });
      }
    }
    const fit = fitRttOnDistance(points);
    expect(fit.interceptMs).toBeCloseTo(AZURE_RTT_2025.fit.interceptMs, 2);
    expect(fit.perKmMs).toBeCloseTo(AZURE_RTT_2025.fit.perKmMs, 5);
    expect(fit.pairs).toBe(AZURE_RTT_2025.fit.pairs);
    // Light in fibre needs ~0.01 ms per km of round trip; real paths are longer, never shorter.
    expect(fit.perKmMs).toBeGreaterThan(0.01);
  });

  it("measures great circles plausibly (Amsterdam-Dublin ≈ 750 km)", () => {
    const a = findAzureRegion("westeurope")!;
    const b = findAzureRegion("northeurope")!;
    expect(greatCircleKm(a.lat, a.lon, b.lat, b.lon)).toBeGreaterThan(700);
    expect(greatCircleKm(a.lat, a.lon, b.lat, b.lon)).toBeLessThan(800);
  });
});
