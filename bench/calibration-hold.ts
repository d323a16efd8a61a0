/**
 * Calibration for the hold cases: the same hold model (N pending, each event replaced by one at
 * now + Exp(1), the same stream and sampler as the engine case) on a hand-written binary heap of
 * (time, id) in two typed arrays, with no engine: no records, handles, cancellation or dispatch.
 * Issue 2 quotes 2.9-3.1 M holds/s at 10^6 pending for this structure on its reference machine;
 * this case shows what it does on the machine at hand, so `hold-1e6` can be read as a ratio, as
 * `mm8` is read against `mm8-calibration`.
 */
import { makeSampler, RandomStreams } from "../src/engine/random/index.ts";
import { type BenchResult, measure } from "./measure.ts";

export function benchCalibrationHold(pending: number, holds: number): BenchResult {
  const delay = makeSampler({ kind: "exponential", mean: 1 }, new RandomStreams(1).get("hold"));
  const times = new Float64Array(pending);
  const ids = new Int32Array(pending);
  let size = 0;
  const push = (time: number, id: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  };
  // Replaces the earliest event by one at `time` (a pop and a push as one sift-down).
  const replaceTop = (time: number, id: number) => {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && times[child + 1] < times[child]) child++;
      if (times[child] >= time) break;
      times[i] = times[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    ids[i] = id;
  };
  const hold = (count: number) => {
    for (let k = 0; k < count; k++) replaceTop(times[0] + delay(), ids[0]);
    return count;
  };
  for (let i = 0; i < pending; i++) push(delay(), i);
  hold(Math.min(holds, 200_000)); // warm the JIT and the caches, as the engine case does
  return measure(`calibration: bare heap, ${pending.toLocaleString("en")} pending`, "holds", () =>
    hold(holds),
  );
}
