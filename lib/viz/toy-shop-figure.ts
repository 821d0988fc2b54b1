/**
 * The toy shop's timeline as a Gantt chart: one row per thread (worker or stage), one bar per order
 * worked on, each order in its own colour so that it can be followed through the shop.
 */
import type { ToyShopResult } from "../sim/index.js";
import { ganttFigure } from "./gantt.js";
import type { GanttTask } from "./gantt.js";
import type { PlotlyFigure } from "./figure.js";

/** The simulator's segments as Gantt tasks (lane = thread, group = order). */
export function toyShopGanttTasks(result: ToyShopResult): GanttTask[] {
  return result.segments.map((segment) => ({
    lane: segment.resource,
    start: segment.startMs,
    end: segment.endMs,
    group: `order ${segment.order}`,
    label: String(segment.order),
  }));
}

/** A Gantt chart of one toy-shop run; the title defaults to the model, threads and orders. */
export function toyShopGanttFigure(result: ToyShopResult, title?: string): PlotlyFigure {
  return ganttFigure({
    title: title ?? `${result.model}: ${result.orderCount} orders, ${result.threads} threads`,
    x: "time (ms)",
    y: "thread",
    tasks: toyShopGanttTasks(result),
  });
}
