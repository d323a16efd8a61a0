// Failover: shares of new logins stacked to 100%, zoomed on the outage, only with an outage.
import { describe, expect, it } from "vitest";
import { failover, failoverSpan } from "../../../src/report/charts/failover.ts";
import { withoutColumns } from "./fixture.ts";
import { fixtureInput, windowsOf, withResult } from "./fixture-input.ts";

describe("failover", () => {
  const input = fixtureInput();

  it("stacks each datacenter's share of new logins to 100% in every bin", () => {
    const config = failover(input)!;
    const { datasets } = config.data;
    expect(datasets.map((d) => d.label)).toEqual(["nam-east", "eur-west", "eur-north", "apj-sea"]);
    for (let k = 0; k < datasets[0].data.length; k++) {
      expect(datasets.reduce((sum, d) => sum + d.data[k].y, 0)).toBeCloseTo(100, 9);
    }
    expect(config.options?.scales?.["y"]).toMatchObject({ stacked: true, min: 0, max: 100 });
  });

  it("shows the outage with margins, shaded, and quotes the failover times", () => {
    // Outage 09:00-09:45; margin half its length either side.
    expect(failoverSpan(input)).toEqual({ min: 32_400 - 1350, max: 35_100 + 1350 });
    const config = failover(input)!;
    const xs = config.data.datasets[0].data.map((p) => p.x);
    expect(Math.min(...xs)).toBeLessThan(32_400 - 1350);
    expect(Math.max(...xs)).toBeGreaterThan(35_100 + 1350);
    // Only the 90 shown minutes' 2-minute bins, plus one either side.
    expect(xs.length).toBe(90 / 2 + 2);
    expect(windowsOf(config).map((w) => w.label)).toEqual([
      "warm-up (not in statistics)",
      "eur-west WFE outage",
    ]);
    const [f] = input.result.failovers;
    expect(config.options?.plugins?.subtitle?.text).toContain(`90% moved after ${f.to90} s`);
  });

  it("is not drawn without a datacenterOutage, or without newLogins columns", () => {
    expect(failover(fixtureInput("baseline"))).toBeNull();
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.startsWith("newLogins.")),
    );
    expect(failover(none)).toBeNull();
  });
});
