/// <reference lib="dom" />
// `flashlab report` end to end on a fixture notebook: executes it through the tslab kernel, renders
// offline HTML pages and an index, and the plots and the maths really draw in headless Chromium with
// no network.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport, reportMarkerFile } from "../../lib/report/build-report.js";
import type { Report } from "../../lib/report/build-report.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { mathJaxComponentPath, sharedMathJaxFile } from "../../lib/report/shared-mathjax.js";
import { sharedPlotlyFile } from "../../lib/report/shared-plotly.js";
import { lineFigure, plotlyBundle, plotlyLibraryScript, plotlyMimetype } from "../../lib/viz/index.js";
import { writeTestNotebook } from "../notebooks/notebook-builder.js";
import { haveTools } from "../support/tools.js";

const fixture = join(projectRoot, "test", "report", "fixtures", "plots-and-table.ipynb");
const scratch = mkdtempSync(join(tmpdir(), "flashlab-report-test-"));
const reportDir = join(scratch, "report");
const storedFixture = readFileSync(fixture, "utf8");
let report: Report;

interface Output {
  output_type: string;
  data?: Record<string, string | string[] | object>;
  text?: string | string[];
}
const joined = (value: unknown) => [value].flat().join("");

beforeAll(async () => {
  report = await buildReport({ reportDir, notebooks: [fixture], profile: "quick" });
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("buildReport on a fixture notebook", () => {
  it("runs it and writes the index, one page and the executed notebook, leaving the stored one untouched", () => {
    expect(report.ok, report.runnerErrors).toBe(true);
    expect(report.indexFile).toBe(join(reportDir, "index.html"));
    for (const file of ["index.html", "plots-and-table.html", "executed/plots-and-table.ipynb", reportMarkerFile, sharedMathJaxFile]) {
      expect(existsSync(join(reportDir, file)), file).toBe(true);
    }
    expect(readFileSync(fixture, "utf8")).toBe(storedFixture);
    const index = readFileSync(report.indexFile, "utf8");
    expect(index).toContain('<a href="plots-and-table.html">Report fixture: two plots and a table</a>');
    expect(index).toContain("<strong>quick</strong> profile on ");
    expect(index).toContain(`Node ${process.version}`);
  });

  it("emits each plot as one bundle, inlining plotly.js only in the first", () => {
    const executed = JSON.parse(readFileSync(join(reportDir, "executed", "plots-and-table.ipynb"), "utf8")) as {
      cells: Array<{ outputs?: Output[] }>;
    };
    const outputs = executed.cells.flatMap((cell) => cell.outputs ?? []);
    const displays = outputs.filter((output) => output.output_type === "display_data");
    expect(displays.map((output) => Object.keys(output.data ?? {}).sort())).toEqual([
      [plotlyMimetype, "text/html", "text/plain"].sort(),
      [plotlyMimetype, "text/html", "text/plain"].sort(),
      ["text/html", "text/plain"],
    ]);
    const [firstPlot, secondPlot] = displays.map((output) => joined(output.data?.["text/html"]));
    expect(firstPlot).toContain("window.Plotly = Plotly");
    expect(secondPlot).not.toContain("window.Plotly = Plotly");
    expect(joined(displays[2]!.data?.["text/plain"])).toContain("fixture table (2 rows)");
    expect(outputs.some((output) => joined(output.text) === "profile: quick\n")).toBe(true);
    // The cells echo nothing besides their displays (show/showTable return nothing).
    expect(outputs.filter((output) => output.output_type === "execute_result")).toEqual([]);
  });

  it("writes pages that load nothing from the network", () => {
    for (const file of ["index.html", "plots-and-table.html"]) {
      const html = readFileSync(join(reportDir, file), "utf8");
      const scriptSources = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/gi)].map((match) => match[1]);
      expect(scriptSources.filter((source) => source !== sharedPlotlyFile && source !== sharedMathJaxFile), file).toEqual([]);
      expect(html, file).not.toMatch(/<link[^>]*href=["']?(https?:)?\/\//i);
      expect(html, file).not.toMatch(/@import\s+url\(\s*["']?(https?:)?\/\//i);
    }
  });

  it("shares one copy of plotly.js among the pages, while the executed notebook keeps its own", () => {
    const page = readFileSync(join(reportDir, "plots-and-table.html"), "utf8");
    expect(page.split(`src="${sharedPlotlyFile}"`)).toHaveLength(2);
    expect(page).not.toContain("window.Plotly = Plotly");
    expect(readFileSync(join(reportDir, sharedPlotlyFile), "utf8")).toBe(plotlyLibraryScript());
    expect(readFileSync(join(reportDir, "executed", "plots-and-table.ipynb"), "utf8")).toContain("window.Plotly = Plotly");
  });

  it("ships one copy of MathJax beside the pages, which each page configures and loads from there", () => {
    const page = readFileSync(join(reportDir, "plots-and-table.html"), "utf8");
    expect(page.split(`src="${sharedMathJaxFile}"`)).toHaveLength(2);
    expect(page).toContain("window.MathJax = ");
    expect(page).not.toMatch(/mathjax[^"]*\.(org|com)|cdnjs|jsdelivr/i);
    expect(readFileSync(join(reportDir, sharedMathJaxFile))).toEqual(readFileSync(mathJaxComponentPath()));
  });

  it("still writes the report when a notebook fails, marking it failed with the cell and error", async () => {
    const broken = join(scratch, "broken.ipynb");
    writeTestNotebook(broken, [{ markdown: "# Broken on purpose" }, { code: 'throw new Error("report shows this");' }]);
    const failed = await buildReport({ reportDir: join(scratch, "failed-report"), notebooks: [broken] });
    expect(failed.ok).toBe(false);
    expect(failed.results[0]?.failure).toMatchObject({ cell: 1, reason: "the cell raised an error" });
    const index = readFileSync(failed.indexFile, "utf8");
    expect(index).toContain("1 of 1 notebooks failed.");
    expect(index).toContain("cell 1: the cell raised an error — Error: report shows this");
    expect(readFileSync(join(scratch, "failed-report", "broken.html"), "utf8")).toContain("report shows this");
  }, 120_000);

  it("refuses to replace a folder that is not a flashlab report", async () => {
    const other = join(scratch, "not-a-report");
    mkdirSync(other);
    writeFileSync(join(other, "precious.txt"), "keep me");
    await expect(buildReport({ reportDir: other, notebooks: [fixture] })).rejects.toThrow(/is not a flashlab report/);
    expect(readFileSync(join(other, "precious.txt"), "utf8")).toBe("keep me");
  });
});

describe.skipIf(!haveTools("chromium"))("the report in headless Chromium, offline", () => {
  let browser: Browser;
  const networkRequests: string[] = [];

  const failedRequests: string[] = [];

  async function offlinePage(): Promise<Page> {
    const context = await browser.newContext();
    await context.route(/^(https?|wss?):/, (route) => {
      networkRequests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on("requestfailed", (request) => failedRequests.push(request.url()));
    return page;
  }

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
      ],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it("draws both plots and the table of the notebook page reached from the index", async () => {
    const page = await offlinePage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(report.indexFile).href);
    await page.click("text=Report fixture: two plots and a table");
    await page.waitForSelector(".flashlab-plot .main-svg", { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll(".flashlab-plot .gtitle").length >= 2, null, { timeout: 30_000 });
    expect(await page.locator(".flashlab-plot .gtitle").allTextContents()).toEqual(["fixture line", "fixture timeline"]);
    expect(await page.locator(".flashlab-plot .scatterlayer .trace").count()).toBe(2); // the two lines
    expect(await page.locator(".flashlab-plot .barlayer .point").count()).toBe(3); // the three Gantt bars
    expect(await page.locator(".flashlab-table td").allTextContents()).toEqual(["boss/workers", "360", "pipeline", "320"]);
    expect(errors).toEqual([]);
    expect(networkRequests).toEqual([]);
  }, 60_000);

  it("typesets the notebook's maths with the shipped MathJax, loading nothing else", async () => {
    const page = await offlinePage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(reportDir, "plots-and-table.html")).href);
    await page.waitForFunction(() => document.querySelectorAll("mjx-container svg").length >= 2, null, { timeout: 30_000 });
    const inline = page.locator("mjx-container:not([display])");
    const display = page.locator('mjx-container[display="true"]');
    expect(await inline.count()).toBe(1);
    expect(await display.count()).toBe(1);
    // The formulas became drawn glyphs (SVG paths), and their TeX source left the visible text.
    expect(await page.locator("mjx-container svg use, mjx-container svg path").count()).toBeGreaterThan(10);
    const text = await page.locator(".jp-MarkdownOutput").allInnerTexts();
    expect(text.join("\n")).not.toContain("t_{idle}");
    expect(text.join("\n")).not.toContain("\\frac");
    // `\$` is a dollar sign, not the start of a formula.
    expect(text.join("\n")).toContain("a core costs $0.04 per hour");
    expect(errors).toEqual([]);
    expect(networkRequests).toEqual([]);
    expect(failedRequests).toEqual([]);
  }, 60_000);

  it("draws a reference line on a log axis where its label says", async () => {
    const figure = lineFigure({
      title: "log axis",
      x: "x",
      y: { title: "response time (ms)", log: true },
      series: [{ name: "s", x: [1, 2, 3], y: [2, 20, 200] }],
      referenceLines: [{ at: 33, axis: "y", label: "deadline" }],
    });
    const html = plotlyBundle(figure, { divId: "log-test", libraryScript: plotlyLibraryScript() }).data["text/html"];
    const file = join(scratch, "log-axis.html");
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
    const page = await offlinePage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("#log-test .shapelayer path", { state: "attached", timeout: 30_000 });
    const placed = await page.evaluate(() => {
      const line = document.querySelector("#log-test .shapelayer path")!.getBoundingClientRect();
      const label = document.querySelector("#log-test .annotation")!.getBoundingClientRect();
      const range = (document.getElementById("log-test") as unknown as { layout: { yaxis: { range: number[] } } }).layout.yaxis.range;
      return { lineY: line.top + line.height / 2, labelBottom: label.bottom, top: range[1]! };
    });
    expect(Math.abs(placed.labelBottom - placed.lineY)).toBeLessThan(8); // the label sits on its line
    expect(placed.top).toBeLessThan(3); // the axis still ends near the data (log10 of 200), not at 10^33
  }, 60_000);

  it("draws with require.js-style `define` and `module` globals present, as in Notebook 6", async () => {
    const figure = lineFigure({ title: "under require.js", x: "x", y: "y", series: [{ name: "s", x: [1, 2], y: [2, 1] }] });
    const html = plotlyBundle(figure, { divId: "amd-test", libraryScript: plotlyLibraryScript() }).data["text/html"];
    const file = join(scratch, "amd.html");
    writeFileSync(
      file,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><script>
        window.defineCalls = 0;
        window.define = function () { window.defineCalls += 1; };
        window.define.amd = {};
        window.module = { exports: {} };
      </script></head><body>${html}</body></html>`,
    );
    const page = await offlinePage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("#amd-test .main-svg", { timeout: 30_000 });
    expect(await page.evaluate(() => [(window as any).defineCalls, Object.keys((window as any).module.exports).length])).toEqual([0, 0]);
    expect(await page.locator("#amd-test .gtitle").textContent()).toBe("under require.js");
  }, 60_000);
});
