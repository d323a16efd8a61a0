/**
 * report.md: the report's blocks as GitHub-flavoured markdown. Charts are referenced by file
 * name, so the page reads in any markdown viewer opened in the output folder.
 */
import type { JudgedRun } from "../study/index.ts";
import { type Block, type Cell, cellText } from "./report-blocks.ts";
import { buildReport, type ReportOptions } from "./report-content.ts";

/**
 * Escapes what markdown would read as markup in plain text taken from a scenario, and no more,
 * so the raw file stays readable (`login.p95 < 3s` keeps its `<`, which starts no HTML tag).
 */
const escapeInline = (text: string): string =>
  text
    .replace(/[\\`*_|]/g, (c) => `\\${c}`)
    // Brackets only make a link or image when followed by `(`: `[ms]` headers stay as written.
    .replace(/\]\(/g, "]\\(")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<");

/** As escapeInline, plus what would start a heading, quote or list at the start of a line. */
const escapeText = (text: string): string =>
  escapeInline(text.replace(/\s*\n\s*/g, " ")).replace(/^([#>+-])/, "\\$1");

const cell = (c: Cell): string => {
  const text = escapeInline(cellText(c)).replace(/\r?\n/g, " ");
  return typeof c === "string" ? text : `**${text}**`;
};

function renderBlock(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${escapeText(b.text)}`;
    case "paragraph":
      return escapeText(b.text);
    case "note":
      return `_${escapeText(b.text)}_`;
    case "chart":
      return `![${escapeInline(b.alt)}](${encodeURI(b.file)})`;
    case "table": {
      const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
      return [
        line(b.header.map(cell)),
        line(b.align.map((a) => (a === "right" ? "---:" : ":---"))),
        ...b.rows.map((row) => line(row.map(cell))),
      ].join("\n");
    }
  }
}

/** Markdown text of `blocks`, blocks separated by a blank line, with a trailing newline. */
export function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map(renderBlock).join("\n\n")}\n`;
}

/** report.md for a run. */
export function reportMarkdown(run: JudgedRun, options: ReportOptions = {}): string {
  return renderMarkdown(buildReport(run, options));
}
