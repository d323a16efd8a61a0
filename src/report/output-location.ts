/**
 * Whether an output folder can be created where asked, checked before any simulation so that a
 * long run never ends in "cannot write": every new name fits the file system (255 bytes a name,
 * 4095 a path), the nearest folder that exists is a folder (not a file, as in
 * `--out some-file/sub`), authsim can create an entry in it (a probe folder made and removed at
 * once: the one test that also fails on a read-only mount or in /proc, whoever runs it, root
 * included), and its file system has room for the bytes the output is expected to take.
 */
import { lstatSync, rmdirSync, statfsSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { ioError, OutputFolderError } from "./output-folder-error.ts";
import { createStaging } from "./output-staging.ts";

const NAME_MAX = 255;
const PATH_MAX = 4095;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The nearest folder of `target` (absolute) that exists, and the names to create below it. */
function nearestExisting(target: string): { ancestor: string; missing: string[] } {
  const missing = [basename(target)];
  let dir = dirname(target);
  for (;;) {
    try {
      lstatSync(dir);
      return { ancestor: dir, missing };
    } catch {
      // ENOENT, or ENOTDIR under a file: keep climbing until something exists.
      const up = dirname(dir);
      if (up === dir) return { ancestor: dir, missing };
      missing.unshift(basename(dir));
      dir = up;
    }
  }
}

/**
 * Throws an `io` or `noSpace` OutputFolderError, with the reason in words, unless a folder can be
 * created (or replaced) at `target` (absolute; `out` is how the user wrote it) with room for
 * `expectedBytes`. Creates nothing that outlives the call.
 */
export function checkLocation(out: string, target: string, expectedBytes = 0): void {
  const cannot = `cannot create ${out}`;
  if (Buffer.byteLength(target) > PATH_MAX)
    throw new OutputFolderError(
      "io",
      `${cannot}: the path is ${Buffer.byteLength(target)} bytes; file systems allow ${PATH_MAX} (ENAMETOOLONG)`,
    );
  const { ancestor, missing } = nearestExisting(target);
  const long = missing.find((name) => Buffer.byteLength(name) > NAME_MAX);
  if (long !== undefined)
    throw new OutputFolderError(
      "io",
      `${cannot}: the name "${long.slice(0, 40)}..." is ${Buffer.byteLength(long)} bytes; ` +
        `file systems allow ${NAME_MAX} (ENAMETOOLONG); choose a shorter --out`,
    );
  let isDir: boolean;
  try {
    isDir = statSync(ancestor).isDirectory();
  } catch (e) {
    throw ioError(cannot, e);
  }
  if (!isDir) throw new OutputFolderError("io", `${cannot}: ${ancestor} is a file, not a folder (ENOTDIR)`);
  try {
    rmdirSync(createStaging(ancestor, target));
  } catch (e) {
    throw ioError(`${cannot}: nothing can be created in ${ancestor}`, e);
  }
  if (expectedBytes <= 0) return;
  let free: number;
  try {
    const fs = statfsSync(ancestor);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // No figure on this system: the write will say if space runs out.
  }
  if (free < expectedBytes)
    throw new OutputFolderError(
      "noSpace",
      `${cannot}: ${mib(free)} free on the file system of ${ancestor}; the output needs about ${mib(expectedBytes)}`,
    );
}
