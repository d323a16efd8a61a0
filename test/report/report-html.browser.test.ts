/**
 * report.html as a reader sees it: a real (short) quickstart run rendered to a self-contained
 * page, opened in headless Chromium (Debian's package, driven by playwright-core; no browser
 * download). Checks the SLO verdicts come first and read PASS/FAIL with their values, every chart
 * image has loaded, and the page logs no errors. Skipped where Chromium is not installed.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { renderCharts } from "../../src/report/charts/index.ts";
import { reportHtml } from "../../src/report/index.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";
import { judgeRun } from "../../src/study/index.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);

describe("report.html in headless Chromium", () => {
  it.skipIf(!hasChromium)(
    hasChromium
      ? "shows the SLO verdicts first and every chart loaded, with no page errors"
      : "skipped: Chromium not installed: apt-get install chromium",
    async () => {
      const loaded = loadScenarioFile("scenarios/dc-outage-failover.yaml", {
        overrides: [
          "simulation.duration=30m",
          "simulation.warmUp=5m",
          "faults[0].start=10m",
          "faults[0].duration=10m",
        ],
      });
      if (!loaded.ok) throw new Error("dc-outage-failover.yaml does not load");
      const results = runScenario(loaded.scenario);
      const charts = await renderCharts(loaded.scenario, results);
      expect(charts.size).toBeGreaterThanOrEqual(7); // failover.png too: the scenario has an outage
      const dir = mkdtempSync(join(tmpdir(), "authsim-html-"));
      const file = join(dir, "report.html");
      writeFileSync(file, reportHtml(judgeRun(loaded.scenario, results), { charts }));

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.goto(`file://${file}`);
        await page.waitForLoadState("load");

        // The verdicts are the first section and the first table a reader meets, and say PASS or
        // FAIL with a value.
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        expect(await page.locator("h2").first().innerText()).toBe("SLO verdicts");
        const firstTable = page.locator("table").first();
        expect(await firstTable.isVisible()).toBe(true);
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        const verdictText = await firstTable.innerText();
        expect(verdictText).toMatch(/PASS|FAIL/);
        for (const slo of loaded.scenario.slos) expect(verdictText).toContain(slo.text);

        // (No DOM typings in this project: the image's fields are read through a narrow type.)
        type Img = { getAttribute(name: string): string | null; naturalWidth: number; complete: boolean };
        const images = await page.$$eval("img[data-chart]", (imgs) =>
          (imgs as unknown as Img[]).map((img) => ({
            chart: img.getAttribute("data-chart"),
            width: img.naturalWidth,
            complete: img.complete,
          })),
        );
        expect(images.length).toBe(charts.size);
        for (const img of images) {
          expect(img.complete, `${img.chart} loaded`).toBe(true);
          expect(img.width, `${img.chart} has pixels`).toBeGreaterThan(0);
        }
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
