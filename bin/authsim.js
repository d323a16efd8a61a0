#!/usr/bin/env node
// Runs the CLI from a bundle of src/ made on first use (cli-build.js): plain JavaScript, and only
// the command that runs is loaded. Where no bundle can be made, the sources run through tsx.
import { cliEntry } from "./cli-build.js";

const entry = await cliEntry();
if (entry !== null) {
  await import(entry);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
