/**
 * report.html as a reader sees it: a real (short) dc-outage-failover run rendered to a
 * self-contained page, opened in headless Chromium (Debian's package, driven by playwright-core;
 * no browser download). Checks: the SLO verdicts come first and read PASS/FAIL with their values;
 * a table of contents links every section; the world map (before and during the outage) and the
 * routing matrix are loaded images; every other chart is drawn in the page by chart.js, and
 * hovering one shows a tooltip, clicking a legend entry hides that series and redraws, dragging
 * across it zooms; the page logs no errors, and no request leaves the file (every request but the
 * page itself and its data: URIs is recorded and must not happen). Skipped where Chromium is not
 * installed.
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
const PICTURES = ["world-map.png", "world-map-outage.png", "routing-matrix.png"];

// No DOM typings in this project: the few fields read in the page go through narrow types.
type Img = { getAttribute(name: string): string | null; naturalWidth: number; complete: boolean };
type PageChart = {
  isDatasetVisible(i: number): boolean;
  draw(): void;
  legend: { legendHitBoxes: { left: number; top: number; width: number; height: number }[] };
  scales: { x: { min: number; max: number } };
  tooltip: { getActiveElements(): unknown[] };
};
type PageWindow = { authsimCharts: Record<string, PageChart> };

describe("report.html in headless Chromium", () => {
  it.skipIf(!hasChromium)(
    hasChromium
      ? "verdicts first, map and every chart drawn, tooltips, series toggles, zoom, no errors, no request"
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
      for (const picture of PICTURES) expect(charts.has(picture), picture).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), "authsim-html-"));
      const file = join(dir, "report.html");
      writeFileSync(
        file,
        reportHtml(judgeRun(loaded.scenario, results), { charts, chartFiles: new Set(charts.keys()) }),
      );

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
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        // Every request is seen here; only the page itself may load (data: URIs never reach the network).
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url === `file://${file}`) return route.continue();
          requests.push(url);
          return route.abort();
        });
        await page.goto(`file://${file}`);
        await page.waitForLoadState("load");

        // The verdicts are the first section and the first table a reader meets.
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        expect(await page.locator("h2").first().innerText()).toBe("SLO verdicts");
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        const verdictText = await page.locator("table").first().innerText();
        expect(verdictText).toMatch(/PASS|FAIL/);
        for (const slo of loaded.scenario.slos) expect(verdictText).toContain(slo.text);
        // The contents link every section, and the summary (verdicts, bottlenecks, map) comes first.
        const sections = await page
          .locator("h2")
          .evaluateAll((hs) => hs.map((h) => (h as unknown as Img).getAttribute("id")));
        const links = await page
          .locator("nav.toc a")
          .evaluateAll((as) => as.map((a) => (a as unknown as Img).getAttribute("href")));
        expect(links).toEqual(sections.map((id) => `#${id}`));
        expect(sections.slice(0, 3)).toEqual([
          "slo-verdicts",
          "where-capacity-runs-out",
          "where-sign-ins-were-served",
        ]);

        // The pictures drawn outside chart.js are loaded images with pixels.
        const images = await page.$$eval("img[data-chart]", (imgs) =>
          (imgs as unknown as Img[]).map((img) => ({
            chart: img.getAttribute("data-chart"),
            width: img.naturalWidth,
            complete: img.complete,
          })),
        );
        expect(images.map((i) => i.chart).sort()).toEqual([...PICTURES].sort());
        for (const img of images) {
          expect(img.complete, `${img.chart} loaded`).toBe(true);
          expect(img.width, `${img.chart} has pixels`).toBeGreaterThan(0);
        }

        // Every other chart is drawn in the page, one chart.js chart per canvas.
        const drawn = await page.evaluate(() =>
          Object.keys((globalThis as unknown as PageWindow).authsimCharts),
        );
        const expected = [...charts.keys()].filter((f) => !PICTURES.includes(f));
        expect(drawn.sort()).toEqual(expected.sort());
        const canvases = await page.locator("canvas[data-page-chart]").count();
        expect(canvases).toBe(expected.length);

        // Hovering the login latency chart shows its tooltip.
        const name = "login-latency-over-time.png";
        const canvas = page.locator(`canvas[data-page-chart="${name}"]`);
        await canvas.scrollIntoViewIfNeeded();
        const box = await canvas.boundingBox();
        if (!box) throw new Error("chart not laid out");
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
        const active = () =>
          page.evaluate(
            (n) => (globalThis as unknown as PageWindow).authsimCharts[n].tooltip.getActiveElements().length,
            name,
          );
        await expect.poll(active).toBeGreaterThan(0);

        // Clicking the first legend entry hides that series and redraws the chart.
        const firstVisible = () =>
          page.evaluate(
            (n) => (globalThis as unknown as PageWindow).authsimCharts[n].isDatasetVisible(0),
            name,
          );
        expect(await firstVisible()).toBe(true);
        const legendHit = await page.evaluate((n) => {
          const chart = (globalThis as unknown as PageWindow).authsimCharts[n];
          // Count the chart's redraws from here on.
          const counted = globalThis as unknown as { draws: number };
          counted.draws = 0;
          const draw = chart.draw.bind(chart);
          chart.draw = () => {
            counted.draws++;
            draw();
          };
          const hit = chart.legend.legendHitBoxes[0];
          return { x: hit.left + hit.width / 2, y: hit.top + hit.height / 2 };
        }, name);
        await page.mouse.click(box.x + legendHit.x, box.y + legendHit.y);
        await expect.poll(firstVisible).toBe(false);
        expect(await page.evaluate(() => (globalThis as unknown as { draws: number }).draws)).toBeGreaterThan(
          0,
        );

        // Dragging across the middle of the plot zooms the x axis in; the reset button brings it back.
        const span = () =>
          page.evaluate((n) => {
            const { min, max } = (globalThis as unknown as PageWindow).authsimCharts[n].scales.x;
            return max - min;
          }, name);
        const before = await span();
        await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.7);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 5 });
        await page.mouse.up();
        await expect.poll(span).toBeLessThan(before / 2);
        await page.locator(`figure:has(canvas[data-page-chart="${name}"]) button.reset`).click();
        await expect.poll(span).toBe(before);

        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
