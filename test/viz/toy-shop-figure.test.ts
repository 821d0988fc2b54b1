import { describe, expect, it } from "vitest";
import { toyShopSummaryRows } from "../../lib/experiments/toy-shop-comparison.js";
import { simulateToyShop } from "../../lib/sim/index.js";
import { toyShopGanttFigure, toyShopGanttTasks } from "../../lib/viz/toy-shop-figure.js";

describe("toy-shop display", () => {
  const bossWorkers = simulateToyShop({ model: "boss-workers", threads: 6, orders: 11 });

  it("turns every segment into a Gantt task on its thread, coloured by order", () => {
    const tasks = toyShopGanttTasks(bossWorkers);
    expect(tasks).toHaveLength(bossWorkers.segments.length);
    const eleventh = tasks.find((task) => task.label === "11")!;
    expect(eleventh).toMatchObject({ lane: "worker 1", start: 240, end: 360, group: "order 11" });
    expect(toyShopGanttFigure(bossWorkers).layout.title).toBeDefined();
  });

  it("summarizes runs with the lecture's figures", () => {
    const pipeline = simulateToyShop({ model: "pipeline", threads: 6, orders: 11 });
    expect(toyShopSummaryRows([bossWorkers, pipeline])).toEqual([
      { model: "boss-workers", threads: 6, orders: 11, totalMs: 360, meanCompletionMs: 196.36 },
      { model: "pipeline", threads: 6, orders: 11, totalMs: 320, meanCompletionMs: 220 },
    ]);
  });
});
