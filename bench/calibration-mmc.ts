/**
 * Calibration: M/M/8 at ρ = 0.9 written by hand as one tight loop over typed arrays (a 4-ary heap
 * of completion times, a ring of waiting arrival times), with the same random streams as the
 * engine case. It shows what this machine can do at all today, so the engine's figure can be read
 * as a ratio that does not depend on the machine (see docs/performance.md).
 */
import { RandomStreams } from "../src/engine/random/index.ts";
import { type BenchResult, measure, steadyState } from "./measure.ts";

export function benchCalibrationMmc(customers: number, servers = 8, utilisation = 0.9): BenchResult {
  return steadyState(() => calibrationRun(customers, servers, utilisation));
}

function calibrationRun(customers: number, servers: number, utilisation: number): BenchResult {
  const streams = new RandomStreams(1);
  const ua = streams.get("arrivals");
  const us = streams.get("service");
  const arrivalMean = 1 / (servers * utilisation);
  return measure(`calibration: hand-written M/M/${servers} loop`, "events", () => {
    const done = new Float64Array(servers + 1); // min-heap of completion times (binary, tiny)
    let inService = 0;
    const waiting = new Float64Array(1 << 20);
    let head = 0;
    let count = 0;
    let nextArrival = -Math.log(ua()) * arrivalMean;
    let arrived = 0;
    let events = 0;
    let waitSum = 0;
    while (arrived < customers || inService > 0) {
      if (arrived < customers && (inService === 0 || nextArrival <= done[0])) {
        const now = nextArrival;
        events++;
        arrived++;
        if (inService < servers) heapPush(done, inService++, now - Math.log(us()));
        else waiting[(head + count++) & (waiting.length - 1)] = now;
        nextArrival = now - Math.log(ua()) * arrivalMean;
      } else {
        const now = done[0];
        events++;
        inService = heapPop(done, inService);
        if (count > 0) {
          waitSum += now - waiting[head];
          head = (head + 1) & (waiting.length - 1);
          count--;
          heapPush(done, inService++, now - Math.log(us()));
        }
      }
    }
    if (!(waitSum > 0)) throw new Error("calibration loop did not queue");
    return events;
  });
}

function heapPush(h: Float64Array, n: number, t: number): void {
  let i = n;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p] <= t) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = t;
}

function heapPop(h: Float64Array, n: number): number {
  const last = h[n - 1];
  const size = n - 1;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && h[c + 1] < h[c]) c++;
    if (h[c] >= last) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = last;
  return size;
}
