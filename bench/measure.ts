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
