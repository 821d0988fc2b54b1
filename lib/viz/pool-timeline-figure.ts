/**
 * An Apache-like pool over time (`poolTimeline`): processes (and those still starting), threads and busy
 * threads as steps, with the
 * clients of each phase of load as a dashed step line, so the pool's growth and shrinking can be read
 * against the load that caused them.
 */
import type { PoolTimeline } from "../experiments/server-summaries.js";
import type { PlotlyFigure } from "./figure.js";
import { lineFigure } from "./line.js";
import type { Series } from "./series.js";

/** The clients of each phase as a step series (0 before the first phase and after the last). */
function clientSeries(timeline: PoolTimeline): Series {
  const x: number[] = [0];
  const y: number[] = [0];
  for (const phase of timeline.phases) {
    x.push(phase.fromS);
    y.push(phase.clients);
    x.push(phase.toS);
    y.push(phase.clients);
  }
  const last = timeline.phases.at(-1);
  if (last !== undefined) {
    x.push(last.toS, Math.max(last.toS, timeline.endS));
    y.push(0, 0);
  }
  return { name: "clients (the load)", x, y };
}

/** The pool's processes (and those starting), threads and busy threads over time, against the clients of each phase. */
export function poolTimelineFigure(timeline: PoolTimeline, title: string): PlotlyFigure {
  const samples = timeline.samples;
  const figure = lineFigure({
    title,
    x: "time since the server started (s)",
    y: "count",
    steps: true,
    markers: false,
    series: [
      { name: "processes", x: samples.map((sample) => sample.atS), y: samples.map((sample) => sample.processes) },
      { name: "processes starting", x: samples.map((sample) => sample.atS), y: samples.map((sample) => sample.startingProcesses) },
      { name: "threads", x: samples.map((sample) => sample.atS), y: samples.map((sample) => sample.threads) },
      { name: "busy threads", x: samples.map((sample) => sample.atS), y: samples.map((sample) => sample.busyThreads) },
      clientSeries(timeline),
    ],
  });
  const clients = figure.data.at(-1)!;
  clients.line = { shape: "hv", dash: "dash", color: "#888" };
  figure.data[1]!.line = { shape: "hv", dash: "dot" };
  return figure;
}
