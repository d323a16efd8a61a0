/**
 * The one place the scenario layer touches the file system: read a scenario file and load it.
 * A missing, unreadable or non-text file is a problem like any other, not an exception.
 */
import { readFileSync } from "node:fs";
import { type LoadOptions, type LoadResult, loadScenarioText } from "./load-scenario.ts";

export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const found =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "a directory"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    return {
      ok: false,
      problems: [
        { file, line: 1, column: 1, path: "", expected: "a readable scenario file", found, suggestion: null },
      ],
      warnings: [],
    };
  }
  return loadScenarioText(text, file, options);
}
