#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so an install needs no build step
// (npm 11 does not run install scripts, and nothing is downloaded at install time).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
