/**
 * The manifest in every output folder, `.authsim-manifest.json`: who wrote the folder (command,
 * run id, authsim version, time) and every file written into it. It is what makes a folder
 * authsim's: `--force` replaces a folder only when its manifest is there and nothing in it is
 * missing from the list, and a staging folder left by a killed run is removed only under the same
 * test. So a user's file that found its way into an output folder is never deleted.
 */
import { type Dirent, readdirSync, readFileSync, rmdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";

export const MANIFEST_NAME = ".authsim-manifest.json";
const FORMAT = "authsim-output-manifest";

/** Who writes a folder; `command` always, the rest as the caller knows it (runId, authsim, writtenAt). */
export interface OutputIdentity {
  readonly command: string;
  readonly [key: string]: string;
}

export interface OutputManifest {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly identity: OutputIdentity;
  /** The folder's name when it was written (the last part of --out). */
  readonly target: string;
  /** Every file written, sorted; the manifest itself is not listed. */
  readonly files: readonly string[];
}

/** The manifest's text for a folder named `target` holding `files`. */
export function manifestText(identity: OutputIdentity, target: string, files: Iterable<string>): string {
  const manifest: OutputManifest = { format: FORMAT, version: 1, identity, target, files: [...files].sort() };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** The manifest of `dir`, or null when there is none or it is not one authsim wrote. */
export function readManifest(dir: string): OutputManifest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), "utf8"));
  } catch {
    return null;
  }
  const m = parsed as Partial<OutputManifest> | null;
  const ok =
    typeof m === "object" &&
    m !== null &&
    m.format === FORMAT &&
    m.version === 1 &&
    typeof m.target === "string" &&
    isStrings(m.files) &&
    typeof m.identity === "object" &&
    m.identity !== null &&
    typeof m.identity.command === "string";
  return ok ? (m as OutputManifest) : null;
}

/** An entry's name as a user would recognise it: folders end in `/`. */
const shown = (e: Dirent) => (e.isDirectory() ? `${e.name}/` : e.name);

/**
 * What `dir` holds that authsim did not write: every entry not on its manifest, or listed but no
 * longer a plain file (a folder or link in its place). Without a manifest every entry is foreign.
 */
export function foreignEntries(dir: string): { manifest: OutputManifest | null; foreign: string[] } {
  const manifest = readManifest(dir);
  const listed = new Set(manifest?.files ?? []);
  const foreign = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !(e.name === MANIFEST_NAME && manifest !== null && e.isFile()))
    .filter((e) => !(listed.has(e.name) && e.isFile()))
    .map(shown)
    .sort();
  return { manifest, foreign };
}

/**
 * Removes a folder authsim wrote: each listed file, then the manifest, then the folder, so that a
 * removal cut short still leaves a folder this test recognises. Returns false, and removes
 * nothing, when the folder holds anything else (an empty folder without a manifest is removed).
 */
export function removeAuthsimFolder(dir: string): boolean {
  const { manifest, foreign } = foreignEntries(dir);
  if (foreign.length > 0) return false;
  // Not foreign: every entry but the manifest is a listed file (some may not be written yet).
  for (const name of readdirSync(dir)) if (name !== MANIFEST_NAME) unlinkSync(join(dir, name));
  if (manifest !== null) unlinkSync(join(dir, MANIFEST_NAME));
  rmdirSync(dir);
  return true;
}
