/**
 * report.html: the same blocks as report.md in one self-contained page that works offline, so it
 * can be mailed as a single file: inline style, a table of contents, and charts the reader can
 * explore. A chart given as page data (html/page-charts.ts) is drawn in the page by chart.js
 * (its UMD build inlined, with the run's data as JSON): hover for values, drag to zoom, click a
 * legend entry to switch a series off; its PNG stays in the output folder, linked under it.
 * Pictures drawn outside chart.js (the map, the routing matrix) are embedded as data: URIs when
 * their bytes are given, else referenced by file name, as in report.md. No request leaves the page.
 */
import type { JudgedRun } from "../study/index.ts";
import { chartJsSource } from "./html/chart-js-source.ts";
import { type PageChart, pageCharts } from "./html/page-charts.ts";
import { PAGE_SCRIPT } from "./html/page-script.ts";
import { type Block, type Cell, cellText } from "./report-blocks.ts";
import { buildReport, type ReportOptions } from "./report-content.ts";

export interface HtmlOptions {
  /** Chart file name -> PNG bytes, embedded in the page. */
  readonly charts?: ReadonlyMap<string, Uint8Array>;
  /** Chart file name -> data the page draws it from; such a chart is drawn in the page, not embedded. */
  readonly pageCharts?: ReadonlyMap<string, PageChart>;
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
nav.toc { background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.5rem 1rem; margin: 1rem 0; }
nav.toc p { margin: 0.2rem 0; font-weight: 600; }
nav.toc ol { margin: 0.2rem 0; padding-left: 1.4rem; columns: 2; }
.chart-box { position: relative; border: 1px solid #d0d7de; padding: 4px; touch-action: pan-y; }
.chart-box canvas { cursor: crosshair; }
.zoom-box { position: absolute; background: rgba(9, 105, 218, 0.15); border: 1px solid #0969da; pointer-events: none; }
button.reset { margin-left: 0.5rem; font: inherit; }
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

/** An id for a heading's anchor: its words, lower case, joined by hyphens. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function renderChart(b: Block & { kind: "chart" }, options: HtmlOptions): string {
  const alt = escapeHtml(b.alt);
  const file = escapeHtml(b.file);
  if (options.pageCharts?.has(b.file)) {
    return [
      `<figure class="chart" id="${escapeHtml(`chart-${slug(b.file.replace(/\.png$/, ""))}`)}">`,
      `<div class="chart-box"><canvas data-page-chart="${file}" role="img" aria-label="${alt}"></canvas><div class="zoom-box" hidden></div></div>`,
      `<figcaption>${alt}. <span class="hint">Hover for values; drag across the plot to zoom; click a legend entry to hide or show it.</span>` +
        `<button class="reset" type="button" hidden>Reset zoom</button> · <a href="${encodeURI(b.file)}">${file}</a></figcaption>`,
      "</figure>",
    ].join("\n");
  }
  const bytes = options.charts?.get(b.file);
  const src = bytes ? `data:image/png;base64,${base64(bytes)}` : encodeURI(b.file);
  return `<figure><img src="${escapeHtml(src)}" alt="${alt}" data-chart="${file}"><figcaption>${alt}</figcaption></figure>`;
}

function renderBlock(b: Block, options: HtmlOptions): string {
  switch (b.kind) {
    case "heading":
      return b.level === 2
        ? `<h2 id="${escapeHtml(slug(b.text))}">${escapeHtml(b.text)}</h2>`
        : `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case "paragraph":
      return `<p>${escapeHtml(b.text)}</p>`;
    case "note":
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case "chart":
      return renderChart(b, options);
    case "table": {
      const head = b.header.map((h, i) => renderCell("th", h, b.align[i])).join("");
      const body = b.rows
        .map((row) => `<tr>${row.map((c, i) => renderCell("td", c, b.align[i])).join("")}</tr>`)
        .join("\n");
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
  }
}

/** The contents: every second-level heading, linked; none for a page of three sections or fewer. */
function tableOfContents(blocks: readonly Block[]): string[] {
  const sections = blocks.flatMap((b) => (b.kind === "heading" && b.level === 2 ? [b.text] : []));
  if (sections.length <= 3) return [];
  const items = sections.map((t) => `<li><a href="#${escapeHtml(slug(t))}">${escapeHtml(t)}</a></li>`);
  return ['<nav class="toc">', "<p>Contents</p>", "<ol>", ...items, "</ol>", "</nav>"];
}

/** JSON inside a script element: `<` escaped so no text in it can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/** chart.js, the charts' data and the page script, when the page draws any chart itself. */
function chartScripts(options: HtmlOptions): string[] {
  const charts = options.pageCharts;
  if (!charts || charts.size === 0) return [];
  return [
    `<script type="application/json" id="authsim-chart-data">${scriptJson(Object.fromEntries(charts))}</script>`,
    `<script>\n${chartJsSource().replace(/<\/script/gi, "<\\/script")}\n</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
  ];
}

/** A complete HTML document of `blocks`. */
export function renderHtml(blocks: readonly Block[], options: HtmlOptions = {}): string {
  const title = blocks.find((b) => b.kind === "heading")?.text ?? "authsim report";
  // The contents go after the opening paragraphs, before the first section.
  const first = blocks.findIndex((b) => b.kind === "heading" && b.level === 2);
  const at = first < 0 ? blocks.length : first;
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
    ...blocks.slice(0, at).map((b) => renderBlock(b, options)),
    ...tableOfContents(blocks),
    ...blocks.slice(at).map((b) => renderBlock(b, options)),
    ...chartScripts(options),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** report.html for a run; charts given as bytes are embedded. */
export function reportHtml(run: JudgedRun, options: ReportOptions & HtmlOptions = {}): string {
  const interactive = options.pageCharts ?? pageCharts(run, options.chartFiles ?? null);
  return renderHtml(buildReport(run, options), { ...options, pageCharts: interactive });
}
