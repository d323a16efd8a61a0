/**
 * Splitting a sweep or plan over machines (`--shard i/n`): which of its independent pieces
 * (sweep variants, plan searches) shard i runs. Pieces are dealt round-robin by position, so every
 * piece runs in exactly one shard and `authsim merge` can put the answers back in order.
 */

/** Shard `index` of `count`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 <= i <= n); a message when it is not that. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || index < 1 || count < 1 || index > count)
    return `--shard: expected i/n with 1 <= i <= n, e.g. 2/8, found ${text}`;
  return { index, count };
}

/** The positions (0-based, ascending) of the `total` pieces that `shard` runs; all without one. */
export function shardPieces(total: number, shard: Shard | null): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return shard === null ? all : all.filter((i) => i % shard.count === shard.index - 1);
}
