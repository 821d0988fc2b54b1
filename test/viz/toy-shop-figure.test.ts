// The toy shop's Gantt figure draws the lecture's timelines: every bar's thread, start and end are
// checked against the shop worked out by hand (6 threads, 11 orders of 120 ms).
import { describe, expect, it } from "vitest";
import { toyShopSummaryRows } from "../../lib/experiments/toy-shop-comparison.js";
import { simulateToyShop } from "../../lib/sim/index.js";
import type { PlotlyTrace } from "../../lib/viz/figure.js";
import { toyShopGanttFigure, toyShopGanttTasks } from "../../lib/viz/toy-shop-figure.js";

/** A horizontal bar trace's bars as { lane, start, end }. */
function bars(trace: PlotlyTrace): Array<{ lane: string; start: number; end: number }> {
  const lanes = trace.y as string[];
  const bases = trace.base as number[];
  const lengths = trace.x as number[];
  return lanes.map((lane, index) => ({ lane, start: bases[index]!, end: bases[index]! + lengths[index]! }));
}

const orders = Array.from({ length: 11 }, (_, index) => index + 1);

describe("toy-shop Gantt figure", () => {
  const bossWorkers = simulateToyShop({ model: "boss-workers", threads: 6, orders: 11 });
  const pipeline = simulateToyShop({ model: "pipeline", threads: 6, orders: 11 });

  it("draws boss/workers in batches of 5: order k on worker ((k − 1) mod 5) + 1, from 120·⌊(k − 1)/5⌋ ms for 120 ms", () => {
    const figure = toyShopGanttFigure(bossWorkers);
    expect(figure.layout.title).toEqual({ text: "boss-workers: 11 orders, 6 threads" });
    expect(figure.data.map((trace) => trace.name)).toEqual(orders.map((order) => `order ${order}`));
    for (const [index, trace] of figure.data.entries()) {
      const order = index + 1;
      expect(trace).toMatchObject({ type: "bar", orientation: "h", text: [String(order)] });
      expect(bars(trace)).toEqual([{ lane: `worker ${((order - 1) % 5) + 1}`, start: 120 * Math.floor((order - 1) / 5), end: 120 * Math.floor((order - 1) / 5) + 120 }]);
    }
    // The boss takes no time, so it has no row; the workers read top to bottom.
    expect(figure.layout.yaxis).toMatchObject({ categoryarray: ["worker 1", "worker 2", "worker 3", "worker 4", "worker 5"], autorange: "reversed" });
    const lastEnd = Math.max(...figure.data.flatMap((trace) => bars(trace).map((bar) => bar.end)));
    expect(lastEnd).toBe(360);
  });

  it("draws the pipeline's stages: order k in stage s from 20·(k − 1) + 20·(s − 1) ms for 20 ms", () => {
    const figure = toyShopGanttFigure(pipeline, "Pipeline");
    expect(figure.layout.title).toEqual({ text: "Pipeline" });
    expect(figure.data.map((trace) => trace.name)).toEqual(orders.map((order) => `order ${order}`));
    for (const [index, trace] of figure.data.entries()) {
      const order = index + 1;
      const expected = [1, 2, 3, 4, 5, 6].map((stage) => ({ lane: `stage ${stage}`, start: 20 * (order - 1) + 20 * (stage - 1), end: 20 * (order - 1) + 20 * stage }));
      const drawn = bars(trace);
      expect(drawn.map((bar) => bar.lane)).toEqual(expected.map((bar) => bar.lane));
      drawn.forEach((bar, stage) => {
        expect(bar.start).toBeCloseTo(expected[stage]!.start, 9);
        expect(bar.end).toBeCloseTo(expected[stage]!.end, 9);
      });
    }
    expect(figure.layout.yaxis).toMatchObject({ categoryarray: ["stage 1", "stage 2", "stage 3", "stage 4", "stage 5", "stage 6"] });
  });

  it("turns every segment into a task on its thread, labelled and coloured by order", () => {
    const tasks = toyShopGanttTasks(bossWorkers);
    expect(tasks).toHaveLength(11);
    expect(tasks.find((task) => task.label === "11")).toEqual({ lane: "worker 1", start: 240, end: 360, group: "order 11", label: "11" });
    expect(toyShopGanttTasks(pipeline)).toHaveLength(66);
  });

  it("summarizes runs with the lecture's figures", () => {
    expect(toyShopSummaryRows([bossWorkers, pipeline])).toEqual([
      { model: "boss-workers", threads: 6, orders: 11, totalMs: 360, meanCompletionMs: 196.36 },
      { model: "pipeline", threads: 6, orders: 11, totalMs: 320, meanCompletionMs: 220 },
    ]);
  });
});
