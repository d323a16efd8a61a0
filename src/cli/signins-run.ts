/**
 * `run --emit-signins`: the first replication runs on this thread with the model's sign-in log
 * wired to calibrate's Graph signIn writer, streaming `signins.jsonl` in 1 MiB chunks to a hidden
 * file beside the output folder (moved into it with the rest, or removed when the run stops);
 * the other replications go to the worker pool as usual. The sink draws no random numbers, so
 * every replication's result is the one a run without --emit-signins gives.
 *
 * On this thread the replication blocks the event loop: Ctrl-C is seen when it ends (the
 * command then writes nothing, as after any stop).
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { SignInsWriter } from "../calibrate/index.ts";
import { RandomStreams } from "../engine/random/index.ts";
import { type RunProgress, type RunResult, runReplication, SIGN_IN_LOG_FAILURES } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import type { RunLimits } from "./worker-pool.ts";

/** Bytes per line of signins.jsonl, about (for the free-space check). */
export const SIGNIN_LINE_BYTES = 1100;

export interface EmittedSignIns {
  /** The hidden file the lines are in until the output folder is written. */
  readonly path: string;
  readonly lines: number;
  readonly bytes: number;
  readonly wallSeconds: number;
}

/** The hidden file beside output folder `out` that signins.jsonl streams into. */
export function signInsTempPath(out: string): string {
  const target = resolve(out);
  return join(dirname(target), `.${basename(target).slice(0, 200)}.signins-${process.pid}.jsonl`);
}

/** Removes the hidden file (after a stop or a failure); nothing when it is gone. */
export function discardSignIns(path: string): void {
  if (existsSync(path)) rmSync(path, { force: true });
}

/**
 * Replication 0 of `scenario`, every sign-in and renewal written to `path`; null when stopped
 * (the file is then removed).
 */
export function runEmittingReplication(
  scenario: ResolvedScenario,
  path: string,
  hooks: {
    readonly onProgress?: (p: RunProgress) => void;
    readonly limits?: RunLimits;
    readonly shouldStop?: () => boolean;
  },
): { readonly result: RunResult | null; readonly emitted: EmittedSignIns } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w");
  const started = performance.now();
  let result: RunResult | null;
  let writer: SignInsWriter;
  try {
    writer = new SignInsWriter(scenario, SIGN_IN_LOG_FAILURES, (text) => {
      writeSync(fd, text);
    });
    const streams = new RandomStreams(scenario.simulation.seed).forReplication(0);
    result = runReplication(scenario, streams, 0, scenario.simulation.replications, {
      onProgress: hooks.onProgress,
      shouldStop: hooks.shouldStop,
      wallClock: () => performance.now(),
      maxEvents: hooks.limits?.maxEvents,
      maxWallSeconds: hooks.limits?.maxWallSeconds,
      signInSink: writer,
    });
    writer.flush();
  } finally {
    closeSync(fd);
  }
  if (result === null) discardSignIns(path);
  const emitted = {
    path,
    lines: writer.lines,
    bytes: writer.bytes,
    wallSeconds: (performance.now() - started) / 1000,
  };
  return { result, emitted };
}
