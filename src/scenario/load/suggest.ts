/** "Did you mean": the closest known name by edit distance, if it is close enough to be a typo. */
import { distance } from "fastest-levenshtein";

/** The closest candidate to `word`, or null when none is within about a third of its length. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.ceil(w.length / 3));
  return best !== null && bestDistance <= allowed && bestDistance > 0 ? best : null;
}
