// Active sessions: one line per user base, labelled with its UTC offset.
import { describe, expect, it } from "vitest";
import { activeSessions, formatUtcOffset } from "../../../src/report/charts/active-sessions.ts";
import { withoutColumns } from "./fixture.ts";
import { fixtureInput, withResult } from "./fixture-input.ts";

describe("activeSessions", () => {
  const input = fixtureInput("baseline");

  it("draws one line per user base with its local offset", () => {
    const config = activeSessions(input)!;
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      "us-east (UTC−5)",
      "germany (UTC+1)",
      "uk (UTC+0)",
      "ireland (UTC+0)",
      "india (UTC+5:30)",
      "japan (UTC+9)",
    ]);
    expect(config.data.datasets[4].data[100].y).toBe(
      input.result.series.columns["sessions.india.active"][100],
    );
  });

  it("says nothing about replications when there is one", () => {
    expect(activeSessions(input)!.options?.plugins?.subtitle?.text).toMatch(/^fixture-global-day · /);
  });

  it("formats offsets with minutes only when needed", () => {
    expect(formatUtcOffset(0)).toBe("UTC+0");
    expect(formatUtcOffset(-12_600)).toBe("UTC−3:30");
    expect(formatUtcOffset(20_700)).toBe("UTC+5:45");
  });

  it("returns null without session columns", () => {
    const none = withResult(
      input,
      withoutColumns(input.result, (c) => c.startsWith("sessions.")),
    );
    expect(activeSessions(none)).toBeNull();
  });
});
