/**
 * The variants of `authsim sweep`: every combination of the `--vary path=v1,v2` values, as
 * `--set` overrides, the first axis varying slowest. Each variant runs with the scenario's seed
 * (common random numbers), so differences between rows come from the values, not from the dice.
 */

/** The grid of variants from `--vary path=v1,v2` options: every combination, first varies slowest. */
export function sweepGrid(vary: readonly string[]): {
  grid: Array<Array<[string, string]>>;
  problems: string[];
} {
  const problems: string[] = [];
  const axes: Array<[string, string[]]> = [];
  for (const v of vary) {
    const eq = v.indexOf("=");
    if (eq <= 0) {
      problems.push(`--vary ${v}: expected path=value1,value2,...`);
      continue;
    }
    const values = splitValues(v.slice(eq + 1));
    if (values.length === 0) problems.push(`--vary ${v}: no values`);
    axes.push([v.slice(0, eq), values]);
  }
  let grid: Array<Array<[string, string]>> = [[]];
  for (const [path, values] of axes)
    grid = grid.flatMap((g) => values.map((x) => [...g, [path, x] as [string, string]]));
  return { grid: problems.length > 0 ? [] : grid, problems };
}

/** Splits on commas outside braces/brackets, so `{ constant: 1h },{ uniform: ... }` works. */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((x) => x.length > 0);
}
