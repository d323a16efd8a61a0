/**
 * `npm run bench`: engine throughput and peak memory on the reference cases of docs/performance.md.
 * Each case runs in its own child process so one case's heap and JIT state do not colour another's.
 * Usage: npm run bench [-- case...]   (cases: hold-1e5, hold-1e6, hold-1e6-calibration, mm8,
 * mm8-calibration, mm8-ratio, hold-1e6-ratio, model-slice-6h-ratio, model-slice-6h-exact-ratio,
 * model-baseline-1h, model-day, model-day-10m, model-memory, memory-latency, random). The -ratio cases alternate an engine case with its calibration in one process and
 * print the ratio pair by pair: the figures the engine targets are stated in (bench/ratio.ts).
 * model-day and model-day-10m (a whole simulated day each, 10-20 min) run only when named.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchCalibrationHold } from "./calibration-hold.ts";
import { benchCalibrationMmc } from "./calibration-mmc.ts";
import { benchHold } from "./engine-hold.ts";
import { benchMmc } from "./engine-mmc.ts";
import { type BenchResult, formatResult } from "./measure.ts";
import { benchMemoryLatency } from "./memory-latency.ts";
import { MODEL_CASES } from "./model-baseline.ts";
import { benchRatio, RATIO_CASES } from "./ratio.ts";

const CASES: Record<string, () => BenchResult | undefined> = {
  "hold-1e5": () => benchHold(100_000, 5_000_000),
  "hold-1e6": () => benchHold(1_000_000, 5_000_000),
  "hold-1e6-calibration": () => benchCalibrationHold(1_000_000, 5_000_000),
  mm8: () => benchMmc(2_000_000),
  "mm8-calibration": () => benchCalibrationMmc(2_000_000),
  ...MODEL_CASES,
  "memory-latency": () => {
    for (const line of benchMemoryLatency()) console.log(line);
    return undefined;
  },
  ...Object.fromEntries(
    Object.keys(RATIO_CASES).map((name) => [
      name,
      () => {
        for (const line of benchRatio(name)) console.log(line);
        return undefined;
      },
    ]),
  ),
};

/** Cases too long for the default run: a whole simulated day each. */
const ON_REQUEST = new Set(["model-day", "model-day-10m"]);

const [, , ...args] = process.argv;
if (args[0] === "--child") {
  const result = CASES[args[1]]?.();
  if (result) console.log(formatResult(result));
} else {
  const names =
    args.length > 0 ? args : [...Object.keys(CASES).filter((name) => !ON_REQUEST.has(name)), "random"];
  console.log(`authsim engine benchmark — Node ${process.version}, one core per case\n`);
  for (const name of names) {
    if (name === "random") {
      const { benchRandom } = await import("./random.ts");
      for (const line of benchRandom()) console.log(line);
      continue;
    }
    if (!(name in CASES))
      throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(", ")}, random`);
    const self = fileURLToPath(import.meta.url);
    process.stdout.write(
      execFileSync(process.execPath, ["--import", "tsx", self, "--child", name], { encoding: "utf8" }),
    );
  }
}
