/**
 * The options several commands share, declared once so each means the same everywhere: `--out`
 * and `--force` (where a command writes a folder), `--seed`, `--replications`, `--workers` and
 * `--calls` (where it simulates), `--quiet` and `--json` (what it prints). Each value is checked as yargs parses it:
 * an option given twice (`--out a --out b`), a seed that is not a whole number (`--seed abc`) or
 * an empty folder is a usage error (exit 2) with the option's name, never a crash later.
 */
import type { Argv } from "yargs";

/** A usage mistake found while parsing an option's value. */
export class OptionValueError extends Error {}

/** The value of an option that may be given once. */
function once(name: string) {
  return (value: unknown) => {
    if (Array.isArray(value))
      throw new OptionValueError(`--${name} given ${value.length} times (${value.join(", ")}): give it once`);
    return value;
  };
}

/** A whole number >= min, from its text (yargs' own number type turns `abc` into NaN). */
function wholeNumber(name: string, min: number) {
  return (value: unknown) => {
    const text = String(once(name)(value)).trim();
    if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text)))
      throw new OptionValueError(
        `--${name}: expected a whole number >= ${min}, found ${JSON.stringify(text)}`,
      );
    return Number(text);
  };
}

function folder(value: unknown) {
  const text = String(once("out")(value));
  if (text.trim() === "") throw new OptionValueError("--out: expected a folder path, found nothing");
  return text;
}

/** `--out <folder>` and `--force`. */
export function withOutputFolder<T>(y: Argv<T>, defaultFolder: string) {
  return y
    .option("out", { type: "string", coerce: folder, describe: `Output folder (default ${defaultFolder})` })
    .option("force", {
      type: "boolean",
      default: false,
      coerce: once("force"),
      describe: "Replace an existing output folder (only one authsim wrote, or an empty one)",
    });
}

/** `--seed` and `--replications`, the overrides of simulation.seed and simulation.replications. */
export function withSimulationOptions<T>(y: Argv<T>, replicationsMean: string) {
  return y
    .option("seed", {
      type: "string",
      coerce: wholeNumber("seed", 0),
      describe: "Master seed, a whole number >= 0 (overrides simulation.seed)",
    })
    .option("replications", {
      type: "string",
      coerce: wholeNumber("replications", 1),
      describe: `${replicationsMean} (overrides simulation.replications)`,
    })
    .option("workers", {
      type: "string",
      coerce: wholeNumber("workers", 1),
      describe: "Worker threads (default: one per core)",
    })
    .option("calls", {
      type: "string",
      coerce: oneOf("calls", ["auto", "exact"]),
      describe:
        "Back-end API calls: auto (flow level where a back end is far from saturation) or exact (every call; overrides simulation.backEndCalls.model)",
    });
}

/** One of `allowed`, from its text. */
function oneOf(name: string, allowed: readonly string[]) {
  return (value: unknown) => {
    const text = String(once(name)(value)).trim();
    if (!allowed.includes(text))
      throw new OptionValueError(
        `--${name}: expected one of ${allowed.join(", ")}, found ${JSON.stringify(text)}`,
      );
    return text;
  };
}

/** `--quiet` and `--json`. */
export function withPrintOptions<T>(y: Argv<T>, jsonMeans: string) {
  return y
    .option("quiet", {
      type: "boolean",
      default: false,
      coerce: once("quiet"),
      describe: "No progress line and no summary (the output path is still printed)",
    })
    .option("json", { type: "boolean", default: false, coerce: once("json"), describe: jsonMeans });
}
