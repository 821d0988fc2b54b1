// Figure builders: each returns a plain plotly figure with its title, axis titles and one trace per series.
import { describe, expect, it } from "vitest";
import { table } from "arquero";
import {
  barFigure,
  cdfFigure,
  empiricalCdf,
  ganttFigure,
  histogramBins,
  histogramFigure,
  lineFigure,
  scatterFigure,
  seriesFromRows,
} from "../../lib/viz/index.js";

describe("lineFigure and scatterFigure", () => {
  it("draw one trace per series with the title and axis titles", () => {
    const figure = lineFigure({
      title: "total time vs orders",
      x: "orders",
      y: { title: "total time (ms)", log: true, range: [10, 1000] },
      series: [
        { name: "boss/workers", x: [1, 2, 3], y: [120, 240, 360] },
        { name: "pipeline", x: [1, 2, 3], y: [120, 140, 160] },
      ],
    });
    expect(figure.data.map((trace) => [trace.type, trace.name, trace.mode])).toEqual([
      ["scatter", "boss/workers", "lines+markers"],
      ["scatter", "pipeline", "lines+markers"],
    ]);
    expect(figure.layout.title).toEqual({ text: "total time vs orders" });
    expect(figure.layout.xaxis).toMatchObject({ title: { text: "orders" } });
    expect(figure.layout.yaxis).toMatchObject({ title: { text: "total time (ms)" }, type: "log", range: [1, 3] });
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure); // plain data, as plotly takes it
  });

  it("marks reference lines with a labelled shape", () => {
    const figure = scatterFigure({
      title: "t",
      x: "x",
      y: "y",
      series: [{ name: "s", x: [1, 2], y: [3, 4] }],
      referenceLines: [{ at: 1.5, label: "mean" }, { at: 3.5, label: "SLA", axis: "y" }],
    });
    expect(figure.data[0]).toMatchObject({ mode: "markers" });
    expect(figure.layout.shapes).toEqual([
      expect.objectContaining({ xref: "x", x0: 1.5, x1: 1.5, yref: "paper" }),
      expect.objectContaining({ yref: "y", y0: 3.5, y1: 3.5, xref: "paper" }),
    ]);
    expect(figure.layout.annotations?.map((note) => note.text)).toEqual(["mean", "SLA"]);
  });

  it("labels reference lines on a log axis at the logarithm of their value, as plotly places annotations", () => {
    const figure = scatterFigure({
      title: "t",
      x: { title: "x", log: true },
      y: { title: "response time (ms)", log: true },
      series: [{ name: "s", x: [1, 100], y: [1, 1000] }],
      referenceLines: [{ at: 100, label: "x = 100" }, { at: 1000, label: "deadline", axis: "y" }],
    });
    // Shapes take data values on any axis; annotations take the logarithm on a log axis.
    expect(figure.layout.shapes).toEqual([
      expect.objectContaining({ xref: "x", x0: 100, x1: 100 }),
      expect.objectContaining({ yref: "y", y0: 1000, y1: 1000 }),
    ]);
    expect(figure.layout.annotations).toEqual([expect.objectContaining({ x: 2 }), expect.objectContaining({ y: 3 })]);
    const linearX = lineFigure({ title: "t", x: "x", y: { title: "y", log: true }, series: [{ name: "s", x: [1], y: [1] }], referenceLines: [{ at: 5, label: "five" }] });
    expect(linearX.layout.annotations).toEqual([expect.objectContaining({ x: 5 })]);
    expect(() =>
      lineFigure({ title: "t", x: "x", y: { title: "y", log: true }, series: [{ name: "s", x: [1], y: [1] }], referenceLines: [{ at: 0, label: "zero", axis: "y" }] }),
    ).toThrow(/reference line "zero" is on a log axis, so it needs a position > 0; got 0/);
  });

  it("rejects mismatched, non-numeric and missing data with a clear message", () => {
    const base = { title: "t", x: "x", y: "y" };
    expect(() => lineFigure({ ...base, series: [{ name: "a", x: [1, 2], y: [1] }] })).toThrow(/"a" has 2 x values but 1 y values/);
    expect(() => lineFigure({ ...base, series: [{ name: "a", x: [1], y: [Number.NaN] }] })).toThrow(/non-numeric y value at index 0/);
    expect(() => lineFigure({ ...base, series: [] })).toThrow(/at least one series/);
    expect(() => lineFigure({ ...base, title: "", series: [{ name: "a", x: [1], y: [1] }] })).toThrow(/needs a title/);
    expect(() => lineFigure({ ...base, series: [{ name: "a", x: [1], y: [1] }], referenceLines: [{ at: Infinity, label: "p95" }] })).toThrow(
      /reference line "p95"/,
    );
  });
});

describe("seriesFromRows", () => {
  const rows = [
    { model: "pipeline", orders: 10, totalMs: 300 },
    { model: "boss-workers", orders: 10, totalMs: 240 },
    { model: "pipeline", orders: 11, totalMs: 320 },
    { model: "boss-workers", orders: 11, totalMs: 360 },
  ];

  it("splits records or an arquero table into one series per group, in row order", () => {
    const expected = [
      { name: "pipeline", x: [10, 11], y: [300, 320] },
      { name: "boss-workers", x: [10, 11], y: [240, 360] },
    ];
    expect(seriesFromRows(rows, { x: "orders", y: "totalMs", by: "model" })).toEqual(expected);
    expect(seriesFromRows(table({ model: rows.map((r) => r.model), orders: rows.map((r) => r.orders), totalMs: rows.map((r) => r.totalMs) }), {
      x: "orders",
      y: "totalMs",
      by: "model",
    })).toEqual(expected);
    expect(seriesFromRows(rows, { x: "orders", y: "totalMs" })).toEqual([{ name: "totalMs", x: [10, 10, 11, 11], y: [300, 240, 320, 360] }]);
  });

  it("names a missing column and a non-numeric y", () => {
    expect(() => seriesFromRows(rows, { x: "orders", y: "meanMs" })).toThrow(/row 0 has no column "meanMs"; columns: model, orders, totalMs/);
    expect(() => seriesFromRows(rows, { x: "orders", y: "model" })).toThrow(/column "model" must hold numbers; got pipeline/);
  });
});

describe("barFigure", () => {
  it("groups or stacks one bar per category and series", () => {
    const figure = barFigure({
      title: "throughput",
      x: "server",
      y: "requests/s",
      categories: ["SPED", "AMPED"],
      series: [{ name: "cached", values: [900, 880] }, { name: "disk-bound", values: [100, 400] }],
      stacked: true,
    });
    expect(figure.layout.barmode).toBe("stack");
    expect(figure.data[1]).toMatchObject({ type: "bar", name: "disk-bound", x: ["SPED", "AMPED"], y: [100, 400] });
    expect(() => barFigure({ title: "t", x: "x", y: "y", categories: ["a"], series: [{ name: "s", values: [1, 2] }] })).toThrow(
      /2 values for 1 categories/,
    );
  });
});

describe("histogramBins and histogramFigure", () => {
  it("counts values into equal-width bins, the maximum in the last bin", () => {
    expect(histogramBins([0, 1, 2, 3, 4], 2)).toEqual({ edges: [0, 2, 4], counts: [2, 3] });
    expect(histogramBins([5, 5, 5], 1)).toEqual({ edges: [5, 6], counts: [3] });
    expect(histogramBins([1, 9, 20], 2, 0, 10)).toEqual({ edges: [0, 5, 10], counts: [1, 1] });
    expect(() => histogramBins([], 3)).toThrow(/no values/);
    expect(() => histogramBins([1], 0)).toThrow(/binCount/);
    expect(() => histogramBins([1, Number.NaN], 2)).toThrow(/non-finite value at index 1/);
  });

  it("draws series on shared bins as bars, in percent when asked", () => {
    const figure = histogramFigure({
      title: "response time",
      x: "ms",
      series: [{ name: "a", values: [0, 10] }, { name: "b", values: [10, 10, 10, 0] }],
      bins: 2,
      percent: true,
    });
    expect(figure.data.map((trace) => trace.y)).toEqual([[50, 50], [25, 75]]);
    expect(figure.data[0]!.x).toEqual([2.5, 7.5]);
    expect(figure.layout.yaxis).toMatchObject({ title: { text: "share (%)" } });
    expect(figure.layout.barmode).toBe("overlay");
  });
});

describe("empiricalCdf and cdfFigure", () => {
  it("gives the share of values ≤ each distinct value", () => {
    expect(empiricalCdf([3, 1, 2, 2])).toEqual({ value: [1, 2, 3], share: [0.25, 0.75, 1] });
    expect(() => empiricalCdf([])).toThrow(/at least one value/);
  });

  it("thins long CDFs but keeps both ends", () => {
    const values = Array.from({ length: 10_000 }, (_, index) => index);
    const cdf = empiricalCdf(values, 101);
    expect(cdf.value).toHaveLength(101);
    expect(cdf.value[0]).toBe(0);
    expect(cdf.value.at(-1)).toBe(9_999);
    expect(cdf.share.at(-1)).toBe(1);
  });

  it("draws steps from 0 to 1", () => {
    const figure = cdfFigure({ title: "CDF", x: "ms", series: [{ name: "s", values: [1, 2] }] });
    expect(figure.data[0]).toMatchObject({ x: [1, 1, 2], y: [0, 0.5, 1], line: { shape: "hv" } });
    expect(figure.layout.yaxis).toMatchObject({ range: [0, 1.02] });
  });
});

describe("ganttFigure", () => {
  it("draws one bar per task from start to end, lanes top to bottom in first-seen order", () => {
    const figure = ganttFigure({
      title: "toy shop",
      x: "time (ms)",
      tasks: [
        { lane: "worker 1", start: 0, end: 120, group: "order 1", label: "1" },
        { lane: "worker 2", start: 0, end: 120, group: "order 2" },
        { lane: "worker 1", start: 120, end: 240, group: "order 1" },
      ],
    });
    expect(figure.data).toHaveLength(2);
    expect(figure.data[0]).toMatchObject({ orientation: "h", y: ["worker 1", "worker 1"], base: [0, 120], x: [120, 120], text: ["1", ""] });
    expect(figure.layout.yaxis).toMatchObject({ categoryarray: ["worker 1", "worker 2"], autorange: "reversed", title: { text: "lane" } });
    expect(() => ganttFigure({ title: "t", x: "x", tasks: [{ lane: "a", start: 5, end: 1 }] })).toThrow(/start ≤ end/);
  });

  it("gives groups the colours asked for, and draws them in the order asked for", () => {
    const figure = ganttFigure({
      title: "steps",
      x: "time (ms)",
      tasks: [
        { lane: "C1", start: 0, end: 1, group: "parse" },
        { lane: "C1", start: 1, end: 2, group: "send-data" },
        { lane: "C1", start: 0, end: 3, group: "waiting" },
      ],
      colors: { parse: "#1f77b4", waiting: "#dddddd" },
      groupOrder: ["waiting", "absent", "parse"],
    });
    expect(figure.data.map((trace) => trace.name)).toEqual(["waiting", "parse", "send-data"]);
    expect(figure.data.map((trace) => (trace.marker as { color?: string } | undefined)?.color)).toEqual(["#dddddd", "#1f77b4", undefined]);
  });
});
