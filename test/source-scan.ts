/**
 * Reads TypeScript sources without a parser, for the tests that check imports: a small lexer that
 * blanks comments and literals, and a scanner for every import form. Used by architecture.test.ts
 * (the layer arrows) and cli/start-up.test.ts (what `authsim --help` loads).
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface ImportRef {
  /** The specifier as written. */
  readonly specifier: string;
  readonly typeOnly: boolean;
  /** A literal `import("…")`: loaded when that code runs, not when the module loads. */
  readonly dynamic: boolean;
}

// `import x from`, `import type { A } from`, `import * as n from`, `export { a } from`,
// `export * from`, `export type { A } from`, `import x, { y } from`.
const FROM_CLAUSE =
  /\b(?:import|export)\s+(type\s+)?(?:[\w$]+\s*,\s*)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\}|[\w$]+)\s*from\s*(["'])([^"'\n]+)\2/g;
const SIDE_EFFECT = /\bimport\s*(["'])([^"'\n]+)\1/g;
const DYNAMIC = /\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g;

/** Every static, side-effect and literal dynamic import in a module's code (comments removed). */
export function findImports(code: string): ImportRef[] {
  const found: ImportRef[] = [];
  for (const m of code.matchAll(FROM_CLAUSE))
    found.push({ specifier: m[3], typeOnly: m[1] !== undefined, dynamic: false });
  for (const m of code.matchAll(SIDE_EFFECT))
    found.push({ specifier: m[2], typeOnly: false, dynamic: false });
  for (const m of code.matchAll(DYNAMIC)) found.push({ specifier: m[2], typeOnly: false, dynamic: true });
  return found;
}

/**
 * Blanks comments (→ `code`), and comments plus the text of string, template and regex literals
 * (→ `bare`), keeping line breaks and delimiters. A small lexer, not a parser: it knows strings,
 * templates with `${}` nesting, comments and regex literals (told from division by what precedes).
 */
export function stripSource(source: string): { code: string; bare: string } {
  const code: string[] = [];
  const bare: string[] = [];
  const keep = (c: string) => {
    code.push(c);
    bare.push(c);
  };
  const literal = (c: string) => {
    code.push(c);
    bare.push(c === "\n" ? "\n" : " ");
  };
  const blank = (c: string) => {
    const s = c === "\n" ? "\n" : " ";
    code.push(s);
    bare.push(s);
  };
  /** Brace depths at which open templates resume (one per `${` we are inside). */
  const templates: number[] = [];
  let depth = 0;
  let last = ""; // last significant code character, to tell a regex from a division
  let i = 0;
  const n = source.length;

  /** Reads template text from i (just after ` or a closing }) up to its end or the next `${`. */
  const templateText = () => {
    while (i < n) {
      const c = source[i];
      if (c === "\\") {
        literal(source[i++]);
        if (i < n) literal(source[i++]);
      } else if (c === "`") {
        keep(source[i++]);
        last = "`";
        return;
      } else if (c === "$" && source[i + 1] === "{") {
        keep(source[i++]);
        keep(source[i++]);
        templates.push(depth);
        depth++;
        last = "{";
        return;
      } else {
        literal(source[i++]);
      }
    }
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < n && source[i] !== "\n") blank(source[i++]);
    } else if (c === "/" && next === "*") {
      blank(source[i++]);
      blank(source[i++]);
      while (i < n && !(source[i] === "*" && source[i + 1] === "/")) blank(source[i++]);
      if (i < n) {
        blank(source[i++]);
        blank(source[i++]);
      }
    } else if (c === '"' || c === "'") {
      keep(source[i++]);
      while (i < n && source[i] !== c && source[i] !== "\n") {
        if (source[i] === "\\") literal(source[i++]);
        if (i < n) literal(source[i++]);
      }
      if (i < n) keep(source[i++]);
      last = c;
    } else if (c === "`") {
      keep(source[i++]);
      templateText();
    } else if (c === "/" && (last === "" || "(,=:[!&|?{};+-*%<>~^".includes(last) || afterKeyword(code))) {
      // A regex literal: up to the closing / outside a character class, then its flags.
      keep(source[i++]);
      let inClass = false;
      while (i < n && source[i] !== "\n" && (inClass || source[i] !== "/")) {
        if (source[i] === "\\") literal(source[i++]);
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        if (i < n) literal(source[i++]);
      }
      if (i < n) keep(source[i++]);
      while (i < n && /[a-z]/.test(source[i])) keep(source[i++]);
      last = "/";
    } else {
      if (c === "{") depth++;
      if (c === "}") {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          keep(source[i++]);
          templateText();
          continue;
        }
      }
      keep(source[i++]);
      if (!/\s/.test(c)) last = c;
    }
  }
  return { code: code.join(""), bare: bare.join("") };
}

/** The code so far ends with a keyword after which `/` starts a regex (`return /x/`). */
function afterKeyword(code: readonly string[]): boolean {
  let end = code.length;
  while (end > 0 && /\s/.test(code[end - 1])) end--;
  let start = end;
  while (start > 0 && /[\w$]/.test(code[start - 1])) start--;
  return ["return", "typeof", "case", "in", "of", "void", "yield", "await"].includes(
    code.slice(start, end).join(""),
  );
}

export function listTs(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTs(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

/** "src/engine/station.ts" style path, with forward slashes. */
export const repoPath = (absolute: string) => relative(ROOT, absolute).split(sep).join("/");
