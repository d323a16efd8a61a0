/**
 * Which `--set` caused a problem found in the file. A cross-field check reports the field it is
 * about, which may be one the file wrote correctly: `--set trafficManager.probe.interval=10s` makes
 * the file's `probe.timeout: 10s` too long. Such a problem belongs to the override, not to the
 * file's line, so it is found by loading again with the first k overrides only: the override after
 * which the problem first appears is the one to blame, and the message still says where the field
 * is in the file.
 */
import type { LoadResult } from "./load-scenario.ts";
import type { Problem } from "./problem.ts";

const keyOf = (p: Problem) => `${p.path}|${p.expected}`;

/** `problems` with those that the file alone does not have moved onto the `--set` that brought them. */
export function blameOverrides(
  problems: readonly Problem[],
  file: string,
  overrides: readonly string[],
  loadWith: (overrides: readonly string[]) => LoadResult,
): Problem[] {
  const inFile = problems.filter((p) => p.file === file);
  if (inFile.length === 0 || overrides.length === 0) return [...problems];
  // keys[k]: the file's problems with the first k overrides applied.
  const keys: Set<string>[] = [];
  for (let k = 0; k < overrides.length; k++) {
    const r = loadWith(overrides.slice(0, k));
    keys.push(new Set(r.ok ? [] : r.problems.filter((p) => p.file === file).map(keyOf)));
  }
  return problems.map((p) => {
    if (p.file !== file) return p;
    const key = keyOf(p);
    if (keys[0].has(key)) return p;
    // The first prefix that has it; or the whole list (the last override) when none does.
    let k = 1;
    while (k < overrides.length && !keys[k].has(key)) k++;
    const text = overrides[k - 1];
    return {
      ...p,
      file: `--set ${text}`,
      line: 1,
      column: text.indexOf("=") + 2,
      found: `${p.found} (${p.path || "the document"} is at ${file}:${p.line}:${p.column})`,
    };
  });
}
