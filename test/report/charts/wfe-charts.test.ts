// WFE load and utilisation: one line per datacenter, utilisation in percent with the capacity
// line and the utilisation SLO.
import { describe, expect, it } from "vitest";
import { wfeLoad } from "../../../src/report/charts/wfe-load.ts";
import { wfeUtilisation } from "../../../src/report/charts/wfe-utilisation.ts";
import { withoutColumns } from "./fixture.ts";
import { fixtureInput, withResult } from "./fixture-input.ts";

const DATACENTERS = ["nam-east", "eur-west", "eur-north", "apj-sea"];

describe("wfeLoad", () => {
  const input = fixtureInput();

  it("draws requests/s per datacenter, in scenario order", () => {
    const config = wfeLoad(input)!;
    expect(config.data.datasets.map((d) => d.label)).toEqual(DATACENTERS);
    expect(config.data.datasets[1].data[10].y).toBe(input.result.series.columns["wfe.eur-west.rate"][10]);
    expect(config.options?.scales?.["y"]?.title).toMatchObject({ text: "WFE requests [requests/s]" });
  });

  it("leaves out a datacenter without its column, and returns null with none", () => {
    const partial = withResult(
      input,
      withoutColumns(input.result, (c) => c === "wfe.apj-sea.rate"),
    );
    expect(wfeLoad(partial)!.data.datasets.map((d) => d.label)).toEqual(DATACENTERS.slice(0, 3));
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.endsWith(".rate")),
    );
    expect(wfeLoad(none)).toBeNull();
  });
});

describe("wfeUtilisation", () => {
  const input = fixtureInput();

  it("draws utilisation in percent, the 100% capacity line and the 70% SLO", () => {
    const config = wfeUtilisation(input)!;
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      ...DATACENTERS,
      "capacity (100%)",
      "SLO wfe.utilisation.peak < 70%",
    ]);
    const u = input.result.series.columns["wfe.eur-north.utilisation"][300];
    expect(config.data.datasets[2].data[300].y).toBeCloseTo(u * 100, 10);
    expect(config.data.datasets[4].data.map((p) => p.y)).toEqual([100, 100]);
    expect(config.data.datasets[5].data.map((p) => p.y)).toEqual([70, 70]);
    expect(config.options?.scales?.["y"]).toMatchObject({ min: 0, max: 110 });
  });

  it("returns null without utilisation columns", () => {
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.endsWith(".utilisation")),
    );
    expect(wfeUtilisation(none)).toBeNull();
  });
});
