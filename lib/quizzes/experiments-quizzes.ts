/**
 * The quizzes of the lecture's experiments (§20–27, notebooks 11–16): the paper's methodology, which
 * architecture won in this run's sweeps (measured, passed in by the notebook), why Flash overtakes SPED
 * as the data set grows, how to design and repeat experiments, and the toy-shop manager's experiment.
 */
import { pairedRatio } from "../experiments/results/paired-ratios.js";
import type { SizeCrossover } from "../experiments/results/size-crossover.js";
import { distinctLevels, levelName } from "../experiments/results/sweep-results.js";
import type { RunRecord } from "../experiments/runner/run-folder.js";
import type { SettingValue } from "../experiments/runner/spec.js";
import type { PointSummaryRow } from "../experiments/runner/summary.js";
import type { AnswerKey } from "./answer-key.js";
import { defineQuiz } from "./quiz.js";

/** What a "which architecture won" quiz is given: a sweep's per-point rows. */
export interface MeasuredRows {
  summaryRows: readonly PointSummaryRow[];
}

/** What the optimizations quiz is given: a sweep's runs (compared block by block). */
export interface MeasuredRuns {
  records: readonly RunRecord[];
}

/** Within this share of the best mean, an architecture counts as winning too (noise between close ones). */
const tieShare = 0.1;

function ranked(rows: readonly PointSummaryRow[], metric: string, where: Record<string, string>): Array<{ arch: string; mean: number }> {
  const list = rows
    .filter((row) => Object.entries(where).every(([name, value]) => row[name] === undefined || row[name] === value))
    .map((row) => ({ arch: String(row.arch), mean: row[`${metric}Mean`] }))
    .filter((entry): entry is { arch: string; mean: number } => typeof entry.mean === "number")
    .sort((a, b) => b.mean - a.mean);
  if (list.length < 2) throw new Error(`the quiz needs a sweep with at least two architectures measured on ${metric}`);
  return list;
}

function winnerKey(rows: readonly PointSummaryRow[], metric: string, where: Record<string, string>): AnswerKey {
  const list = ranked(rows, metric, where);
  const best = list[0]!.mean;
  return { kind: "choice", choices: list.map((entry) => entry.arch), right: list.filter((entry) => entry.mean >= best * (1 - tieShare)).map((entry) => entry.arch) };
}

function rankingSentence(rows: readonly PointSummaryRow[], metric: string, where: Record<string, string>, unit: string): string {
  return ranked(rows, metric, where)
    .map((entry) => `${levelName(entry.arch)} ${Math.round(entry.mean).toLocaleString("en-US")}`)
    .join(" > ")
    .concat(` ${unit}`);
}

const cacheSteps = [
  { step: "path", from: "none", to: "path" },
  { step: "data", from: "path", to: "path+data" },
  { step: "header", from: "path+data", to: "all" },
] as const;

/**
 * The gain of each cache switched on, at the smallest file size: paired ratios of requests (connections)
 * per server CPU-second, or of the connection rate where a run could not measure its CPU; null for a
 * step whose runs the sweep lacks.
 */
function cacheGains(measured: MeasuredRuns): { metric: string; gains: Array<{ step: string; ratio: number | null }> } {
  const sizes = distinctLevels(measured.records.map((record) => record.levels.fileSizeKB));
  const smallest = sizes[0];
  const at: Record<string, SettingValue> = smallest === undefined ? {} : { fileSizeKB: smallest };
  const gainsOf = (metric: string) => cacheSteps.map(({ step, from, to }) => ({ step, ratio: pairedRatio(measured.records, metric, { ...at, caches: to }, { ...at, caches: from }).median }));
  const perCpu = gainsOf("requestsPerCpuSecond");
  return perCpu.every((gain) => gain.ratio !== null) ? { metric: "connections per CPU-second", gains: perCpu } : { metric: "connection rate", gains: gainsOf("connectionRate") };
}

export const experimentsQuizzes = {
  "mp-own-cache": defineQuiz({
    section: "§20",
    question:
      'In the paper, each Flash-MP process had a 4 MB mapped-file cache while Flash and Flash-MT had one of 128 MB. Why? "a": processes cannot share an ' +
      'application-level cache, so 32 of them split the memory; "b": MP needs less cache, each process serving one connection; "c": a larger cache slows a process down.',
    key: () => ({ kind: "choice", choices: ["a", "b", "c"], right: ["a"] }),
    explanation: () =>
      "Threads of one process share its memory, so Flash-MT's 64 threads use one cache. Processes do not: each Flash-MP process caches for itself, and 32 copies " +
      "of a 128 MB cache would not fit a 128 MB machine. flashlab's MP and MT show the same in their stats (cachesPer: process, thread).",
  }),

  "cs-trace-stand-in": defineQuiz({
    section: "§20",
    question: 'Which of flashlab\'s data sets stands for the paper\'s CS trace, the one much larger than memory: "nasa-excerpt", "specweb96" or "surge"?',
    key: () => ({ kind: "choice", choices: ["nasa-excerpt", "specweb96", "surge"], right: ["surge"] }),
    explanation: () =>
      "The disk-bound-trace spec serves a SURGE-like set 8× the size of its buffer cache (heavy-tailed sizes, Zipf popularity, temporal locality), as the CS " +
      "department's server held far more than its memory. The NASA excerpt (15 MB) and the SPECweb96-like set (24 MB) fit the cached trace's 64 MB cache: they stand for Owlnet.",
  }),

  "cached-winner": defineQuiz<MeasuredRows>({
    section: "§22",
    question: "With the cached trace in memory, which architecture served a request at the lowest CPU cost (the most requests per server CPU-second) in this run?",
    key: (measured) => winnerKey(measured.summaryRows, "requestsPerCpuSecond", { workload: "nasa-excerpt" }),
    explanation: (measured) =>
      `Measured here: ${rankingSentence(measured.summaryRows, "requestsPerCpuSecond", { workload: "nasa-excerpt" }, "requests per CPU-second")} ` +
      `(any within ${tieShare * 100}% of the best counts). With every file in memory nothing blocks, and what differs is the work around each request: one loop ` +
      "switches between connections for free, while threads and processes pay for context switches; Apache-like also lacks Flash's caches.",
  }),

  "disk-bound-winner": defineQuiz<MeasuredRows>({
    section: "§22",
    question: "On the disk-bound trace, which architecture had the highest throughput in this run?",
    key: (measured) => winnerKey(measured.summaryRows, "throughputRps", { disk: "sim" }),
    explanation: (measured) =>
      `Measured here: ${rankingSentence(measured.summaryRows, "throughputRps", { disk: "sim" }, "requests per second")} (any within ${tieShare * 100}% of the best ` +
      "counts). SPED's one loop stops for every miss; AMPED hands misses to helpers and keeps serving what is in memory; MT and MP block only the context " +
      "that missed, at the price of a context per connection.",
  }),

  "optimizations-biggest-gain": defineQuiz<MeasuredRuns>({
    section: "§21",
    question:
      'For small files, which of Flash\'s caches saved the most server CPU per connection in this run (raised the connections per CPU-second the most): ' +
      '"path" (pathname translation), "data" (file data) or "header" (response header)?',
    key: (measured) => {
      const { gains } = cacheGains(measured);
      const known = gains.filter((gain): gain is { step: string; ratio: number } => gain.ratio !== null);
      if (known.length === 0) throw new Error("the quiz needs an optimizations sweep with every cache setting (none, path, path+data, all) at one file size");
      const best = Math.max(...known.map((gain) => gain.ratio));
      return { kind: "choice", choices: ["path", "data", "header"], right: known.filter((gain) => gain.ratio >= best - 0.05).map((gain) => gain.step) };
    },
    explanation: (measured) =>
      `Measured here in ${cacheGains(measured).metric} (each cache switched on after the ones before): ${cacheGains(measured)
        .gains.map((gain) => `${gain.step} ${gain.ratio === null ? "not measured" : `×${gain.ratio.toFixed(2)}`}`)
        .join(", ")} (within 0.05 of the largest counts). In the paper the pathname cache gave the largest single gain: translating a URL costs ` +
      "several system calls, while a small file's data and header are cheap to produce. Each gain depends on what the rest of the request costs on the machine at hand " +
      "(here, reading a file from the simulated buffer cache is a round trip to its owner thread).",
  }),

  "flash-overtakes-sped-why": defineQuiz({
    section: "§23",
    question:
      'At about 100 MB of data set, Flash becomes better than SPED. Why? Check all that apply: "no-blocking" (Flash can handle I/O without blocking), ' +
      '"io-bound" (the workload becomes I/O-bound), "more-requests" (SPED receives more requests), "caches-more" (Flash can cache more files).',
    key: () => ({ kind: "choices", choices: ["no-blocking", "io-bound", "more-requests", "caches-more"], right: ["no-blocking", "io-bound"] }),
    explanation: () =>
      "Once the data set outgrows memory, requests start to miss (the workload turns I/O-bound), and SPED's one loop stops for every miss while Flash's helpers " +
      "wait instead. Both get the same requests from the same clients, and their footprints are alike (the helpers even take a little memory), so Flash cannot cache more.",
  }),

  "crossover-side": defineQuiz<SizeCrossover>({
    section: "§23",
    question: 'In this run, where did AMPED pull ahead of SPED for good: with a data set "below" the cache size, "above" it, or "none" (it did not)?',
    key: (crossover) => ({ kind: "choice", choices: ["below", "above", "none"], right: [crossover.side ?? "none"] }),
    explanation: (crossover) => {
      const levels = crossover.levels
        .map((level) => `${(level.builtMB ?? level.datasetMB).toFixed(1)} MB: ×${level.ratio === null ? "?" : level.ratio.toFixed(2)}`)
        .join(", ");
      const where = crossover.crossover
        ? `from ${(crossover.crossover.builtMB ?? crossover.crossover.datasetMB).toFixed(1)} MB on`
        : "at no size measured";
      return (
        `AMPED ÷ SPED throughput at each data set (cache ${crossover.cacheMB ?? "?"} MB): ${levels}; AMPED leads by ${Math.round((crossover.threshold - 1) * 100)}% or more ${where}. ` +
        "While the set fits, nothing misses and the two serve alike; once it does not, misses start and SPED stalls on each. In the paper the crossover sat below " +
        "the 128 MB of memory because the kernel and the server took part of it; here the cache is exactly its stated size."
      );
    },
  }),

  "client-metric": defineQuiz({
    section: "§24",
    question: 'Which metric does a client of a web service care about first: "response-time", "throughput" or "cost"?',
    key: () => ({ kind: "choice", choices: ["response-time", "throughput", "cost"], right: ["response-time"] }),
    explanation: () =>
      "A client sees how long its own request takes (and whether it times out); throughput and cost are what the operator who runs the servers cares about. " +
      "A credible experiment reports the metrics of whoever its conclusion is for.",
  }),

  "ci-four-times-runs": defineQuiz({
    section: "§25",
    question: "With 4 times as many runs, how many times narrower does the 95% confidence interval of a mean get (roughly)?",
    key: () => ({ kind: "number", right: [2], tolerance: 0.25, unit: "times" }),
    explanation: () =>
      "The interval's half-width is t · s / √n: four times the runs halve it (and Student's t shrinks a little too, a lot for very small n). Halving it again takes " +
      "16 times the runs, which is why the number of runs is a budget decision.",
  }),

  "toy-shop-experiment-set": defineQuiz({
    section: "§26",
    question:
      "The toy-shop manager wants to know how many workers to hire to handle the worst case; toys range blocks < teddy bears < trains, and there are 3 shared " +
      "work areas. Which experiment set should he run (1–4)? 1: {(train, 3), (train, 4), (train, 5)}; 2: {(blocks, 3), (bears, 6), (trains, 9)}; " +
      "3: {(mixed, 3), (mixed, 6), (mixed, 9)}; 4: {(train, 3), (train, 6), (train, 9)}.",
    key: () => ({ kind: "number", right: [4] }),
    explanation: () =>
      "Set 4 measures the worst case (every order a train) with 1, 2 and 3 workers per work area. Set 1 spreads 4 and 5 workers unevenly over the 3 areas, " +
      "so what it measures is partly the placement; set 2 changes the toy and the staff together, so it cannot tell which caused a change; set 3 measures the " +
      "average day, not the worst.",
  }),

  "flash-model": defineQuiz({
    section: "§27",
    question: 'Which model does the Flash web server follow: "mp", "mt", "sped" or "amped"?',
    key: () => ({ kind: "choice", choices: ["mp", "mt", "sped", "amped"], right: ["amped"] }),
    explanation: () =>
      "AMPED, the asymmetric multi-process event-driven model: one event loop serves every connection, and helper processes do the disk reads that would " +
      "block it. It matches SPED when the data is in memory and MT or MP when it is not, with the footprint of an event loop.",
  }),
};
