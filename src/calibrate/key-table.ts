/**
 * An open-addressing hash table from non-zero 53-bit keys to dense slots 0, 1, 2, ... (in
 * insertion order), in typed arrays: ~24 bytes per key instead of a Map's ~80, so a week of a
 * large tenant's sessions fits in memory. Callers keep their per-key values in parallel arrays
 * indexed by the slot.
 */

export class KeyTable {
  private keys = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of `key`, or -1 when it has none. */
  find(key: number): number {
    const mask = this.keys.length - 1;
    let i = this.start(key, mask);
    for (;;) {
      const k = this.keys[i];
      if (k === 0) return -1;
      if (k === key) return this.slots[i];
      i = (i + 1) & mask;
    }
  }

  /** The slot of `key`, adding it (as slot `size`) when new. `key` must not be 0. */
  add(key: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = this.start(key, mask);
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.slots[i];
      if (k === 0) {
        this.keys[i] = key;
        this.slots[i] = this.count;
        return this.count++;
      }
      i = (i + 1) & mask;
    }
  }

  private start(key: number, mask: number): number {
    return ((key % 4294967296) ^ Math.floor(key / 4294967296)) & mask;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j];
      if (key === 0) continue;
      let i = this.start(key, mask);
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.slots[i] = oldSlots[j];
    }
  }
}

/** A growable Float64Array column for KeyTable slots. */
export class Float64Column {
  data = new Float64Array(1024);
  ensure(slot: number, fill = 0): void {
    if (slot < this.data.length) return;
    let n = this.data.length;
    while (n <= slot) n *= 2;
    const next = new Float64Array(n);
    next.set(this.data);
    if (fill !== 0) next.fill(fill, this.data.length);
    this.data = next;
  }
}
