/**
 * The built-in regions as a markdown table for docs/scenario-format.md (between the
 * `region-table` markers; scripts/region-table.ts writes it, a test keeps it current): name,
 * display name, the time zone a user base there defaults to, whether Microsoft's RTT table
 * measures it, and the city and country names that get a "did you mean" to it.
 */
import { AZURE_REGIONS } from "./azure-regions.ts";
import { aliasesOf } from "./region-aliases.ts";

export const REGION_TABLE_START = "<!-- region-table:start (generated: npx tsx scripts/region-table.ts) -->";
export const REGION_TABLE_END = "<!-- region-table:end -->";

export function regionTableMarkdown(): string {
  const rows = AZURE_REGIONS.map((r) => [
    `\`${r.name}\``,
    r.displayName,
    r.timeZone,
    r.code === null ? "no (estimated)" : "yes",
    aliasesOf(r.name).join(", "),
  ]);
  const header = ["name", "display name", "time zone", "in the RTT table", "suggested for"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** `doc` with the text between the markers replaced by the current table. */
export function withRegionTable(doc: string): string {
  const start = doc.indexOf(REGION_TABLE_START);
  const end = doc.indexOf(REGION_TABLE_END);
  if (start < 0 || end < start) throw new Error("docs/scenario-format.md has no region-table markers");
  return `${doc.slice(0, start + REGION_TABLE_START.length)}\n\n${regionTableMarkdown()}\n\n${doc.slice(end)}`;
}
