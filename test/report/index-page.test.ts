// The report's index page and notebook titles (pure parts of the report).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportIndexHtml } from "../../lib/report/index-page.js";
import { notebookTitle, plainMarkdownText } from "../../lib/report/notebook-title.js";

describe("reportIndexHtml", () => {
  const html = reportIndexHtml({
    profile: "quick",
    generatedAt: new Date("2026-01-02T03:04:05Z"),
    machine: "2 × Test CPU <1 GHz>, Linux 6.1, Node v24.21.0",
    entries: [
      { title: "Toy shop <models>", notebook: "01-toy-shop.ipynb", page: "01-toy-shop.html", executed: "executed/01-toy-shop.ipynb", ok: true, seconds: 8.04 },
      {
        title: "Metrics",
        notebook: "03-metrics.ipynb",
        page: "03-metrics.html",
        executed: "executed/03-metrics.ipynb",
        ok: false,
        seconds: 3,
        failure: "cell 4: the cell raised an error — Error: boom",
      },
      { title: "broken.ipynb", notebook: "broken.ipynb", ok: false, seconds: 0.1, failure: "cannot read the notebook: not JSON" },
    ],
  });

  it("links each notebook's page and executed copy, with status and run time", () => {
    expect(html).toContain('<a href="01-toy-shop.html">Toy shop &lt;models&gt;</a>');
    expect(html).toContain('<a href="executed/03-metrics.ipynb">executed notebook</a>');
    expect(html).toContain('<td class="num">8.0 s</td>');
    expect(html).toContain("2 of 3 notebooks failed.");
    expect(html).toContain("<tr><td>broken.ipynb<div class=\"file\">broken.ipynb</div></td>");
    expect(html).toContain("cell 4: the cell raised an error — Error: boom");
    expect(html).toContain("2026-01-02T03:04:05.000Z");
    expect(html).toContain("on 2 × Test CPU &lt;1 GHz&gt;, Linux 6.1, Node v24.21.0");
    expect(html).not.toMatch(/<script/i);
  });

  it("says what the pages really load: the shared plotly.js and MathJax, no network", () => {
    expect(html).toContain("The pages share one copy of plotly.js for the plots and one of\nMathJax for the maths");
    expect(html).not.toContain("inlined in each page");
  });
});

describe("notebookTitle", () => {
  const folder = mkdtempSync(join(tmpdir(), "flashlab-title-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, cells: unknown[]) => {
    const path = join(folder, name);
    writeFileSync(path, JSON.stringify({ cells }));
    return path;
  };

  it("is the first Markdown heading, else the file name", () => {
    expect(notebookTitle(write("a.ipynb", [{ cell_type: "code", source: "# not markdown" }, { cell_type: "markdown", source: ["Intro\n", "## Toy shop ##\n"] }]))).toBe("Toy shop");
    expect(notebookTitle(write("02-plain.ipynb", [{ cell_type: "markdown", source: "no heading" }]))).toBe("02-plain");
  });

  it("drops inline Markdown markup, which the index would show literally", () => {
    expect(notebookTitle(write("04.ipynb", [{ cell_type: "markdown", source: "# 04 · Are threads *really* useful? It depends\n" }]))).toBe(
      "04 · Are threads really useful? It depends",
    );
    expect(plainMarkdownText("**Bold**, __bold__, _em_, `code` and [a link](https://example.org)")).toBe("Bold, bold, em, code and a link");
    expect(plainMarkdownText("t_idle > 2 · t_ctx_switch, 2 * 3 * 4")).toBe("t_idle > 2 · t_ctx_switch, 2 * 3 * 4");
  });

  it("says which file is not a notebook", () => {
    const path = join(folder, "broken.ipynb");
    writeFileSync(path, "{ not json");
    expect(() => notebookTitle(path)).toThrow(/broken\.ipynb is not a readable notebook/);
  });
});
