/**
 * How calibrate reads what real exports contain besides clean records: the beta API's
 * classification fields (SSO, broker, workload sign-ins), malformed records counted with file
 * and line (Microsoft's own List signIns example has a trailing comma, which JSON.parse
 * refuses), gzip, folders, and files in no format it reads.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError, listLogFiles } from "../../src/calibrate/index.ts";
import { readLogs } from "../../src/calibrate/input/read-logs.ts";
import { SignInKind, type SignInRecord } from "../../src/calibrate/sign-in-record.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-calibrate-"));

async function readText(name: string, text: string | Buffer) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const records: SignInRecord[] = [];
  const summary = await readLogs(listLogFiles([path]), (r) => records.push({ ...r }));
  return { records, summary };
}

const base = {
  createdDateTime: "2026-11-03T09:00:00Z",
  userId: "u1",
  correlationId: "c1",
  status: { errorCode: 0 },
};

describe("classification from the beta signIn fields", () => {
  it("tells SSO, broker, silent and prompted sign-ins apart, and leaves workload sign-ins out", async () => {
    const lines = [
      {
        ...base,
        isInteractive: true,
        authenticationDetails: [{ authenticationMethod: "Previously satisfied" }],
      },
      {
        ...base,
        signInEventTypes: ["interactiveUser"],
        authenticationDetails: [
          { authenticationStepResultDetail: "MFA requirement satisfied by claim in the token" },
        ],
      },
      { ...base, isInteractive: true, authenticationDetails: [{ authenticationMethod: "Password" }] },
      { ...base, signInEventTypes: ["nonInteractiveUser"], incomingTokenType: "refreshToken" },
      { ...base, signInEventTypes: ["nonInteractiveUser"], incomingTokenType: "primaryRefreshToken" },
      { ...base, signInEventTypes: ["servicePrincipal"] },
      { ...base, signInEventTypes: ["managedIdentity"] },
      { ...base }, // v1.0 without isInteractive: the v1.0 list returns interactive sign-ins only
    ].map((o) => JSON.stringify(o));
    const { records, summary } = await readText("beta.jsonl", lines.join("\n"));
    expect(records.map((r) => r.kind)).toEqual([
      SignInKind.sso,
      SignInKind.sso,
      SignInKind.interactive,
      SignInKind.silent,
      SignInKind.broker,
      SignInKind.interactive,
    ]);
    expect(summary.skipped).toBe(2);
  });
});

describe("bad records and bad files", () => {
  it("counts a malformed JSON line with its file and line and reads the rest", async () => {
    const text = [
      JSON.stringify(base),
      '{"createdDateTime": "2026-11-03T09:00:01Z", "status": {',
      JSON.stringify({ ...base, createdDateTime: "not a time" }),
      JSON.stringify(base),
    ].join("\n");
    const { records, summary } = await readText("bad.jsonl", text);
    expect(records).toHaveLength(2);
    expect(summary.malformed).toBe(2);
    expect(summary.problems.map((p) => [p.file.endsWith("bad.jsonl"), p.line])).toEqual([
      [true, 2],
      [true, 3],
    ]);
    expect(summary.problems[1].message).toBe("no createdDateTime");
  });

  it("Microsoft's List signIns example as published (a trailing comma) is one malformed page at its first line", async () => {
    const page = [
      "{",
      '    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",',
      '    "value": [',
      '        { "createdDateTime": "2020-03-13T19:15:41.6195833Z", "appliedConditionalAccessPolicies": [',
      '                { "id": "de7e60eb-ed89-4d73-8205-2227def6b7c9", "result": "notEnabled" },',
      "              ]",
      "        }",
      "    ]",
      "}",
      "{",
      '    "value": [ { "createdDateTime": "2020-03-13T19:15:42Z" } ]',
      "}",
    ].join("\n");
    const { records, summary } = await readText("page.json", page);
    expect(summary.problems).toMatchObject([{ line: 1 }]);
    expect(summary.problems[0].message).toMatch(/^not JSON/);
    expect(records).toHaveLength(1); // the next page still reads
  });

  it("a CSV row with the wrong number of fields is malformed at its line", async () => {
    const header = '"Date (UTC)","Correlation ID","User ID","Location","Status","Sign-in error code"';
    const text = [
      header,
      '2026-11-03T09:00:00Z,c1,u1,"Paris, Ile-de-France, FR",Success,',
      "2026-11-03T09:00:01Z,c2",
    ].join("\n");
    const { records, summary } = await readText("InteractiveSignIns_x.csv", text);
    expect(records).toHaveLength(1);
    expect(records[0].country).toBe("FR");
    expect(summary.problems[0]).toMatchObject({ line: 3 });
  });

  it("reads gzip by its magic number, whatever the name", async () => {
    const { records } = await readText(
      "renamed.log",
      gzipSync(`${JSON.stringify(base)}\n${JSON.stringify(base)}\n`),
    );
    expect(records).toHaveLength(2);
  });

  it("refuses a file in no format it reads, with file:1:1", async () => {
    await expect(readText("notes.txt", "hello, world\n")).rejects.toThrow(InputError);
    await expect(readText("notes2.txt", "hello, world\n")).rejects.toThrow(
      /notes2\.txt:1:1: not a sign-in log/,
    );
  });

  it("refuses paths that do not exist and folders without files", () => {
    expect(() => listLogFiles([join(dir, "missing")])).toThrow(/no such file or folder/);
    const empty = mkdtempSync(join(tmpdir(), "authsim-empty-"));
    expect(() => listLogFiles([empty])).toThrow(/no log files/);
  });
});
