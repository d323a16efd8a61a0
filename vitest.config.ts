import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // fast-check's seed is fixed for every property that does not name its own.
    setupFiles: ["test/fast-check-seed.ts"],
    testTimeout: 120_000,
    // beforeAll hooks run whole simulations too; a busy machine must not fail them.
    hookTimeout: 120_000,
    // Statistical tests are CPU-bound; two workers match this machine's two cores.
    maxWorkers: 2,
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});
