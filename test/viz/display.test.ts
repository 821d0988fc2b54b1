// Display bundles (pure), the tslab hook (with a stand-in tslab module) and show/showTable's choices.
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { table } from "arquero";
import {
  describeFigure,
  inlinePlotlyAgain,
  inTslabKernel,
  lineFigure,
  plotlyBundle,
  plotlyLibraryScript,
  plotlyMimetype,
  show,
  showTable,
  tableBundle,
} from "../../lib/viz/index.js";
import { forgetTslabModule, sendDisplayBundle } from "../../lib/viz/tslab-display.js";

const figure = lineFigure({ title: "a </script> title", x: "x", y: "y", series: [{ name: "s", x: [1, 2], y: [3, 4] }] });

describe("plotlyBundle", () => {
  it("carries the plotly JSON, HTML and a text description", () => {
    const bundle = plotlyBundle(figure, { divId: "plot-1" });
    expect(Object.keys(bundle.data).sort()).toEqual([plotlyMimetype, "text/html", "text/plain"].sort());
    expect(bundle.data[plotlyMimetype]).toEqual({ data: figure.data, layout: figure.layout, config: figure.config });
    expect(bundle.data["text/plain"]).toBe('Plotly figure "a </script> title": 1 trace: s (scatter, 2 points)');
    const html = bundle.data["text/html"] as string;
    expect(html).toContain('<div id="plot-1"');
    expect(html).toContain("Plotly.newPlot(target,");
    expect(html).not.toContain("a </script> title"); // escaped inside the script element
    expect(html).toContain("a \\u003c/script> title");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("inlines the library before the plot only when given", () => {
    const library = plotlyLibraryScript();
    expect(library.length).toBeGreaterThan(1_000_000);
    expect(library).toContain("(function (define, module, exports)");
    expect(library).not.toMatch(/<\/script/i);
    const withLibrary = plotlyBundle(figure, { divId: "p", libraryScript: library }).data["text/html"] as string;
    const without = plotlyBundle(figure, { divId: "p" }).data["text/html"] as string;
    expect(withLibrary.length - without.length).toBeGreaterThan(library.length);
    expect(withLibrary.indexOf("window.Plotly = Plotly")).toBeLessThan(withLibrary.indexOf("Plotly.newPlot"));
  });

  it("turns typed arrays into plain arrays and rejects what is not a figure", () => {
    const typed = { data: [{ type: "scatter", x: new Float64Array([1, 2]), y: [1, 2] }], layout: {} };
    expect((plotlyBundle(typed, { divId: "p" }).data[plotlyMimetype] as typeof figure).data[0]!.x).toEqual([1, 2]);
    expect(() => plotlyBundle({} as never, { divId: "p" })).toThrow(/takes a plotly figure/);
    expect(() => plotlyBundle(figure, { divId: "1 bad" })).toThrow(/divId/);
  });

  it("describes figures in one line", () => {
    expect(describeFigure({ data: [], layout: {} })).toBe('Plotly figure "untitled": 0 traces');
  });
});

describe("tableBundle", () => {
  const results = table({ server: ["SPED", "AMPED", "MT"], rps: [1200.123456789, 980, 1010.5] });

  it("renders an HTML table and an aligned text table", () => {
    const bundle = tableBundle(results, { caption: "throughput" });
    expect(bundle.data["text/html"]).toContain("<table>");
    expect(bundle.data["text/html"]).toContain("throughput (3 rows)");
    expect(bundle.data["text/plain"]).toBe(
      ["throughput (3 rows)", "server      rps", "------  -------", "SPED    1200.12", "AMPED       980", "MT       1010.5"].join("\n"),
    );
  });

  it("limits rows and says how many were left out; takes plain records too", () => {
    const bundle = tableBundle([{ n: 1 }, { n: 2 }, { n: 3 }], { limit: 2 });
    expect(bundle.data["text/plain"]).toBe(["showing 2 of 3 rows", "n", "-", "1", "2"].join("\n"));
    expect((bundle.data["text/html"] as string).match(/<tr>/g)).toHaveLength(3); // header + 2 rows
    expect(() => tableBundle(results, { limit: 0 })).toThrow(/limit must be a whole number ≥ 1 or Infinity; got 0/);
    expect(tableBundle(results, { limit: Infinity }).data["text/plain"]).toMatch(/^3 rows\n/);
    expect(() => tableBundle({} as never)).toThrow(/arquero table or an array of records/);
  });

  it("takes records typed by an interface (which has no index signature), as the library's row types are", () => {
    interface StepLine {
      step: string;
      meanUs: number;
    }
    const rows: StepLine[] = [{ step: "parse", meanUs: 12.5 }];
    expect(tableBundle(rows).data["text/plain"]).toBe(["1 row", "step   meanUs", "-----  ------", "parse    12.5"].join("\n"));
  });
});

describe("outside a tslab kernel", () => {
  it("sends nothing, and show/showTable print the text form", () => {
    expect(inTslabKernel()).toBe(false);
    expect(sendDisplayBundle(plotlyBundle(figure, { divId: "p" }))).toBe(false);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(show(figure)).toBeUndefined();
      showTable([{ n: 1 }]);
      expect(log.mock.calls.map((call) => call[0])).toEqual([describeFigure(figure), "1 row\nn\n-\n1"]);
    } finally {
      log.mockRestore();
    }
  });
});

describe("inside a tslab kernel (stand-in for tslab/dist/jupyter)", () => {
  const moduleCache = createRequire(import.meta.url).cache;
  const fakePath = "/stand-in/node_modules/tslab/dist/jupyter.js";
  const sent: Array<{ message: { data: Record<string, unknown>; metadata: unknown; transient: unknown }; update: boolean }> = [];

  beforeEach(() => {
    sent.length = 0;
    moduleCache[fakePath] = {
      exports: { lastWriteDisplayData: (message: never, update: boolean) => sent.push({ message, update }) },
    } as never;
    forgetTslabModule();
    inlinePlotlyAgain();
  });
  afterEach(() => {
    delete moduleCache[fakePath];
    forgetTslabModule();
  });

  it("sends one display_data message per show, inlining plotly.js only the first time", () => {
    expect(inTslabKernel()).toBe(true);
    show(figure);
    show(figure);
    expect(sent).toHaveLength(2);
    for (const { message, update } of sent) {
      expect(update).toBe(false);
      expect(message.transient).toEqual({});
      expect(Object.keys(message.data).sort()).toEqual([plotlyMimetype, "text/html", "text/plain"].sort());
    }
    const [first, second] = sent.map(({ message }) => message.data["text/html"] as string);
    expect(first).toContain("window.Plotly = Plotly");
    expect(second).not.toContain("window.Plotly = Plotly");
    expect(first!.match(/id="(flashlab-plot-[^"]+)"/)?.[1]).not.toBe(second!.match(/id="(flashlab-plot-[^"]+)"/)?.[1]);
    inlinePlotlyAgain();
    show(figure);
    expect(sent[2]!.message.data["text/html"]).toContain("window.Plotly = Plotly");
  });

  it("sends tables as HTML plus text", () => {
    showTable([{ n: 1 }]);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]!.message.data).sort()).toEqual(["text/html", "text/plain"]);
  });

  it("falls back to printing when tslab has not set its writer yet", () => {
    (moduleCache[fakePath]!.exports as { lastWriteDisplayData: unknown }).lastWriteDisplayData = null;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(inTslabKernel()).toBe(false);
      show(figure);
      expect(log).toHaveBeenCalledOnce();
    } finally {
      log.mockRestore();
    }
  });
});
