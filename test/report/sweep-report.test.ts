/** The sweep grid and tables: combinations in order, values with commas inside braces, CSV shape. */
import { describe, expect, it } from "vitest";
import { sweepCsv, sweepMarkdown, sweepRows } from "../../src/report/sweep-report.ts";
import { fabricate } from "./fixtures/fabricated-run.ts";

describe("sweep tables", () => {
  const rows = sweepRows([
    { values: [["x", "1"]], results: [fabricate({ loginP95: 2 }), fabricate({ loginP95: 3 })] },
    { values: [["x", "2"]], results: [fabricate({ loginP95: 4 }), fabricate({ loginP95: 5 })] },
  ]);

  it("gives each variant's mean and interval over its replications", () => {
    expect(rows[0].metrics["login.p95"].mean).toBeCloseTo(2.5, 6);
    expect(rows[1].metrics["login.p95"].mean).toBeCloseTo(4.5, 6);
    expect(rows[0].metrics["login.p95"].n).toBe(2);
  });

  it("writes one CSV line per variant with mean/low/high per metric", () => {
    const lines = sweepCsv(rows).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0].startsWith("x,login.p50.mean,login.p50.low,login.p50.high")).toBe(true);
    expect(lines[1].split(",")[0]).toBe("1");
    expect(lines.every((l) => l.split(",").length === lines[0].split(",").length)).toBe(true);
  });

  it("writes a markdown table with the varied parameter first", () => {
    const md = sweepMarkdown("s", 2, rows);
    expect(md).toMatch(/\| x \| login\.p50 \|/);
    expect(md).toMatch(/2 variants × 2 replication/);
  });
});
