/**
 * One fixture per supported format, built from Microsoft's documented example (the List signIns
 * response on learn.microsoft.com/graph/api/signin-list, with its stray trailing comma removed)
 * plus a renewal in the same session and a failed MFA sign-in, written as each tool writes it.
 * Hand-checked values: 2020-03-13T19:15:41.6195833Z, Redmond US (47.6805, -122.1209), user
 * 26be570a-..., correlation d79f5bee-...; then the renewal at 20:20:41Z; then 50126 from London.
 * Every format must give the same records.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashKey } from "../../src/calibrate/hash-key.ts";
import { listLogFiles } from "../../src/calibrate/index.ts";
import { readLogs } from "../../src/calibrate/input/read-logs.ts";
import { SignInKind, type SignInRecord } from "../../src/calibrate/sign-in-record.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

async function read(name: string) {
  const records: SignInRecord[] = [];
  const summary = await readLogs(listLogFiles([join(FIXTURES, name)]), (r) => records.push({ ...r }));
  records.sort((a, b) => a.time - b.time);
  return { records, summary };
}

const USER_1 = hashKey("26be570a-ae82-4189-b4e2-a37c6808512d");
const USER_2 = hashKey("9c3e1f4a-7d2b-4e8a-a1f0-5b6c7d8e9f01");
const SESSION_1 = hashKey("d79f5bee-5860-4832-928f-3133e22ae912");
const SESSION_2 = hashKey("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");

/** The three sign-ins every fixture holds (what the fields mean, not how each format spells them). */
const EXPECTED = [
  {
    time: Date.UTC(2020, 2, 13, 19, 15, 41, 619) / 1000,
    kind: SignInKind.interactive,
    mfa: false,
    errorCode: 0,
    country: "US",
    user: USER_1,
    correlation: SESSION_1,
  },
  {
    time: Date.UTC(2020, 2, 13, 20, 20, 41) / 1000,
    kind: SignInKind.silent,
    mfa: false,
    errorCode: 0,
    country: "US",
    user: USER_1,
    correlation: SESSION_1,
  },
  {
    time: Date.UTC(2020, 2, 13, 21, 2, 7) / 1000,
    kind: SignInKind.interactive,
    mfa: true,
    errorCode: 50126,
    country: "GB",
    user: USER_2,
    correlation: SESSION_2,
  },
];

const essentials = (r: SignInRecord) => ({
  time: Math.round(r.time * 1000) / 1000,
  kind: r.kind,
  mfa: r.mfa,
  errorCode: r.errorCode,
  country: r.country,
  user: r.user,
  correlation: r.correlation,
});

describe("calibrate reads each documented format to the same records", () => {
  for (const [name, format, hasCoordinates] of [
    ["graph-page.json", "json", true],
    ["graph-lines.jsonl", "json", true],
    ["admin-center", "admin-center-csv", false],
    ["log-analytics.json", "json", true],
    ["log-analytics.csv", "log-analytics-csv", true],
  ] as const) {
    it(`${name} (${format})`, async () => {
      const { records, summary } = await read(name);
      expect(summary.malformed).toBe(0);
      expect(summary.files.every((f) => f.format === format)).toBe(true);
      expect(records.map(essentials)).toEqual(EXPECTED);
      if (hasCoordinates) {
        expect(records[0].lat).toBeCloseTo(47.6805, 4);
        expect(records[0].lon).toBeCloseTo(-122.1209, 4);
        expect(records[2].lat).toBeCloseTo(51.5072, 4);
      } else {
        expect(Number.isNaN(records[0].lat)).toBe(true);
      }
    });
  }

  it("keeps STS processing time where the log has it (Log Analytics, the admin center's Latency)", async () => {
    for (const name of ["log-analytics.json", "log-analytics.csv", "admin-center"]) {
      const { records } = await read(name);
      expect(records.map((r) => Math.round(r.processing * 1000))).toEqual([120, 30, 95]);
    }
  });

  it("reads W3C access logs' time-taken into the WFE's redirect and callback steps", async () => {
    const { summary } = await read("access.log");
    expect(summary.files[0].format).toBe("w3c");
    expect(summary.redirect.count).toBe(2); // the two GET / answered 302
    expect(summary.callback.count).toBe(1); // the one carrying code=
    expect(summary.callback.quantile(0.5)).toBeCloseTo(0.041, 6);
    expect(summary.records).toBe(0);
  });
});
