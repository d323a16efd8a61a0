import { describe, expect, it } from "vitest";
import { boundInterval } from "../../../src/engine/stats/interval-domain.ts";

describe("boundInterval", () => {
  it("cuts a Student-t interval at the ends of the quantity's domain", () => {
    expect(boundInterval("count", -3.2, 8.1)).toEqual([0, 8.1]);
    expect(boundInterval("latency", -0.48, 4.48)).toEqual([0, 4.48]);
    expect(boundInterval("share", -0.01, 1.04)).toEqual([0, 1]);
    expect(boundInterval("share", 0.2, 0.3)).toEqual([0.2, 0.3]);
  });

  it("lets utilisation pass 1 (servers removed while still finishing work)", () => {
    expect(boundInterval("utilisation", 0.9, 1.1)).toEqual([0.9, 1.1]);
  });

  it("keeps the infinite interval of too few replications", () => {
    expect(boundInterval("rate", Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });
});
