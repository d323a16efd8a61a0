/**
 * chart.js's own browser build (the UMD file the npm package ships), read once from
 * node_modules, to be inlined in report.html so the page draws its charts with no network. The
 * source-map comment is dropped: a browser's developer tools would otherwise ask for the map file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let source: string | null = null;

export function chartJsSource(): string {
  if (source !== null) return source;
  const main = createRequire(import.meta.url).resolve("chart.js");
  const text = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  source = text.replace(/\/\/# sourceMappingURL=\S+\s*$/, "");
  return source;
}
