/**
 * The engine targets as ratios (issue 19 item 4): an engine case and its calibration case run in
 * alternating pairs in one process, and the ratio is taken pair by pair, so a load that changes
 * from minute to minute on a shared machine (30-50% here) moves both sides of each ratio alike.
 * Prints every pair and the median ratio with the absolute rates beside it, and the same ratio by
 * CPU time of the process (user + system around each whole case, warm-ups included, the same
 * work on both sides), which a machine loaded by other work distorts less than wall time. Targets: M/M/8
 * through Simulation + Station at least 0.5 of the hand-written loop; hold at 10^6 pending at
 * least 1.0 of the bare heap.
 */
import { benchCalibrationHold } from "./calibration-hold.ts";
import { benchCalibrationMmc } from "./calibration-mmc.ts";
import { benchHold } from "./engine-hold.ts";
import { benchMmc } from "./engine-mmc.ts";
import type { BenchResult } from "./measure.ts";

interface RatioCase {
  readonly label: string;
  readonly target: number;
  readonly engine: () => BenchResult;
  readonly calibration: () => BenchResult;
}

export const RATIO_CASES: Record<string, RatioCase> = {
  "mm8-ratio": {
    label: "M/M/8 through Simulation + Station ÷ hand-written loop",
    target: 0.5,
    engine: () => benchMmc(2_000_000),
    calibration: () => benchCalibrationMmc(2_000_000),
  },
  "hold-1e6-ratio": {
    label: "hold at 10^6 pending, engine ÷ bare heap",
    target: 1.0,
    engine: () => benchHold(1_000_000, 5_000_000),
    calibration: () => benchCalibrationHold(1_000_000, 5_000_000),
  },
};

const rate = (r: BenchResult) => `${(r.perSecond / 1e6).toFixed(2)} M ${r.unit}/s`;

/** `pairs` alternating pairs (engine first in odd pairs, calibration first in even ones). */
export function benchRatio(name: string, pairs = 5): string[] {
  const c = RATIO_CASES[name];
  const lines: string[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let engine: Timed;
    let calibration: Timed;
    if (i % 2 === 0) {
      engine = timed(c.engine);
      calibration = timed(c.calibration);
    } else {
      calibration = timed(c.calibration);
      engine = timed(c.engine);
    }
    const ratio = engine.result.perSecond / calibration.result.perSecond;
    ratios.push(ratio);
    const byCpu = calibration.cpuSeconds / engine.cpuSeconds;
    cpuRatios.push(byCpu);
    lines.push(
      `  pair ${i + 1}: engine ${rate(engine.result)}, calibration ${rate(calibration.result)}: ${ratio.toFixed(3)} (by CPU time ${byCpu.toFixed(3)})`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const cpu = [...cpuRatios].sort((a, b) => a - b);
  const cpuMedian = cpu[Math.floor(cpu.length / 2)];
  const verdict = median >= c.target ? "met" : "not met";
  return [
    `${c.label}: median ${median.toFixed(3)} (range ${sorted[0].toFixed(3)}-${sorted[sorted.length - 1].toFixed(3)}; by CPU time ${cpuMedian.toFixed(3)}; target ${c.target}: ${verdict})`,
    ...lines,
  ];
}

interface Timed {
  readonly result: BenchResult;
  readonly cpuSeconds: number;
}

function timed(run: () => BenchResult): Timed {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { result, cpuSeconds: (used.user + used.system) / 1e6 };
}
