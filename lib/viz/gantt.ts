/**
 * Gantt (timeline) figures: what each lane (a thread, a worker, a pipeline stage) did and when,
 * e.g. which worker assembled which toy order in the boss/workers model.
 */
import { makeFigure } from "./figure.js";
import type { FigureOptions, PlotlyFigure } from "./figure.js";
import { formatCell } from "./text-table.js";

/** One bar on the timeline. */
export interface GanttTask {
  /** The row it belongs to, e.g. "worker 3". Rows appear top to bottom in first-seen order. */
  lane: string;
  start: number;
  end: number;
  /** Tasks with the same group share a colour and a legend entry, e.g. "order 4" or "parse". */
  group?: string;
  /** Text written on the bar and shown on hover. */
  label?: string;
  /** What hovering shows instead of the label with the start and end (e.g. the real duration of a bar drawn wider). */
  hover?: string;
}

export interface GanttFigureOptions extends Omit<FigureOptions, "y"> {
  tasks: readonly GanttTask[];
  /** The y axis title (default "lane"). */
  y?: string;
  /** A colour per group (any CSS colour), so that a group keeps its colour from one figure to the next. */
  colors?: Readonly<Record<string, string>>;
  /**
   * The order of the groups in the legend and in drawing (later groups are drawn over earlier ones);
   * groups not listed follow in first-seen order.
   */
  groupOrder?: readonly string[];
}

/** A timeline with one row per lane and one horizontal bar per task. */
export function ganttFigure(options: GanttFigureOptions): PlotlyFigure {
  if (options.tasks.length === 0) throw new Error("a Gantt figure needs at least one task");
  options.tasks.forEach((task, index) => {
    if (!Number.isFinite(task.start) || !Number.isFinite(task.end) || task.end < task.start) {
      throw new Error(`task ${index} (${task.lane}) needs finite start ≤ end; got ${task.start} to ${task.end}`);
    }
  });
  const lanes = [...new Set(options.tasks.map((task) => task.lane))];
  const groups = new Map<string, GanttTask[]>();
  const presentGroups = new Set(options.tasks.map((task) => task.group ?? "task"));
  for (const group of options.groupOrder ?? []) if (presentGroups.has(group)) groups.set(group, []);
  for (const task of options.tasks) {
    const group = task.group ?? "task";
    groups.set(group, [...(groups.get(group) ?? []), task]);
  }
  const traces = [...groups].map(([group, tasks]) => ({
    type: "bar",
    orientation: "h",
    name: group,
    y: tasks.map((task) => task.lane),
    base: tasks.map((task) => task.start),
    x: tasks.map((task) => task.end - task.start),
    text: tasks.map((task) => task.label ?? ""),
    textposition: "inside",
    insidetextanchor: "middle",
    hovertext: tasks.map((task) => task.hover ?? `${task.label ?? group}: ${formatCell(task.start)} – ${formatCell(task.end)}`),
    hoverinfo: "text",
    ...(options.colors?.[group] === undefined ? {} : { marker: { color: options.colors[group] } }),
  }));
  const figure = makeFigure(traces, { ...options, y: options.y ?? "lane", height: options.height ?? Math.max(240, 60 + 36 * lanes.length) }, {
    barmode: "overlay",
    showlegend: groups.size > 1 && groups.size <= 20,
  });
  figure.layout.yaxis = { ...figure.layout.yaxis, type: "category", categoryorder: "array", categoryarray: lanes, autorange: "reversed" };
  return figure;
}
