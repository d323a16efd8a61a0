/**
 * Writes an output folder so that a folder at the final path is always complete and always
 * wholly authsim's. The only file-writing module of the report layer.
 *
 * - checkOutputFolder, before any simulation: staging folders a killed run left for the same
 *   place are removed (output-staging.ts); an existing folder is refused without `force`, and
 *   with it unless authsim wrote everything in it (its manifest, output-manifest.ts: the foreign
 *   files are named), so `--out ~ --force` cannot delete a home directory; and the location must
 *   be creatable with room to spare (output-location.ts).
 * - writeOutputFolder: the same checks, then the manifest and every file into a hidden staging
 *   folder beside the target, renamed into place at the end; a replaced folder is moved aside
 *   first and deleted last. A signal (Ctrl-C, SIGTERM) reaches it as an AbortSignal, obeyed
 *   between files and before the rename: the staging folder is removed and nothing is left.
 */
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ioError, OutputFolderError } from "./output-folder-error.ts";
import { checkLocation } from "./output-location.ts";
import {
  foreignEntries,
  MANIFEST_NAME,
  manifestText,
  type OutputIdentity,
  removeAuthsimFolder,
} from "./output-manifest.ts";
import { asideOf, cleanStaleStaging, createStaging, type StaleFolder } from "./output-staging.ts";

/** A file already written elsewhere on the same file system, moved in (a streamed file: signins.jsonl). */
export interface FileOnDisk {
  readonly path: string;
}

export type OutputFiles = ReadonlyMap<string, string | Uint8Array | FileOnDisk>;

export interface WriteOptions {
  /** Replace an existing output folder (only one authsim wrote, or an empty one). */
  readonly force?: boolean;
  /** Who writes, recorded in the manifest. */
  readonly identity?: OutputIdentity;
  /** Bytes the output is expected to take; the check refuses a file system with less free. */
  readonly expectedBytes?: number;
  /** Aborts the write: nothing is left behind (checked between files and before the rename). */
  readonly signal?: AbortSignal;
  /** Called after each file is written into the staging folder; tests hook the write phase here. */
  readonly onFile?: (name: string) => void;
}

/** What the check found: staging folders of killed runs it removed or put back. */
export interface OutputCheck {
  readonly stale: readonly StaleFolder[];
}

const listed = (names: readonly string[]) =>
  names.length <= 8 ? names.join(", ") : `${names.slice(0, 8).join(", ")} and ${names.length - 8} more`;

/** Throws unless what is at `target` may be replaced with these options (nothing there is fine). */
function checkExisting(out: string, target: string, force: boolean): void {
  let isLink: boolean;
  let isDir: boolean;
  try {
    const st = lstatSync(target);
    isLink = st.isSymbolicLink();
    isDir = st.isDirectory();
  } catch {
    return; // Nothing there, or a path that cannot exist: checkLocation says why.
  }
  if (!force)
    throw new OutputFolderError(
      "exists",
      `${out} already exists; choose another --out or pass --force to replace it`,
    );
  const refuse = (what: string) =>
    new OutputFolderError("notOutput", `${out} ${what}; not replacing it even with --force`);
  if (isLink) throw refuse("is a symbolic link, not an authsim output folder");
  if (!isDir) throw refuse("is a file, not an authsim output folder");
  let found: ReturnType<typeof foreignEntries>;
  try {
    found = foreignEntries(target);
  } catch (e) {
    throw ioError(`cannot read ${out}`, e);
  }
  const { manifest, foreign } = found;
  if (foreign.length === 0) return; // authsim's, or empty
  throw manifest === null
    ? refuse(`has no ${MANIFEST_NAME}, so authsim did not write it (it holds ${listed(foreign)})`)
    : refuse(`holds files authsim did not write: ${listed(foreign)}; move them out or choose another --out`);
}

/**
 * Throws OutputFolderError unless `out` can be written with these options; removes the staging
 * folders of killed runs first. Call it before a long run, so nothing is simulated in vain.
 */
export function checkOutputFolder(out: string, options: WriteOptions = {}): OutputCheck {
  const target = resolve(out);
  const stale = cleanStaleStaging(target);
  checkExisting(out, target, options.force === true);
  checkLocation(out, target, options.expectedBytes);
  return { stale };
}

function checkName(name: string): void {
  // Flat folder: a name with a separator or `..` could write outside it.
  const plain = !(
    name === "" ||
    name === "." ||
    name === ".." ||
    /[/\\]/.test(name) ||
    name.includes("\u0000")
  );
  if (!plain || name === MANIFEST_NAME) {
    throw new OutputFolderError("badName", `not a plain file name: ${JSON.stringify(name)}`);
  }
}

/** Removes this write's own staging folder, leaving it recognisable if cut short. */
function discard(staging: string): void {
  if (!removeAuthsimFolder(staging)) rmSync(staging, { recursive: true, force: true });
}

/** Writes `files` (name -> text or bytes) as the folder `out`, atomically as far as the OS allows. */
export function writeOutputFolder(out: string, files: OutputFiles, options: WriteOptions = {}): OutputCheck {
  for (const name of files.keys()) checkName(name);
  const stopIfAsked = () => {
    if (options.signal?.aborted)
      throw new OutputFolderError("interrupted", `stopped before ${out} was complete: nothing written`);
  };
  stopIfAsked();
  const check = checkOutputFolder(out, options);
  const target = resolve(out);
  const parent = dirname(target);
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    staging = createStaging(parent, target);
  } catch (e) {
    throw ioError(`cannot create ${out}`, e);
  }
  const aside = asideOf(staging);
  let replaced = false;
  try {
    // The manifest first: a staging folder cut short at any file is still recognisably authsim's.
    const identity = options.identity ?? { command: "authsim" };
    writeFileSync(join(staging, MANIFEST_NAME), manifestText(identity, basename(target), files.keys()));
    for (const [name, content] of files) {
      stopIfAsked();
      if (typeof content === "string" || content instanceof Uint8Array)
        writeFileSync(join(staging, name), content);
      else renameSync(content.path, join(staging, name));
      options.onFile?.(name);
    }
    stopIfAsked();
    if (existsSync(target)) {
      // The folder may have changed while the run ran: judged again just before it is replaced.
      checkExisting(out, target, options.force === true);
      renameSync(target, aside);
      replaced = true;
    }
    try {
      renameSync(staging, target);
    } catch (e) {
      if (replaced) renameSync(aside, target);
      throw e;
    }
  } catch (e) {
    discard(staging);
    throw e instanceof OutputFolderError ? e : ioError(`cannot write ${out}`, e);
  }
  // The new folder is in place; an old one that cannot be deleted (or gained a file) stays aside.
  if (replaced) {
    try {
      removeAuthsimFolder(aside);
    } catch {
      // Nothing lost: the next write to this place tries again.
    }
  }
  return check;
}
