/**
 * The world map. Layout (pure): the projection puts every place inside the panel; markers end up
 * at least 24 px apart even where a user base shares its datacenter's region (ireland and
 * eur-north are both in North Europe); a flow's path starts at its user base's marker and ends at
 * its datacenter's; flows come largest first; a wide spread of places gets a world projection at
 * 1:110m, a region 1:50m. Drawing: the latency classes and flow widths follow their stated
 * rules, the outage map has two panels and exists only with a WFE outage, and the same run draws
 * the same bytes twice. Fixture: the global day of test/report/charts (six user bases, four
 * datacenters), each user base routed to its nearest datacenter, eur-west's WFE down 09:00-09:45.
 */
import { describe, expect, it } from "vitest";
import { latencyClass } from "../../../src/report/map/latency-classes.ts";
import {
  fitProjection,
  flowPath,
  flowsOf,
  mapBounds,
  mapHeight,
  markerPositions,
  placesOf,
} from "../../../src/report/map/map-layout.ts";
import { roundDown } from "../../../src/report/map/map-legend.ts";
import { flowWidth, MAX_FLOW_WIDTH, mapPanels, renderWorldMap } from "../../../src/report/map/world-map.ts";
import { fixtureInput } from "../charts/fixture-input.ts";
import { outageScenario } from "../charts/fixture-scenario.ts";
import { pngSize } from "../charts/png.ts";

const frame = { x: 50, y: 40, width: 1000, height: 500 };

describe("map layout", () => {
  const places = placesOf(outageScenario());
  const { projection, scale } = fitProjection(places, frame);

  it("puts every place inside the frame", () => {
    for (const p of places) {
      const [x, y] = projection([p.lon, p.lat]) ?? [Number.NaN, Number.NaN];
      expect(x, p.name).toBeGreaterThanOrEqual(frame.x);
      expect(x, p.name).toBeLessThanOrEqual(frame.x + frame.width);
      expect(y, p.name).toBeGreaterThanOrEqual(frame.y);
      expect(y, p.name).toBeLessThanOrEqual(frame.y + frame.height);
    }
    // India to the US east coast: a world map, coarse outlines.
    expect(scale).toBe("110m");
  });

  it("moves markers apart, even a user base in its datacenter's region", () => {
    const at = markerPositions(places, projection);
    for (let i = 0; i < at.length; i++)
      for (let j = i + 1; j < at.length; j++)
        expect(
          Math.hypot(at[i][0] - at[j][0], at[i][1] - at[j][1]),
          `${places[i].name}/${places[j].name}`,
        ).toBeGreaterThanOrEqual(24 - 1e-9);
  });

  it("runs a flow from its user base's marker to its datacenter's", () => {
    const at = markerPositions(places, projection);
    const from = places.findIndex((p) => p.name === "ireland");
    const to = places.findIndex((p) => p.name === "eur-north");
    const path = flowPath(places[from], places[to], at[from], at[to], projection);
    expect(path[0][0]).toBeCloseTo(at[from][0], 6);
    expect(path[0][1]).toBeCloseTo(at[from][1], 6);
    expect(path[path.length - 1][0]).toBeCloseTo(at[to][0], 6);
    expect(path[path.length - 1][1]).toBeCloseTo(at[to][1], 6);
  });

  it("fits a region with finer outlines and keeps a minimum span", () => {
    const europe = places.filter((p) =>
      ["eur-west", "eur-north", "uk", "ireland", "germany"].includes(p.name),
    );
    expect(fitProjection(europe, frame).scale).toBe("50m");
    const one = mapBounds(europe.slice(0, 1));
    expect(one.east - one.west).toBeGreaterThanOrEqual(24);
    expect(one.north - one.south).toBeGreaterThanOrEqual(14);
    const h = mapHeight(places, 1000, 300, 560);
    expect(h).toBeGreaterThanOrEqual(300);
    expect(h).toBeLessThanOrEqual(560);
  });

  it("lists flows largest first, leaving out pairs without logins", () => {
    const flows = flowsOf({
      kind: "measured",
      start: 0,
      end: 1,
      logins: [
        [0, 5],
        [9, 0],
      ],
      loginSystemMean: [
        [null, 0.4],
        [1.5, null],
      ],
    });
    expect(flows.map((f) => [f.userBase, f.datacenter, f.logins])).toEqual([
      [1, 0, 9],
      [0, 1, 5],
    ]);
  });
});

describe("map drawing rules", () => {
  it("puts a latency in its class by its upper bound", () => {
    expect(latencyClass(0.49)?.label).toBe("< 0.5 s");
    expect(latencyClass(0.5)?.label).toBe("0.5–1 s");
    expect(latencyClass(7)?.label).toBe("≥ 4 s");
    expect(latencyClass(null)).toBeNull();
  });

  it("widens flows linearly from 1.5 px to the largest's width, and rounds legend samples down", () => {
    expect(flowWidth(100, 100)).toBe(MAX_FLOW_WIDTH);
    expect(flowWidth(0, 100)).toBe(1.5);
    expect(flowWidth(50, 100)).toBeCloseTo((1.5 + MAX_FLOW_WIDTH) / 2, 9);
    expect([roundDown(3700), roundDown(180), roundDown(1)]).toEqual([2000, 100, 1]);
  });
});

describe("renderWorldMap", () => {
  it("draws the measured map, and before and during an outage in two panels", async () => {
    const input = fixtureInput("outage");
    expect(mapPanels(input, "outage")?.map((p) => p.label)).toEqual([
      expect.stringMatching(/^Before the outage, Wed 01:00–09:00 UTC$/),
      expect.stringMatching(/^During eur-west's WFE outage, Wed 09:00–09:45 UTC$/),
    ]);
    const one = await renderWorldMap(input, "measured");
    const two = await renderWorldMap(input, "outage");
    if (!one || !two) throw new Error("maps not drawn");
    expect(pngSize(one).width).toBe(1200);
    expect(pngSize(two).height).toBeGreaterThan(pngSize(one).height);
    expect(Buffer.from((await renderWorldMap(input, "outage")) ?? [])).toEqual(Buffer.from(two));
  });

  it("draws no outage map without an outage", async () => {
    expect(await renderWorldMap(fixtureInput("baseline"), "outage")).toBeNull();
  });
});
