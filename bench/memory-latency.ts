/**
 * What one cache-missing memory read costs on this machine: a pointer chase through a random
 * cycle over the 64-byte lines of an array of 1, 4, 32 and 128 MiB, so that every read waits for
 * the one before it. A hold at 10^6 pending events touches 32 MiB of event records (and a heap of
 * 10^6 events 12 MiB) at random, about two reads a hold that no prefetcher can foresee, so this
 * latency bounds what any pending-event set can do there (docs/performance.md).
 */
const LINE_INTS = 16; // 64 bytes
const READS = 2_000_000;

export function benchMemoryLatency(): string[] {
  return [1, 4, 32, 128].map((mib) => {
    const chain = randomCycle((mib * 2 ** 20) / 4);
    let at = 0;
    for (let i = 0; i < READS / 4; i++) at = chain[at]; // warm: page in, settle the TLB
    const start = performance.now();
    for (let i = 0; i < READS; i++) at = chain[at];
    const ns = ((performance.now() - start) * 1e6) / READS;
    if (at < 0) throw new Error("unreachable: keeps the chase from being optimised away");
    return `${`memory: dependent random read, ${mib} MiB`.padEnd(44)} ${ns.toFixed(0)} ns a read`;
  });
}

/** An Int32Array in which line i's first slot holds the index of the next line of one random cycle. */
function randomCycle(ints: number): Int32Array {
  const lines = ints / LINE_INTS;
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  let state = 0x2545f491; // fixed xorshift seed: the same cycle every run
  for (let i = lines - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  const chain = new Int32Array(ints);
  for (let i = 0; i < lines; i++) chain[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
  return chain;
}
