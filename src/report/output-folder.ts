/**
 * Writes a run's files into its output folder so that a folder at the final path is always
 * complete: everything goes into a hidden temporary sibling first, which is renamed into place
 * at the end. An interrupted or failed write leaves no folder at the final path (and removes its
 * temporary one when it can). An existing folder is never replaced without `force`; with it the
 * old folder is renamed away, the new one renamed in, then the old one deleted. Even with force,
 * only a folder that looks like authsim output (or is empty) is replaced, so `--out ~ --force`
 * cannot delete a home directory. The only file-writing module of the report layer.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** Why a folder could not be written; `exists` and `notOutput` are the user's to fix. */
export class OutputFolderError extends Error {
  constructor(
    readonly reason: "exists" | "notOutput" | "badName" | "io",
    message: string,
  ) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** A file that marks a folder as authsim output (summary.json or run.json). */
const MARKERS = ["summary.json", "run.json"];

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

export interface WriteOptions {
  /** Replace an existing output folder. */
  readonly force?: boolean;
}

/**
 * Throws OutputFolderError unless `out` can be written with these options: it does not exist,
 * or `force` is set and it is an authsim output folder or empty. Call it before a long run too.
 */
export function checkOutputFolder(out: string, options: WriteOptions = {}): void {
  const target = resolve(out);
  if (!existsSync(target)) return;
  if (!options.force) {
    throw new OutputFolderError(
      "exists",
      `${out} already exists; choose another --out or pass --force to replace it`,
    );
  }
  const isDir = statSync(target).isDirectory();
  const entries = isDir ? readdirSync(target) : [];
  if (!isDir || (entries.length > 0 && !MARKERS.some((m) => entries.includes(m)))) {
    throw new OutputFolderError(
      "notOutput",
      `${out} exists and is not an authsim output folder; not replacing it even with --force`,
    );
  }
}

function checkName(name: string): void {
  // Flat folder: a name with a separator or `..` could write outside it.
  if (name === "" || name === "." || name === ".." || /[/\\]/.test(name) || name.includes("\u0000")) {
    throw new OutputFolderError("badName", `not a plain file name: ${JSON.stringify(name)}`);
  }
}

const ioError = (what: string, e: unknown) =>
  new OutputFolderError("io", `${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);

/** Writes `files` (name -> text or bytes) as the folder `out`, atomically as far as the OS allows. */
export function writeOutputFolder(out: string, files: OutputFiles, options: WriteOptions = {}): void {
  for (const name of files.keys()) checkName(name);
  checkOutputFolder(out, options);
  const target = resolve(out);
  const parent = dirname(target);
  let temp: string;
  try {
    mkdirSync(parent, { recursive: true });
    temp = mkdtempSync(join(parent, `.${basename(target)}.partial-`));
    // mkdtemp makes a private (0700) folder; the finished one should read like any other.
    chmodSync(temp, 0o755);
  } catch (e) {
    throw ioError(`cannot create ${out}`, e);
  }
  // force: the old folder is moved aside first so the new one never mixes with it.
  const old = `${temp}-old`;
  let replaced = false;
  try {
    for (const [name, content] of files) writeFileSync(join(temp, name), content);
    if (existsSync(target)) {
      renameSync(target, old);
      replaced = true;
    }
    try {
      renameSync(temp, target);
    } catch (e) {
      if (replaced) renameSync(old, target);
      throw e;
    }
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw ioError(`cannot write ${out}`, e);
  }
  // The new folder is in place; failing to delete the old one loses nothing.
  if (replaced) rmSync(old, { recursive: true, force: true });
}
