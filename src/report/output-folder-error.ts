/**
 * Why an output folder could not be written, as one error class with a reason the CLI maps to an
 * exit code (src/cli/exit-codes.ts, OUTPUT_EXIT_CODES), and the plain words for the system's
 * error codes, so a user reads "permission denied", not EACCES.
 */

/**
 * - `exists`: the folder exists and `--force` was not given (the user's to resolve).
 * - `notOutput`: it exists but is not wholly authsim's (foreign files, no manifest, a file, a
 *   link), so not even `--force` replaces it.
 * - `badName`: a file name from authsim's own code is not a plain name (a bug).
 * - `io`: the location cannot be created or written (permissions, read-only, a file in the way,
 *   a name too long).
 * - `noSpace`: the file system has less free space than the output needs.
 * - `interrupted`: a signal stopped the write; nothing was left behind.
 */
export type OutputFolderReason = "exists" | "notOutput" | "badName" | "io" | "noSpace" | "interrupted";

export class OutputFolderError extends Error {
  constructor(
    readonly reason: OutputFolderReason,
    message: string,
  ) {
    super(message);
    this.name = "OutputFolderError";
  }
}

const WORDS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a file is in the way where a folder is needed",
  EEXIST: "something already exists there",
  ENAMETOOLONG: "name too long",
  ENOENT: "no such file or folder",
  EISDIR: "a folder is in the way where a file is needed",
  ENOTEMPTY: "the folder is not empty",
};

/** `what: <words> (<CODE>)` from a failed fs call, an `io` error (or `noSpace` for ENOSPC/EDQUOT). */
export function ioError(what: string, e: unknown): OutputFolderError {
  const code = (e as NodeJS.ErrnoException).code;
  const words = code === undefined ? (e as Error).message : `${WORDS[code] ?? "failed"} (${code})`;
  const reason = code === "ENOSPC" || code === "EDQUOT" ? "noSpace" : "io";
  return new OutputFolderError(reason, `${what}: ${words}`);
}
