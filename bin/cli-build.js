// The CLI's (and the library's) one build step, run by bin/authsim.js on demand rather than at install time (npm 11
// does not run install scripts). src/ is bundled with esbuild (which tsx already brings) into
// .build/cli-<hash of the sources>/, one chunk per command, so `authsim --help` loads yargs and
// the option tables only, and a command loads its own code when it runs. The folder is named
// after the sources' content: an edit to src/ makes a new bundle, and a process still running
// from an older one keeps its files. The bundle sits two levels below the package root, as
// src/cli/ does, so paths relative to a module (../../package.json) resolve the same.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sources = join(root, "src");
const builds = join(root, ".build");
/** Bundles older than this, not the current one, are removed when a new one is made. */
const KEEP_OLD_MS = 24 * 3600 * 1000;

/** A hash of every source file's path and content, and of what shapes the bundle. */
function sourceHash() {
  const hash = createHash("sha256");
  const files = readdirSync(sources, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort();
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(join(sources, file)));
  }
  hash.update(readFileSync(join(root, "package.json")));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest("hex").slice(0, 16);
}

const BUNDLED = new Set(["yargs", "zod", "yaml", "fastest-levenshtein"]);
const EXTERNAL = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

async function bundle(into) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: {
      main: join(sources, "cli/main.ts"),
      "pool-worker": join(sources, "cli/pool-worker.ts"),
      index: join(sources, "index.ts"),
    },
    outdir: into,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // yargs, zod and yaml are in the start-up path: bundled, they load as one file each instead
    // of dozens of small modules. The rest stay in node_modules (native canvas, CommonJS seedrandom).
    external: EXTERNAL,
    // The bundled CommonJS (yaml) calls require(); an ES module has none unless given one.
    banner: {
      js: 'import { createRequire as __authsimCreateRequire } from "node:module"; const require = __authsimCreateRequire(import.meta.url);',
    },
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "silent",
  });
}

function removeOldBundles(current) {
  for (const name of readdirSync(builds)) {
    const path = join(builds, name);
    if (name === current) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS || name.startsWith("tmp-")) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/**
 * The URL of the bundled CLI's entry for the current sources, building it first if needed; null
 * when it cannot be built here (read-only package folder, no esbuild): then run the sources.
 */
export async function cliEntry() {
  return bundledFile("main.js");
}

/** The same for the library's entry (src/index.ts), which bin/library.js re-exports. */
export async function libraryEntry() {
  return bundledFile("index.js");
}

async function bundledFile(file) {
  try {
    const name = `cli-${sourceHash()}`;
    const dir = join(builds, name);
    const entry = join(dir, file);
    if (!existsSync(entry)) {
      mkdirSync(builds, { recursive: true });
      const tmp = join(builds, `tmp-${process.pid}-${Date.now()}`);
      await bundle(tmp);
      try {
        renameSync(tmp, dir);
      } catch {
        // Another authsim built the same sources at the same moment; use its bundle.
        rmSync(tmp, { recursive: true, force: true });
      }
      removeOldBundles(name);
    }
    return existsSync(entry) ? pathToFileURL(entry).href : null;
  } catch {
    return null;
  }
}
