/**
 * "Your run beside the reference": lines with asymmetric error bars from the confidence intervals, the
 * reference dashed in the same colour as this run, bars for a categorical factor, a title that says
 * when there is no reference, and a clear error for a metric the rows do not have.
 */
import { describe, expect, it } from "vitest";
import type { PointSummaryRow } from "../../lib/experiments/index.js";
import { runBesideReferenceFigure } from "../../lib/viz/index.js";

const yours: PointSummaryRow[] = [
  { arch: "sped", fileSizeKB: 200, n: 1, bandwidthMBpsMean: 90, bandwidthMBpsCiLow: null, bandwidthMBpsCiHigh: null },
  { arch: "sped", fileSizeKB: 1, n: 1, bandwidthMBpsMean: 10, bandwidthMBpsCiLow: null, bandwidthMBpsCiHigh: null },
  { arch: "mp", fileSizeKB: 1, n: 1, bandwidthMBpsMean: 4, bandwidthMBpsCiLow: null, bandwidthMBpsCiHigh: null },
];
const reference: PointSummaryRow[] = [
  { arch: "sped", fileSizeKB: 1, n: 3, bandwidthMBpsMean: 12, bandwidthMBpsCiLow: 11, bandwidthMBpsCiHigh: 14 },
  { arch: "sped", fileSizeKB: 100, n: 3, bandwidthMBpsMean: 70, bandwidthMBpsCiLow: 65, bandwidthMBpsCiHigh: 72 },
];

describe("runBesideReferenceFigure", () => {
  it("draws one line per level, this run solid and the reference dashed in its colour, with error bars from the intervals", () => {
    const figure = runBesideReferenceFigure({ title: "Bandwidth", yours, reference, x: "fileSizeKB", by: "arch", metric: "bandwidthMBps", xAxis: "file size (KB)", yAxis: "MB/s" });
    expect(figure.data.map((trace) => trace.name)).toEqual(["SPED (this run)", "SPED (reference)", "MP (this run)"]);
    const [sped, spedReference, mp] = figure.data as Array<Record<string, any>>;
    expect(sped!.x).toEqual([1, 200]); // sorted by x
    expect(sped!.y).toEqual([10, 90]);
    expect(sped!.error_y).toEqual({ visible: false }); // n = 1: no interval
    expect(spedReference!.line).toMatchObject({ dash: "dash", color: sped!.line.color });
    expect(spedReference!.error_y).toMatchObject({ symmetric: false, array: [2, 2], arrayminus: [1, 5] });
    expect(mp!.line.color).not.toBe(sped!.line.color);
    expect(figure.layout.title).toEqual({ text: "Bandwidth" });
  });

  it("draws grouped bars against a categorical factor, and says when there is no reference", () => {
    const figure = runBesideReferenceFigure({ title: "Cached trace", yours, reference: null, x: "arch", metric: "bandwidthMBps", where: { fileSizeKB: 1 }, xAxis: "architecture", yAxis: "MB/s" });
    expect(figure.data).toHaveLength(1);
    expect(figure.data[0]).toMatchObject({ type: "bar", name: "this run", x: ["SPED", "MP"], y: [10, 4] });
    expect(figure.layout.barmode).toBe("group");
    expect(figure.layout.title).toEqual({ text: "Cached trace (no reference run to compare)" });
  });

  it("says what is wrong with a metric or factor this run does not have", () => {
    expect(() => runBesideReferenceFigure({ title: "t", yours, x: "fileSizeKB", metric: "rssMB", xAxis: "x", yAxis: "y" })).toThrow(/no "rssMBMean" with a "fileSizeKB" level/);
  });
});
