/** Wall time, throughput and peak memory of one benchmark case. */
import { performance } from "node:perf_hooks";

export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly peakRssMiB: number;
}

export function measure(name: string, unit: string, work: () => number): BenchResult {
  const start = performance.now();
  const count = work();
  const seconds = (performance.now() - start) / 1000;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return { name, unit, count, seconds, perSecond: count / seconds, peakRssMiB };
}

export function formatResult(r: BenchResult): string {
  const rate =
    r.perSecond >= 1e6 ? `${(r.perSecond / 1e6).toFixed(2)} M` : `${(r.perSecond / 1e3).toFixed(1)} k`;
  return `${r.name.padEnd(44)} ${rate} ${r.unit}/s   ${r.count.toLocaleString("en")} in ${r.seconds.toFixed(2)} s   peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
}

/**
 * The median of `repeats` runs after `warmups` unmeasured ones, each a fresh run at full size.
 * Why: the first full-size M/M/8 run through the engine measured 40-45% slower than the ones
 * after it (3.6 vs 6.4-6.6 M events/s in one process), even after a tenth-size warm-up; the
 * steady state is what the engine does, and the median keeps one lucky or unlucky run out.
 */
export function steadyState(run: () => BenchResult, warmups = 1, repeats = 3): BenchResult {
  for (let i = 0; i < warmups; i++) run();
  const results = Array.from({ length: repeats }, run).sort((a, b) => a.perSecond - b.perSecond);
  return results[Math.floor(repeats / 2)];
}
