/**
 * The edge where calibrate touches the file system: which files a list of files and folders
 * names (folders walked, sorted, hidden files skipped), their sizes for the progress bar, and
 * each file's lines as a stream (gzip when the name ends in .gz or the bytes start with its magic
 * number), so a log of many GB is read with memory bounded by one line.
 */
import { closeSync, createReadStream, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";

export interface LogFile {
  readonly path: string;
  readonly bytes: number;
}

/** A problem with the inputs the user must fix (exit 2). */
export class InputError extends Error {}

/** The files `paths` name, folders expanded (recursively, sorted by name). */
export function listLogFiles(paths: readonly string[]): LogFile[] {
  const files: LogFile[] = [];
  const visit = (path: string) => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new InputError(`${path}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.startsWith(".")) visit(join(path, name));
    } else if (stat.isFile()) files.push({ path, bytes: stat.size });
  };
  for (const p of paths) visit(p);
  if (files.length === 0) throw new InputError(`no log files in ${paths.join(", ")}`);
  return files;
}

function isGzip(path: string): boolean {
  if (path.endsWith(".gz")) return true;
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of `file`, without their line ends; `onBytes(n)` is told each chunk of the file's
 * own (compressed) bytes as it is read, so progress is against the size on disk.
 */
export async function* readLines(file: LogFile, onBytes: (n: number) => void): AsyncGenerator<string> {
  const raw = createReadStream(file.path, { highWaterMark: 1 << 20 });
  raw.on("data", (chunk) => onBytes(chunk.length));
  const text = isGzip(file.path) ? raw.pipe(createGunzip()) : raw;
  if (text !== raw) raw.on("error", (e) => text.destroy(e));
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    throw new InputError(`${file.path}: cannot read (${(error as Error).message})`);
  }
}
