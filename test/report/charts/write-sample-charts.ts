// Renders the fixture charts to a folder for looking at them (not a test):
//   node --import tsx test/report/charts/write-sample-charts.ts [folder, default /tmp/charts]
// The outage day with two replications, then the repository's own scenarios with fabricated
// results, each in a subfolder.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderCharts } from "../../../src/report/charts/index.ts";
import { loadScenarioFile, type ResolvedScenario } from "../../../src/scenario/index.ts";
import { fixtureResult } from "./fixture.ts";
import { outageScenario } from "./fixture-scenario.ts";

const root = process.argv[2] ?? "/tmp/charts";

async function write(folder: string, scenario: ResolvedScenario, replications: number): Promise<void> {
  const results = Array.from({ length: replications }, (_, i) =>
    fixtureResult(scenario, { replication: i + 1 }),
  );
  const charts = await renderCharts(scenario, results);
  mkdirSync(folder, { recursive: true });
  for (const [file, png] of charts) writeFileSync(join(folder, file), png);
  console.log(`${folder}: ${[...charts.keys()].join(", ")}`);
}

await write(root, outageScenario(), 2);
for (const name of ["global-baseline", "dc-outage-failover"]) {
  const loaded = loadScenarioFile(join(import.meta.dirname, "../../../scenarios", `${name}.yaml`));
  if (loaded.ok) await write(join(root, name), loaded.scenario, 1);
}
