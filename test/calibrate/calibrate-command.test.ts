/**
 * `authsim calibrate` end to end on the documented-format fixtures: it writes a scenario that
 * loads, `--check` of that scenario against the same logs prints its residuals and exits 0,
 * bad input is exit 2 with file:line (never a stack trace), and no user id, name, UPN, IP
 * address or correlation id from the logs appears in anything it prints or writes.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every identifier of a person or a session in the fixtures. */
const IDENTIFIERS = [
  "26be570a-ae82-4189-b4e2-a37c6808512d",
  "9c3e1f4a-7d2b-4e8a-a1f0-5b6c7d8e9f01",
  "testaccount1@contoso.com",
  "testaccount2@contoso.com",
  "Test Contoso",
  "Second Contoso",
  "131.107.159.37",
  "81.2.69.160",
  "d79f5bee-5860-4832-928f-3133e22ae912",
  "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
];

describe("authsim calibrate", () => {
  it("writes a scenario that loads, with provenance comments, and names no user", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-calibrate-"));
    const out = join(dir, "fitted.yaml");
    const r = await cli([
      "calibrate",
      join(FIXTURES, "graph-page.json"),
      join(FIXTURES, "access.log"),
      "--out",
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/read 2 file\(s\): 3 user sign-ins/);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/# data: /);
    expect(text).toMatch(/# default/);
    expect(text).toMatch(/redirect: \{ lognormal: \{ median: /); // from the access log
    const loaded = loadScenarioFile(out);
    expect(loaded.ok, loaded.ok ? "" : JSON.stringify(loaded.problems)).toBe(true);
    const json = await cli([
      "calibrate",
      join(FIXTURES, "log-analytics.json"),
      "--check",
      out,
      "--json",
      "--check-out",
      join(dir, "check"),
    ]);
    for (const id of IDENTIFIERS) {
      expect(text).not.toContain(id);
      expect(r.out + r.err).not.toContain(id);
      expect(json.out + json.err).not.toContain(id);
    }
    expect(JSON.parse(json.out).calibration.source.records).toBe(3);
  });

  it("--check prints residuals and exits 0 when every one is within tolerance", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-calibrate-"));
    const out = join(dir, "fitted.yaml");
    expect((await cli(["calibrate", join(FIXTURES, "admin-center"), "--out", out, "--quiet"])).code).toBe(0);
    const check = join(dir, "check");
    const r = await cli(["calibrate", join(FIXTURES, "admin-center"), "--check", out, "--check-out", check]);
    expect(r.out).toMatch(/metric\s+scope\s+observed\s+model\s+residual\s+tolerance/);
    expect(r.out).toMatch(/check: every residual within its tolerance/);
    expect(r.out).toMatch(/model run: 1 replication\(s\) over the log's span/);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(check)).toEqual(expect.arrayContaining(["check.txt", "check.json", "check-mix.png"]));
  });

  it("refuses to replace --out without --force, and asks for --out or --check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-calibrate-"));
    const out = join(dir, "exists.yaml");
    writeFileSync(out, "keep me\n");
    const r = await cli(["calibrate", join(FIXTURES, "graph-lines.jsonl"), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exists: give --force/);
    expect(readFileSync(out, "utf8")).toBe("keep me\n");
    const none = await cli(["calibrate", join(FIXTURES, "graph-lines.jsonl")]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give --out/);
  });

  it("bad input is exit 2 with file:line, never a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-calibrate-"));
    writeFileSync(join(dir, "notes.txt"), "not a log\n");
    const unknown = await cli(["calibrate", join(dir, "notes.txt"), "--out", join(dir, "x.yaml")]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/notes\.txt:1:1: not a sign-in log/);
    expect(unknown.err).not.toMatch(/\n\s+at /);
    const missing = await cli(["calibrate", join(dir, "missing.json"), "--out", join(dir, "x.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing\.json: no such file or folder/);
    writeFileSync(join(dir, "bad.yaml"), "name: x\nuserBases: 3\n");
    const badScenario = await cli([
      "calibrate",
      join(FIXTURES, "graph-lines.jsonl"),
      "--check",
      join(dir, "bad.yaml"),
    ]);
    expect(badScenario.code).toBe(2);
    expect(badScenario.err).toMatch(/bad\.yaml:\d+:\d+/);
  });

  it("reports malformed records with file and line and fits the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-cli-calibrate-"));
    const lines = readFileSync(join(FIXTURES, "graph-lines.jsonl"), "utf8").split("\n");
    writeFileSync(
      join(dir, "signins.jsonl"),
      [lines[0], '{ "userPrincipalName": "someone@contoso.com", ', lines[1], lines[2]].join("\n"),
    );
    const r = await cli(["calibrate", join(dir, "signins.jsonl"), "--out", join(dir, "x.yaml")]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/signins\.jsonl:2: /);
    expect(r.err).toMatch(/3 user sign-ins .* 1 malformed/);
    // A pretty-printed page that does not parse: where, never the text around it.
    writeFileSync(
      join(dir, "page.json"),
      '{\n  "value": [ { "userPrincipalName": "someone@contoso.com", } ]\n}\n',
    );
    const page = await cli(["calibrate", join(dir, "page.json"), "--out", join(dir, "y.yaml")]);
    expect(page.err).toMatch(/page\.json:1: not JSON/);
    expect(r.err + page.err + page.out).not.toContain("someone@contoso.com");
  });
});
