/**
 * Worker-thread entry of the WorkerPool (worker-pool.ts): simulates one replication per job
 * message, away from the main thread. runReplication is synchronous, so on the main thread it
 * would block the event loop and Ctrl-C could never reach the stop flag; here the main thread
 * stays free to draw progress and take signals, and sets the flag in shared memory. The thread
 * stays for the next job; it talks only by messages.
 */
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { RandomStreams } from "../engine/random/index.ts";
import { runReplication } from "../model/index.ts";
import type { PoolJob, PoolMessage, PoolWorkerInput } from "./worker-pool.ts";

const input = workerData as PoolWorkerInput;
const stop = new Int32Array(input.stop);
const post = (m: PoolMessage) => parentPort?.postMessage(m);

parentPort?.on("message", ({ scenario, replication }: PoolJob) => {
  try {
    // The same streams runScenario gives replication r: the result does not depend on the thread.
    const streams = new RandomStreams(scenario.simulation.seed).forReplication(replication);
    const result =
      Atomics.load(stop, 0) === 1
        ? null
        : runReplication(scenario, streams, replication, scenario.simulation.replications, {
            onProgress: (progress) => post({ type: "progress", progress }),
            shouldStop: () => Atomics.load(stop, 0) === 1,
            wallClock: () => performance.now(),
            maxEvents: input.limits.maxEvents,
            maxWallSeconds: input.limits.maxWallSeconds,
            fingerprint: input.fingerprint,
          });
    post({ type: "done", result });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ type: "error", message: error.message, stack: error.stack ?? null });
  }
});
