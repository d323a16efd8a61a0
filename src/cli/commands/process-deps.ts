/** The real world for the commands that simulate, loaded only when one of them runs. */
import type { RunDeps } from "../run-deps.ts";

export async function loadProcessDeps(): Promise<RunDeps> {
  return (await import("../run-deps.ts")).processDeps();
}
