/**
 * What `sweep` and `plan` share around their runs: the checks of --workers, --replications and
 * --shard, and a pool session — a WorkerPool, a progress bar on a terminal (not in CI), Ctrl-C
 * killing the pool, and the pool closed whatever happens.
 */
import { availableParallelism } from "node:os";
import { parseShard, type Shard } from "../study/index.ts";
import { WorkProgressBar } from "./progress-bar.ts";
import type { RunDeps } from "./run-deps.ts";
import { type ReplicationPool, RunKilled } from "./worker-pool.ts";

export interface PoolArgs {
  readonly workers?: number;
  readonly replications?: number;
  readonly shard?: string;
}

/** --workers (default: one per core), --replications and --shard checked; a message per mistake. */
export function poolOptions(args: PoolArgs): {
  readonly workers: number;
  readonly shard: Shard | null;
  readonly problems: string[];
} {
  const problems: string[] = [];
  const workers = args.workers ?? Math.max(1, availableParallelism());
  if (!(Number.isInteger(workers) && workers >= 1))
    problems.push(`--workers: expected an integer >= 1, found ${workers}`);
  if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 1))
    problems.push(`--replications: expected an integer >= 1, found ${args.replications}`);
  const parsed = args.shard === undefined ? null : parseShard(args.shard);
  if (typeof parsed === "string") problems.push(parsed);
  return { workers, shard: typeof parsed === "string" ? null : parsed, problems };
}

/**
 * Runs `work` with a pool of `size` threads and, on a terminal outside CI, a progress bar (null
 * otherwise); null when Ctrl-C stopped it.
 */
export async function withPool<T>(
  deps: RunDeps,
  size: number,
  work: (pool: ReplicationPool, bar: WorkProgressBar | null) => Promise<T>,
): Promise<T | null> {
  const pool = deps.makePool(size);
  const bar =
    deps.stderr.isTTY && !deps.env.CI
      ? new WorkProgressBar({
          write: deps.stderr.write,
          now: () => deps.now().getTime(),
          columns: deps.stderr.columns,
        })
      : null;
  let interrupted = false;
  const off = deps.onInterrupt(() => {
    interrupted = true;
    pool.kill();
  });
  try {
    return await work(pool, bar);
  } catch (e) {
    if (interrupted && e instanceof RunKilled) return null;
    throw e;
  } finally {
    off();
    bar?.done();
    await pool.close();
  }
}
