/**
 * The one place the scenario layer touches the file system: read a scenario file and load it.
 * A missing, unreadable or non-text file is a problem like any other, not an exception. Only
 * regular files are opened (a named pipe nobody writes to would block forever, `/dev/zero` never
 * ends), and at most MAX_SCENARIO_BYTES are read.
 */
import { type LoadOptions, type LoadResult, loadScenarioText } from "./load-scenario.ts";
import type { Problem } from "./problem.ts";
import { readUserFile } from "./read-user-file.ts";

/** A scenario is a few kilobytes (the global baseline ~6 KiB); anything near this is not one. */
export const MAX_SCENARIO_BYTES = 4 * 2 ** 20;

export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadResult {
  const read = readUserFile(file, MAX_SCENARIO_BYTES);
  if (!read.ok) {
    const problem: Problem = {
      file,
      line: 1,
      column: 1,
      path: "",
      expected: "a readable scenario file (a regular file of at most 4 MiB)",
      found: read.reason,
      suggestion: null,
    };
    return { ok: false, problems: [problem], warnings: [] };
  }
  return loadScenarioText(read.text, file, options);
}
