/**
 * The figures of the lecture's results (§21, the paper's Figs 6–12) for a sweep of a built-in spec,
 * each drawn beside the spec's reference run when there is one (reference-figure.ts): which metric
 * against which factor, with the axes and units of the paper's figure.
 */
import type { PointSummaryRow } from "../experiments/runner/summary.js";
import type { SettingValue } from "../experiments/runner/spec.js";
import { rowsWithSetOverCache } from "../experiments/results/size-crossover.js";
import type { SweepResults } from "../experiments/results/sweep-results.js";
import type { PlotlyFigure, ReferenceLine } from "./figure.js";
import { runBesideReferenceFigure } from "./reference-figure.js";

interface FigurePlan {
  title: string;
  x: string;
  by?: string;
  metric: string;
  where?: Record<string, SettingValue>;
  xAxis: string | { title: string; log?: boolean };
  yAxis: string | { title: string; log?: boolean };
  /** Rows with derived columns, where the x axis needs one. */
  rows?: (results: SweepResults) => readonly PointSummaryRow[];
  /** Labelled lines, e.g. at the cache size. */
  referenceLines?: ReferenceLine[];
  /** Points only some profiles run (the full profile's one-arm disk): left out when neither sweep has them. */
  onlyWhenMeasured?: boolean;
}

const archBars = (title: string, metric: string, yAxis: string, where?: Record<string, SettingValue>): FigurePlan => ({ title, x: "arch", metric, xAxis: "architecture", yAxis, ...(where ? { where } : {}) });

/** The figures of each built-in spec, in the order a notebook shows them. */
const plans: Readonly<Record<string, readonly FigurePlan[]>> = {
  "single-file": [
    { title: "Bandwidth against file size, one cached file (paper Figs 6–7)", x: "fileSizeKB", by: "arch", metric: "bandwidthMBps", xAxis: "file size (KB)", yAxis: "bandwidth (MB/s)" },
    { title: "Connection rate against file size", x: "fileSizeKB", by: "arch", metric: "connectionRate", xAxis: "file size (KB)", yAxis: { title: "connections per second", log: true } },
  ],
  "cached-trace": [
    archBars("Cached trace: requests per second of server CPU (the cost of a request)", "requestsPerCpuSecond", "requests per server CPU-second", { workload: "nasa-excerpt" }),
    archBars("Cached trace: throughput", "throughputRps", "requests per second", { workload: "nasa-excerpt" }),
  ],
  "disk-bound-trace": [archBars("Disk-bound trace on the 1999 disk (10 ms a miss, one arm)", "throughputRps", "requests per second", { disk: "sim" })],
  "dataset-size": [
    {
      title: "Throughput as the data set outgrows the cache (paper Figs 9–10)",
      x: "setOverCache",
      by: "arch",
      metric: "throughputRps",
      xAxis: { title: "data set ÷ cache size", log: true },
      yAxis: "requests per second",
      rows: rowsWithSetOverCache,
      referenceLines: [{ at: 1, label: "the cache size", color: "#888", dash: "dot" }],
    },
  ],
  optimizations: [
    { title: "Flash's caches: connection rate against file size (paper Fig. 11)", x: "fileSizeKB", by: "caches", metric: "connectionRate", xAxis: "file size (KB)", yAxis: "connections per second" },
    { title: "Flash's caches: connections per second of server CPU", x: "fileSizeKB", by: "caches", metric: "requestsPerCpuSecond", xAxis: "file size (KB)", yAxis: "connections per server CPU-second" },
  ],
  "many-clients": [
    { title: "Many slow clients (50 ms, 1 Mbit/s each; paper Fig. 12)", x: "clients", by: "arch", metric: "throughputRps", xAxis: { title: "simultaneous clients", log: true }, yAxis: "requests per second" },
  ],
  memory: [{ title: "Server memory against concurrency (§17)", x: "clients", by: "arch", metric: "pssMB", xAxis: { title: "simultaneous clients", log: true }, yAxis: "PSS (MB)" }],
  "disk-latency": [
    {
      title: "Does AMPED still matter on a fast disk? (up to 4 misses at once)",
      x: "diskLatencyMs",
      by: "arch",
      metric: "throughputRps",
      where: { diskParallelism: 4 },
      xAxis: { title: "disk latency per miss (ms)", log: true },
      yAxis: "requests per second",
    },
    {
      title: "The same on a disk with one arm (full profile)",
      x: "diskLatencyMs",
      by: "arch",
      metric: "throughputRps",
      where: { diskParallelism: 1 },
      xAxis: { title: "disk latency per miss (ms)", log: true },
      yAxis: "requests per second",
      onlyWhenMeasured: true,
    },
  ],
};

/** The names of the specs that have figures here. */
export const specsWithFigures: readonly string[] = Object.keys(plans);

/** The figures of `specName` for this sweep, beside the reference (or alone when it is null). */
export function lectureFigures(specName: string, yours: SweepResults, reference: SweepResults | null): PlotlyFigure[] {
  const list = plans[specName];
  if (!list) throw new Error(`no figures for spec "${specName}"; the specs with figures are ${specsWithFigures.join(", ")}`);
  const rowsOf = (plan: FigurePlan, results: SweepResults) => (plan.rows ? plan.rows(results) : results.summaryRows);
  const measured = (plan: FigurePlan, results: SweepResults | null) =>
    results !== null && rowsOf(plan, results).some((row) => row[plan.x] !== undefined && Object.entries(plan.where ?? {}).every(([name, value]) => row[name] === value));
  return list
    .filter((plan) => !plan.onlyWhenMeasured || measured(plan, yours) || measured(plan, reference))
    .map((plan) => runBesideReferenceFigure({
      title: plan.title,
      yours: rowsOf(plan, yours),
      reference: reference ? rowsOf(plan, reference) : null,
      x: plan.x,
      ...(plan.by ? { by: plan.by } : {}),
      metric: plan.metric,
      ...(plan.where ? { where: plan.where } : {}),
      xAxis: plan.xAxis,
      yAxis: plan.yAxis,
      ...(plan.referenceLines ? { referenceLines: plan.referenceLines } : {}),
    }));
}
