/**
 * A request timeline (`traceRequestTimeline`) as a Gantt chart: one row per request (C1, C2, …) with
 * its pipeline steps as bars, each step in its own colour, over a grey bar for the time the client was
 * waiting for it (from connecting to the last byte of the answer); and one row per helper, with the reads
 * it did, labelled with the request they were for.
 *
 * Most steps take microseconds while a request waits milliseconds, so a bar shorter than a small share
 * of the time shown is drawn that wide, to stay visible; hovering over a bar shows its real times.
 */
import type { RequestTimeline } from "../experiments/request-timeline.js";
import { pipelineSteps, type PipelineStep } from "../http/index.js";
import type { PlotlyFigure } from "./figure.js";
import { ganttFigure, type GanttTask } from "./gantt.js";

/** One colour per pipeline step, the same in every figure. */
export const stepColors: Readonly<Record<PipelineStep, string>> = {
  accept: "#8c564b",
  "read-request": "#17becf",
  parse: "#1f77b4",
  "translate-path": "#2ca02c",
  "compute-header": "#bcbd22",
  "send-header": "#9467bd",
  "read-file": "#d62728",
  "send-data": "#ff7f0e",
};

/** The group of the client's waiting bars. */
export const clientWaitGroup = "client waiting (connect → last byte)";

export interface RequestTimelineFigureOptions {
  title: string;
  /** Bars shorter than this share of the time shown are drawn this wide. Default 0.004 (0.4 %). */
  minBarShare?: number;
  /** Draw the client's waiting bars. Default true. */
  clientWaits?: boolean;
}

function microseconds(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

/** The timeline's bars as Gantt tasks (times in ms from the timeline's start). */
export function requestTimelineTasks(timeline: RequestTimeline, options: Omit<RequestTimelineFigureOptions, "title"> = {}): GanttTask[] {
  const starts = [...timeline.requests.map((request) => request.startMs), ...timeline.steps.map((step) => step.startMs)];
  const ends = [...timeline.requests.map((request) => request.doneMs), ...timeline.steps.map((step) => step.endMs)];
  const span = Math.max(...ends) - Math.min(...starts);
  const minWidth = span * (options.minBarShare ?? 0.004);
  const tasks: GanttTask[] = [];
  if (options.clientWaits ?? true) {
    for (const request of timeline.requests) {
      tasks.push({
        lane: request.label,
        start: request.startMs,
        end: request.doneMs,
        group: clientWaitGroup,
        hover: `${request.label} ${request.path}: connect at ${request.startMs.toFixed(2)} ms, answered at ${request.doneMs.toFixed(2)} ms (${microseconds(request.doneMs - request.startMs)})`,
      });
    }
  }
  for (const step of timeline.steps) {
    const helper = step.context.startsWith("helper");
    tasks.push({
      lane: helper ? step.context : step.request,
      start: step.startMs,
      end: Math.max(step.endMs, step.startMs + minWidth),
      group: step.step,
      ...(helper ? { label: step.request } : {}),
      hover: `${step.request} ${step.step} (${step.context}): ${step.startMs.toFixed(3)} ms, ${microseconds(step.endMs - step.startMs)}`,
    });
  }
  return tasks;
}

/** The Gantt chart of a request timeline. */
export function requestTimelineFigure(timeline: RequestTimeline, options: RequestTimelineFigureOptions): PlotlyFigure {
  const tasks = requestTimelineTasks(timeline, options);
  const lanes = new Set(tasks.map((task) => task.lane)).size;
  // The legend (a colour per step) goes below the plot, in rows, clear of the x axis's title, so that the
  // timeline keeps the page's width: a fixed room in pixels below the plot area, whatever its height.
  const plotHeight = 40 + 45 * lanes;
  const belowPlot = 170;
  const figure = ganttFigure({
    title: options.title,
    x: "time since the first request began (ms)",
    y: "request / helper",
    tasks,
    colors: { ...stepColors, [clientWaitGroup]: "#e0e0e0" },
    groupOrder: [clientWaitGroup, ...pipelineSteps],
    height: 60 + plotHeight + belowPlot,
  });
  figure.layout.margin = { ...(figure.layout.margin as Record<string, number>), b: belowPlot };
  figure.layout.legend = { orientation: "h", yanchor: "top", y: -80 / plotHeight, xanchor: "left", x: 0 };
  return figure;
}
