/**
 * report.html: the same blocks as report.md in one self-contained page (inline style, charts
 * embedded as data: URIs when their bytes are given), so it can be mailed as a single file.
 * A chart whose bytes are absent is referenced by file name, as in report.md.
 */
import type { JudgedRun } from "../study/index.ts";
import { type Block, type Cell, cellText } from "./report-blocks.ts";
import { buildReport, type ReportOptions } from "./report-content.ts";

export interface HtmlOptions {
  /** Chart file name -> PNG bytes, embedded in the page. */
  readonly charts?: ReadonlyMap<string, Uint8Array>;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
th { background: #f6f8fa; font-weight: 600; }
td.right, th.right { text-align: right; }
.pass { color: #116329; font-weight: 700; }
.fail { color: #a40e26; font-weight: 700; }
.note { color: #57606a; font-size: 0.9rem; font-style: italic; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #d0d7de; }
figcaption { color: #57606a; font-size: 0.9rem; }
`.trim();

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function renderCell(tag: "th" | "td", c: Cell, align: string): string {
  const cls = [align === "right" ? "right" : "", typeof c === "string" ? "" : c.tone]
    .filter(Boolean)
    .join(" ");
  return `<${tag}${cls ? ` class="${cls}"` : ""}>${escapeHtml(cellText(c))}</${tag}>`;
}

function renderBlock(b: Block, charts: ReadonlyMap<string, Uint8Array> | undefined): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case "paragraph":
      return `<p>${escapeHtml(b.text)}</p>`;
    case "note":
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case "chart": {
      const bytes = charts?.get(b.file);
      const src = bytes ? `data:image/png;base64,${base64(bytes)}` : encodeURI(b.file);
      return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(b.alt)}" data-chart="${escapeHtml(b.file)}"><figcaption>${escapeHtml(b.alt)}</figcaption></figure>`;
    }
    case "table": {
      const head = b.header.map((h, i) => renderCell("th", h, b.align[i])).join("");
      const body = b.rows
        .map((row) => `<tr>${row.map((c, i) => renderCell("td", c, b.align[i])).join("")}</tr>`)
        .join("\n");
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
  }
}

/** A complete HTML document of `blocks`. */
export function renderHtml(blocks: readonly Block[], options: HtmlOptions = {}): string {
  const title = blocks.find((b) => b.kind === "heading")?.text ?? "authsim report";
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    ...blocks.map((b) => renderBlock(b, options.charts)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** report.html for a run; charts given as bytes are embedded. */
export function reportHtml(run: JudgedRun, options: ReportOptions & HtmlOptions = {}): string {
  return renderHtml(buildReport(run, options), options);
}
