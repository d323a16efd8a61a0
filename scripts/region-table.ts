/**
 * Writes the built-in region table into docs/scenario-format.md (between its region-table
 * markers). A test fails when the committed table differs from a fresh one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { withRegionTable } from "../src/scenario/geography/region-table.ts";

const target = new URL("../docs/scenario-format.md", import.meta.url);
writeFileSync(target, withRegionTable(readFileSync(target, "utf8")));
console.log(`wrote the region table in ${target.pathname}`);
