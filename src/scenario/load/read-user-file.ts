/**
 * Reads a file a user named (a scenario, a summary.json, a sweep or plan part) safely: regular
 * files only, checked before opening (opening a named pipe blocks until someone writes to it) and
 * again on the open descriptor, and never more than `maxBytes` (a device such as /dev/zero, or a
 * file that grows, would otherwise fill memory). Every failure is a short reason a person can act
 * on, never an exception.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "a directory";
  if (code === "ENOTDIR") return "no such file (a part of the path is not a folder)";
  if (code === "ELOOP") return "a symbolic link loop";
  if (code === "ENAMETOOLONG") return "a path too long for this system";
  return code ?? (e instanceof Error ? e.message : String(e));
}

const mib = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

/** The text of `file` (UTF-8), or why it cannot be read. */
export function readUserFile(file: string, maxBytes: number): ReadResult {
  const fail = (reason: string): ReadResult => ({ ok: false, reason });
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (e) {
    return fail(errnoReason(e));
  }
  if (!stats.isFile()) return fail(kindOf(stats));
  if (stats.size > maxBytes) return fail(`a file of ${mib(stats.size)}, more than the ${mib(maxBytes)} read`);
  let fd: number;
  try {
    // Non-blocking, so a file swapped for a pipe after the stat cannot hang the open.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return fail(errnoReason(e));
  }
  try {
    // The path may have been swapped between stat and open; the descriptor is what is read.
    const opened = fstatSync(fd);
    if (!opened.isFile()) return fail(kindOf(opened));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) return fail(`a file of more than ${mib(maxBytes)}, the most that is read`);
    }
    return { ok: true, text: Buffer.concat(chunks, length).toString("utf8") };
  } catch (e) {
    return fail(errnoReason(e));
  } finally {
    closeSync(fd);
  }
}
