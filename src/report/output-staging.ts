/**
 * The hidden folders beside an output folder while it is written: `.<name>.partial-<pid>-XXXXXX`,
 * where the files are written before the folder is renamed into place, and the same name with
 * `-old`, where a folder being replaced waits to be deleted. The pid in the name says whose they
 * are. A run killed outright (SIGKILL, a power cut) leaves them behind; the next write to the same
 * place removes those whose process is gone (and puts an `-old` folder back when its replacement
 * never arrived), but only when they pass the manifest test: nothing in them authsim did not write.
 */
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readManifest, removeAuthsimFolder } from "./output-manifest.ts";

/**
 * Bytes of the output folder's name kept in a staging name, so that `.` + name + `.partial-` +
 * pid + `-XXXXXX-old` stays within the 255 bytes a file system allows for one name.
 */
const NAME_BUDGET = 200;

/** `name` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function truncateBytes(name: string, bytes: number): string {
  let out = "";
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/** What every staging folder of an output folder named `name` starts with. */
const stagingPrefix = (name: string) => `.${truncateBytes(name, NAME_BUDGET)}.partial-`;

/** Creates a staging folder for `target` in `parent` (which must exist), readable like any folder. */
export function createStaging(parent: string, target: string): string {
  const staging = mkdtempSync(join(parent, `${stagingPrefix(basename(target))}${process.pid}-`));
  // mkdtemp makes a private (0700) folder; the finished one should read like any other.
  chmodSync(staging, 0o755);
  return staging;
}

/** Where a folder being replaced waits, beside the staging folder that replaces it. */
export const asideOf = (staging: string) => `${staging}-old`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A leftover of a killed run, and what was done with it. */
export interface StaleFolder {
  readonly path: string;
  readonly pid: number;
  readonly action: "removed" | "restored";
}

/**
 * Removes the staging folders a killed run left for `target` (absolute), and puts back a folder
 * that was being replaced when its replacement never arrived. Folders of a live process, or
 * holding anything authsim did not write, are left alone. Best effort: what cannot be removed
 * stays, and the checks that follow say why the location is not writable.
 */
export function cleanStaleStaging(target: string): StaleFolder[] {
  const parent = dirname(target);
  const name = basename(target);
  const prefix = stagingPrefix(name);
  let entries: string[];
  try {
    entries = readdirSync(parent).filter((e) => e.startsWith(prefix));
  } catch {
    return [];
  }
  const pattern = /^(\d+)-[A-Za-z0-9]{6}(-old)?$/;
  const stale = entries
    .map((e) => ({ entry: e, match: pattern.exec(e.slice(prefix.length)) }))
    .filter((s) => s.match !== null)
    .map((s) => ({
      path: join(parent, s.entry),
      pid: Number(s.match?.[1]),
      aside: s.match?.[2] !== undefined,
    }))
    .filter((s) => s.pid !== process.pid && !isAlive(s.pid))
    // A folder set aside goes back before its staging folder is removed.
    .sort((a, b) => Number(b.aside) - Number(a.aside));
  const done: StaleFolder[] = [];
  for (const s of stale) {
    try {
      if (!lstatSync(s.path).isDirectory()) continue;
      if (s.aside && !existsSync(target) && readManifest(s.path) !== null) {
        renameSync(s.path, target);
        done.push({ path: s.path, pid: s.pid, action: "restored" });
        continue;
      }
      // A staging folder names its target in its manifest (one written before any file).
      const manifest = readManifest(s.path);
      if (!s.aside && manifest !== null && manifest.target !== name) continue;
      if (removeAuthsimFolder(s.path)) done.push({ path: s.path, pid: s.pid, action: "removed" });
    } catch {
      // Best effort, as above.
    }
  }
  return done;
}
