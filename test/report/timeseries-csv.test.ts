// timeseries.csv: t_s and utc first, one row per bin, missing values empty, integer columns as
// integers and the rest with fixed decimals.
import { describe, expect, it } from "vitest";
import { formatWeekTime, timeSeriesCsv } from "../../src/report/index.ts";
import { fabricate } from "./fixtures/fabricated-run.ts";

describe("timeSeriesCsv", () => {
  const lines = timeSeriesCsv(fabricate().series).split("\n");

  it("has a header with t_s and utc first and the model's columns after (its own t dropped)", () => {
    expect(lines[0]).toBe("t_s,utc,login.count,login.p95,wfe.weu.utilisation");
  });

  it("has one row per bin and a trailing newline", () => {
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines.at(-1)).toBe("");
  });

  it("labels bins with UTC weekday and time, leaves NaN empty and fixes decimals", () => {
    expect(lines[1]).toBe("0,Tue 09:00:00,41,0.5000,0.1000");
    expect(lines[3]).toBe("60,Tue 09:01:00,0,,0.3000");
    expect(lines[4]).toBe("90,Tue 09:01:30,59,2.1235,0.4000");
  });

  it("quotes awkward header names and keeps fractional bin starts exact to 1 ms", () => {
    const csv = timeSeriesCsv({
      binWidth: 0.1,
      start: 0,
      startWeekSecond: 6 * 86400 + 86399.9,
      columns: { 'a,"b"': [1, 2, 3] },
    });
    expect(csv).toBe('t_s,utc,"a,""b"""\n0,Sun 23:59:59.900,1\n0.1,Mon 00:00:00,2\n0.2,Mon 00:00:00.100,3\n');
  });
});

describe("formatWeekTime", () => {
  it("wraps around the week", () => {
    expect(formatWeekTime(0)).toBe("Mon 00:00:00");
    expect(formatWeekTime(7 * 86400 + 3661)).toBe("Mon 01:01:01");
    expect(formatWeekTime(-1)).toBe("Sun 23:59:59");
  });
});
