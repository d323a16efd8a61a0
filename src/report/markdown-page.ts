/**
 * A small Markdown-to-HTML page for the tool's own Markdown (plan.md, sweep.md): headings,
 * paragraphs with `code` and _emphasis_, pipe tables, and images embedded as data: URIs, in one
 * self-contained file that can be mailed. Not a general Markdown renderer: it handles exactly
 * what those formatters write.
 */
import { escapeHtml } from "./report-html.ts";

const inline = (text: string) =>
  escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(])_([^_]+)_/g, "$1<em>$2</em>");

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());

export function markdownPage(
  title: string,
  markdown: string,
  images: ReadonlyMap<string, Uint8Array> = new Map(),
): string {
  const body: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("# ")) body.push(`<h1>${inline(line.slice(2))}</h1>`);
    else if (line.startsWith("## ")) body.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line.startsWith("|")) {
      const header = cells(line);
      i++; // the --- separator
      const rows: string[][] = [];
      while (i + 1 < lines.length && lines[i + 1].startsWith("|")) rows.push(cells(lines[++i]));
      body.push(
        `<table><thead><tr>${header.map((h) => `<th>${inline(h)}</th>`).join("")}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`,
      );
    } else if (line.trim() !== "") body.push(`<p>${inline(line)}</p>`);
  }
  for (const [name, bytes] of images) {
    body.push(
      `<figure><img src="data:image/png;base64,${Buffer.from(bytes).toString("base64")}" alt="${escapeHtml(name)}" data-chart="${escapeHtml(name)}"></figure>`,
    );
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; max-width: 1200px; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
th { background: #f6f8fa; }
figure img { max-width: 100%; border: 1px solid #d0d7de; }
</style></head>
<body>
${body.join("\n")}
</body></html>
`;
}
