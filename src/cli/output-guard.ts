/**
 * What every command that writes a folder (run, sweep, plan, merge) shares around the write: the
 * identity its manifest records, a write phase in which Ctrl-C and SIGTERM abort the write rather
 * than kill the process half-way (so the folder is complete or absent), a note for each staging
 * folder of a killed run the check removed, and the one way an output-folder error is printed
 * and turned into an exit code (OUTPUT_EXIT_CODES).
 */
import { randomUUID } from "node:crypto";
import {
  checkOutputFolder,
  type OutputCheck,
  type OutputFiles,
  OutputFolderError,
  type OutputIdentity,
  writeOutputFolder,
} from "../report/index.ts";
import type { CommandContext, Output } from "./command-context.ts";
import { type ExitCode, OUTPUT_EXIT_CODES } from "./exit-codes.ts";
import type { Interrupts } from "./interrupts.ts";

/** The manifest's record of this invocation: the command, a fresh run id, the version, the time. */
export function outputIdentity(command: string, version: string): OutputIdentity {
  return { command, runId: randomUUID(), authsim: version, writtenAt: new Date().toISOString() };
}

/**
 * Runs the write phase (charts, then files) with interrupts aborting `signal`, which the writer
 * obeys between files; without this a signal would kill the process in the middle of a write.
 */
export async function duringWrite<T>(
  onInterrupt: Interrupts,
  write: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const off = onInterrupt(() => controller.abort());
  try {
    return await write(controller.signal);
  } finally {
    off();
  }
}

/** Says which leftovers of killed runs the check removed or put back. */
export function reportStale(check: OutputCheck, io: Output): void {
  for (const s of check.stale) {
    const what = s.action === "removed" ? "removed" : "put back in place of the missing output folder:";
    io.err(`note: ${what} ${s.path}, left by a stopped run (pid ${s.pid})`);
  }
}

/**
 * Room asked of the file system for a sweep's or plan's folder: tables and a chart per metric
 * (a three-variant quickstart sweep writes 0.2 MB), with a wide margin.
 */
export const TABLES_OUTPUT_BYTES = 16 * 2 ** 20;

/** Where and how a command writes its folder. */
export interface FolderRequest {
  readonly out: string;
  readonly force: boolean;
  /** The command the manifest names: run, sweep, plan, merge. */
  readonly command: string;
  readonly version: string;
  readonly onInterrupt: Interrupts;
  readonly expectedBytes: number;
  /** Called after each file is written (tests send their signal mid-write here). */
  readonly onFile?: (name: string) => void;
}

/** The check before any work: stale staging folders removed (and said), the location judged. */
export function checkFolder(request: FolderRequest, io: Output): void {
  reportStale(
    checkOutputFolder(request.out, { force: request.force, expectedBytes: request.expectedBytes }),
    io,
  );
}

/** Makes the files (charts first) and writes them, as one write phase a signal aborts cleanly. */
export function writeFolder(
  request: FolderRequest,
  makeFiles: () => Promise<OutputFiles> | OutputFiles,
): Promise<void> {
  return duringWrite(request.onInterrupt, async (signal) => {
    const files = await makeFiles();
    const identity = outputIdentity(request.command, request.version);
    const { force, expectedBytes, onFile } = request;
    writeOutputFolder(request.out, files, { force, expectedBytes, identity, signal, onFile });
  });
}

/** Prints an output-folder error and returns its exit code; undefined for any other error. */
export function outputFailure(e: unknown, io: Output): ExitCode | undefined {
  if (!(e instanceof OutputFolderError)) return undefined;
  io.err(`authsim: ${e.message}`);
  return OUTPUT_EXIT_CODES[e.reason];
}

/** Runs a command's work, turning an output-folder error into its exit code; rethrows the rest. */
export async function withOutputErrors(ctx: CommandContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const code = outputFailure(e, ctx.io);
    if (code === undefined) throw e;
    ctx.setExitCode(code);
  }
}
