/**
 * Test helper: a scenario run through the model with its sign-in log on (the library API, as
 * `run --emit-signins` does for its first replication), written as Graph signIn JSON Lines by
 * calibrate's writer; and the simulate function `calibrate --check` takes.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SimulateSignIns } from "../../src/calibrate/index.ts";
import { SignInsWriter } from "../../src/calibrate/index.ts";
import { RandomStreams } from "../../src/engine/random/index.ts";
import { runReplication, SIGN_IN_LOG_FAILURES } from "../../src/model/index.ts";
import type { ResolvedScenario } from "../../src/scenario/index.ts";

/** Replication 0 of `scenario` as signins.jsonl in a fresh folder: the file and its line count. */
export function emitSignIns(scenario: ResolvedScenario): {
  dir: string;
  file: string;
  lines: number;
  bytes: number;
} {
  const dir = mkdtempSync(join(tmpdir(), "authsim-signins-"));
  const file = join(dir, "signins.jsonl");
  const fd = openSync(file, "w");
  const writer = new SignInsWriter(scenario, SIGN_IN_LOG_FAILURES, (text) => {
    writeSync(fd, text);
  });
  try {
    runReplication(scenario, new RandomStreams(scenario.simulation.seed).forReplication(0), 0, 1, {
      signInSink: writer,
    });
    writer.flush();
  } finally {
    closeSync(fd);
  }
  return { dir, file, lines: writer.lines, bytes: writer.bytes };
}

/** What the CLI hands `calibrate --check`: replication r of a scenario, its sign-ins to `sink`. */
export const simulateSignIns: SimulateSignIns = (scenario, replication, sink) => {
  runReplication(
    scenario,
    new RandomStreams(scenario.simulation.seed).forReplication(replication),
    replication,
    1,
    {
      signInSink: { record: sink },
    },
  );
};
