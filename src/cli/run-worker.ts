/**
 * Worker-thread entry of `authsim run`: runs runScenario away from the main thread. runScenario
 * is synchronous, so on the main thread it would block the event loop and Ctrl-C could never
 * reach the shouldStop flag; here the main thread stays free to draw progress and take signals,
 * and sets the flag in shared memory. Started by scenario-runner.ts; talks only by messages.
 */
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { runScenario } from "../model/run-scenario.ts";
import type { WorkerInput, WorkerMessage } from "./scenario-runner.ts";

const input = workerData as WorkerInput;
const stop = new Int32Array(input.stop);
const post = (m: WorkerMessage) => parentPort?.postMessage(m);

try {
  const results = runScenario(input.scenario, {
    onProgress: (progress) => post({ type: "progress", progress }),
    shouldStop: () => Atomics.load(stop, 0) === 1,
    wallClock: () => performance.now(),
    maxEvents: input.limits.maxEvents,
    maxWallSeconds: input.limits.maxWallSeconds,
    fingerprint: input.fingerprint,
  });
  post({ type: "done", results });
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", message: error.message, stack: error.stack ?? null });
}
