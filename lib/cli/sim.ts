/**
 * `flashlab sim`: the simulator's models from the command line.
 *
 * - `flashlab sim toyshop`: boss/workers vs pipeline (P2L5 §2), per-order start and completion,
 *   total time and mean completion time.
 * - `flashlab sim latency-hiding`: one CPU with and without switching during I/O (P2L5 §14).
 * - `flashlab sim mm1`: the M/M/1 queue against theory, and the engine's speed (sim-mm1.ts).
 * - `flashlab sim server`: a server architecture model on a hardware profile (sim-server.ts).
 * - `flashlab sim calibrate`: fits this machine's hardware profile from the real servers (sim-calibrate.ts).
 * - `flashlab sim toyshop|latency-hiding|metrics --random --seed S [--answers]`: a seeded self-check
 *   problem (lib/problems), its worked answers with --answers.
 *
 * As in the OSTEP homework simulators, the text output first echoes every parameter
 * (`ARG model boss-workers`), so that a problem is fully described by its command line; `--seed`
 * picks a random problem when the work or arrivals are random. `--json` prints one JSON object.
 */
import { defineCommand, defineGroup } from "./command.js";
import type { Command, CommandGroup, CommandIO } from "./command.js";
import { UsageError } from "./args.js";
import type { ParsedOptions } from "./args.js";
import { textTable } from "../viz/text-table.js";
import { asUsage, echoArguments, formatMs, problemJson, problemOptions, problemText } from "./sim-common.js";
import { latencyHidingProblem, metricsProblem, toyShopProblem, type SelfCheckProblem } from "../problems/index.js";
import { mm1Command } from "./sim-mm1.js";
import { simCalibrateCommand } from "./sim-calibrate.js";
import { simServerCommand } from "./sim-server.js";
import { simulateToyShop, toyShopModels } from "../sim/toy-shop.js";
import type { ToyShopModel, ToyShopResult } from "../sim/toy-shop.js";
import { simulateLatencyHiding } from "../sim/latency-hiding.js";
import type { LatencyHidingComparison, LatencyHidingRun } from "../sim/latency-hiding.js";
import {
  defaultToyOrderMs,
  generateToyOrders,
  toyOrderArrivalPatterns,
  toyOrderWorkDistributions,
} from "../workloads/toy-orders.js";
import type { ToyOrderArrivals, ToyOrderWorkDistribution } from "../workloads/toy-orders.js";

function parseStageTimes(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(",").map((part) => part.trim());
  const times = parts.map(Number);
  if (parts.some((part) => part === "") || times.some((time) => !Number.isFinite(time) || time < 0)) {
    throw new UsageError(`--stage-ms takes comma-separated numbers ≥ 0, one per stage (e.g. 20,20,40); got "${text}"`);
  }
  return times;
}

const toyshopOptions = {
  model: {
    type: "string",
    choices: toyShopModels,
    default: "boss-workers",
    description: "boss-workers: 1 boss + (threads − 1) workers; pipeline: one stage per thread",
  },
  threads: { type: "integer", min: 1, max: 10_000, default: 6, description: "threads in total" },
  orders: { type: "integer", min: 1, max: 1_000_000, default: 11, description: "number of toy orders" },
  "order-ms": {
    type: "number",
    min: 0,
    exclusiveMin: true,
    valueName: "MS",
    description: `(mean) work per order in ms; default ${defaultToyOrderMs}, or the sum of --stage-ms`,
  },
  "boss-ms": { type: "number", min: 0, valueName: "MS", description: "boss-workers: the boss's time per order; default 0" },
  "stage-ms": {
    type: "string",
    valueName: "MS,MS,…",
    description: "pipeline: one time per stage; default: the order time split evenly",
  },
  work: {
    type: "string",
    choices: toyOrderWorkDistributions,
    default: "constant",
    description: "work per order: all equal, uniform in mean·(1 ± spread), or exponential",
  },
  spread: { type: "number", min: 0, max: 1, default: 0.5, description: "half-width of uniform work, as a fraction of the mean" },
  arrivals: {
    type: "string",
    choices: toyOrderArrivalPatterns,
    default: "all-at-once",
    description: "when orders arrive: all at time 0, a fixed gap apart, or a Poisson stream",
  },
  "interarrival-ms": {
    type: "number",
    min: 0,
    exclusiveMin: true,
    valueName: "MS",
    description: "(mean) gap between arrivals for fixed-gap and poisson arrivals",
  },
  seed: { type: "integer", short: "s", min: 0, max: 4_294_967_295, default: 1, description: "seed for random work and arrivals, or for a --random problem" },
  ...problemOptions,
  json: { type: "boolean", description: "print one JSON object instead of text" },
} as const;

/**
 * Poses the self-check problem that `--random` asks for, or returns false. `--random` takes only
 * `--seed`, `--answers` and `--json`: the seed is the problem; `--answers` alone is a usage error.
 */
function poseProblem(
  options: { random?: boolean; answers?: boolean; seed: number; json?: boolean },
  given: readonly string[],
  pose: (seed: number) => SelfCheckProblem,
  io: CommandIO,
): boolean {
  if (!options.random) {
    if (options.answers) throw new UsageError("--answers goes with --random: it adds the worked answers to a random problem");
    return false;
  }
  if (given.length > 0) throw new UsageError(`--random poses its own problem from --seed; leave out ${given.map((flag) => `--${flag}`).join(", ")}`);
  const problem = pose(options.seed);
  io.stdout(options.json ? problemJson(problem, options.seed, options.answers === true) : problemText(problem, options.seed, options.answers === true));
  return true;
}

/** The options, other than the problem's own, whose values differ from their defaults: what `--random` cannot take. */
function modelOptionsGiven(specs: Record<string, object>, options: Record<string, unknown>): string[] {
  const own = new Set(["seed", "random", "answers", "json"]);
  const defaultOf = (name: string): unknown => (specs[name] as { default?: unknown }).default;
  return Object.keys(specs).filter((name) => !own.has(name) && options[name] !== undefined && options[name] !== defaultOf(name));
}

/** Keeps a pipeline run within seconds and memory: every stage visit is one timeline segment. */
const maxPipelineSegments = 2_000_000;

interface ToyshopRun {
  result: ToyShopResult;
  echoed: Array<readonly [string, string | number]>;
  random: boolean;
  work: ToyOrderWorkDistribution;
  arrivals: ToyOrderArrivals;
  seed: number;
}

function runToyshop(options: ParsedOptions<typeof toyshopOptions>): ToyshopRun {
  const model = options.model as ToyShopModel;
  const work = options.work as ToyOrderWorkDistribution;
  const arrivals = options.arrivals as ToyOrderArrivals;
  const stageMs = parseStageTimes(options["stage-ms"]);
  if (stageMs !== undefined && model !== "pipeline") throw new UsageError("--stage-ms applies only to --model pipeline");
  if (options["boss-ms"] !== undefined && model !== "boss-workers") {
    throw new UsageError("--boss-ms applies only to --model boss-workers");
  }
  if (model === "boss-workers" && options.threads < 2) {
    throw new UsageError(`--threads must be ≥ 2 for boss-workers (1 boss and at least 1 worker); got ${options.threads}`);
  }
  if (model === "pipeline" && options.orders * options.threads > maxPipelineSegments) {
    throw new UsageError(
      `--orders × --threads is ${options.orders * options.threads} stage visits; the pipeline is limited to ${maxPipelineSegments} (fewer orders or threads)`,
    );
  }
  if (arrivals === "all-at-once" && options["interarrival-ms"] !== undefined) {
    throw new UsageError("--interarrival-ms needs --arrivals fixed-gap or poisson");
  }
  if (arrivals !== "all-at-once" && options["interarrival-ms"] === undefined) {
    throw new UsageError(`--arrivals ${arrivals} needs --interarrival-ms`);
  }
  if (stageMs !== undefined && stageMs.length !== options.threads) {
    throw new UsageError(`--stage-ms needs one time per stage (--threads ${options.threads}); got ${stageMs.length}`);
  }
  const stageSum = stageMs?.reduce((total, time) => total + time, 0);
  const orderMs = options["order-ms"] ?? stageSum ?? defaultToyOrderMs;
  if (stageSum !== undefined && Math.abs(stageSum - orderMs) > 1e-9 * orderMs) {
    throw new UsageError(`the --stage-ms times add up to ${stageSum} ms but --order-ms is ${orderMs}; give one or make them agree`);
  }
  const random = work !== "constant" || arrivals === "poisson";
  const result = asUsage(() => {
    if (work === "constant" && arrivals === "all-at-once") {
      return simulateToyShop({ model, threads: options.threads, orders: options.orders, orderMs, bossMs: options["boss-ms"], stageMs });
    }
    const orders = generateToyOrders({
      count: options.orders,
      orderMs,
      work,
      spread: options.spread,
      arrivals,
      interarrivalMs: options["interarrival-ms"],
      seed: options.seed,
    });
    return simulateToyShop({ model, threads: options.threads, orders, bossMs: options["boss-ms"], stageMs });
  });

  const echoed: Array<readonly [string, string | number]> = [
    ["model", model],
    ["threads", options.threads],
    ["orders", options.orders],
    ["order-ms", orderMs],
  ];
  // Given values are echoed exactly, so that the echoed arguments reproduce the run; stage times
  // derived from --order-ms are rounded for reading.
  if (model === "boss-workers") echoed.push(["boss-ms", result.bossMs]);
  else echoed.push(["stage-ms", stageMs ? stageMs.join(",") : result.stageMs.map(formatMs).join(",")]);
  echoed.push(["work", work]);
  if (work === "uniform") echoed.push(["spread", options.spread]);
  echoed.push(["arrivals", arrivals]);
  if (arrivals !== "all-at-once") echoed.push(["interarrival-ms", options["interarrival-ms"]!]);
  if (random) echoed.push(["seed", options.seed]);
  return { result, echoed, random, work, arrivals, seed: options.seed };
}

function toyshopJson(run: ToyshopRun): object {
  const { result } = run;
  return {
    model: result.model,
    threads: result.threads,
    orders: result.orderCount,
    orderMs: result.orderMs,
    bossMs: result.bossMs,
    stageMs: result.stageMs,
    work: run.work,
    arrivals: run.arrivals,
    seed: run.random ? run.seed : null,
    totalMs: result.totalMs,
    meanCompletionMs: result.meanCompletionMs,
    completionsMs: result.completionsMs,
    resources: result.resources,
    orderRecords: result.orders,
    segments: result.segments,
  };
}

function toyshopText(run: ToyshopRun): string {
  const { result } = run;
  const workersBy = new Map<number, string>();
  if (result.model === "boss-workers") {
    for (const segment of result.segments) if (segment.resource !== "boss") workersBy.set(segment.order, segment.resource);
  }
  const showArrival = run.arrivals !== "all-at-once";
  const showWork = run.work !== "constant";
  const header = ["order", ...(showArrival ? ["arrival"] : []), ...(showWork ? ["work"] : []), "start", "completion"];
  if (result.model === "boss-workers") header.push("worker");
  const rows = result.orders.map((record) => [
    String(record.order),
    ...(showArrival ? [formatMs(record.arrivalMs)] : []),
    ...(showWork ? [formatMs(record.workMs)] : []),
    formatMs(record.startMs),
    formatMs(record.completionMs),
    ...(result.model === "boss-workers" ? [workersBy.get(record.order) ?? ""] : []),
  ]);
  const shape =
    result.model === "boss-workers"
      ? `1 boss + ${result.threads - 1} worker${result.threads - 1 === 1 ? "" : "s"}`
      : `${result.threads} stage${result.threads === 1 ? "" : "s"} of ${result.stageMs.map(formatMs).join("/")} ms`;
  const meanLabel = showArrival ? "mean completion (from arrival)" : "mean completion";
  return [
    echoArguments(run.echoed),
    "",
    `${result.model}: ${shape}, ${result.orderCount} order${result.orderCount === 1 ? "" : "s"} (all times in ms)`,
    "",
    textTable(rows, { header }),
    "",
    textTable([
      ["total time", `${formatMs(result.totalMs)} ms`],
      [meanLabel, `${formatMs(result.meanCompletionMs)} ms`],
    ]),
    "",
  ].join("\n");
}

const toyshopCommand = defineCommand({
  name: "toyshop",
  summary: "the toy shop (P2L5 §2): boss/workers vs pipeline, total time and mean completion time",
  details: [
    "Example (the lecture's case): flashlab sim toyshop --model pipeline --threads 6 --orders 11",
    "gives a total of 320 ms and a mean completion of 220 ms (boss-workers: 360 ms and 196.36 ms).",
  ].join("\n"),
  options: toyshopOptions,
  run({ options }, io: CommandIO) {
    if (poseProblem(options, modelOptionsGiven(toyshopOptions, options), toyShopProblem, io)) return;
    const run = runToyshop(options);
    io.stdout(options.json ? `${JSON.stringify(toyshopJson(run))}\n` : toyshopText(run));
  },
});

const latencyOptions = {
  "compute-ms": {
    type: "number",
    min: 0,
    exclusiveMin: true,
    default: 10,
    valueName: "MS",
    description: "CPU work per request, half before its I/O and half after",
  },
  "idle-ms": { type: "number", min: 0, default: 5, valueName: "MS", description: "I/O wait per request (t_idle)" },
  "ctx-switch-ms": { type: "number", min: 0, default: 1, valueName: "MS", description: "cost of one context switch (t_ctx_switch)" },
  requests: { type: "integer", min: 1, max: 100_000, default: 4, description: "number of requests (one thread each)" },
  seed: { type: "integer", short: "s", min: 0, max: 4_294_967_295, default: 1, description: "with --random: the problem's seed" },
  ...problemOptions,
  json: { type: "boolean", description: "print one JSON object instead of text" },
} as const;

function policyRow(run: LatencyHidingRun): string[] {
  return [
    run.policy,
    formatMs(run.totalMs),
    formatMs(run.cpuBusyMs),
    formatMs(run.switchingMs),
    formatMs(run.cpuIdleMs),
    `${formatMs(run.utilization * 100)}%`,
    String(run.contextSwitches),
    formatMs(run.meanCompletionMs),
  ];
}

function latencyText(comparison: LatencyHidingComparison): string {
  const { options } = comparison;
  const header = ["policy", "total", "cpu busy", "switching", "cpu idle", "utilization", "switches", "mean completion"];
  const outcome =
    comparison.savedMs > 0
      ? `switching finished ${formatMs(comparison.savedMs)} ms sooner`
      : comparison.savedMs < 0
        ? `switching finished ${formatMs(-comparison.savedMs)} ms later`
        : "both policies finished at the same time";
  return [
    echoArguments([
      ["compute-ms", options.computeMs],
      ["idle-ms", options.idleMs],
      ["ctx-switch-ms", options.ctxSwitchMs],
      ["requests", options.requests],
    ]),
    "",
    "one CPU, all times in ms",
    "",
    textTable([policyRow(comparison.noSwitch), policyRow(comparison.switching)], { header }),
    "",
    outcome,
    `rule: switching pays when t_idle > 2·t_ctx_switch = ${formatMs(comparison.breakEvenIdleMs)} ms; ` +
      `t_idle = ${formatMs(options.idleMs)} ms, so ${comparison.ruleSaysSwitch ? "switch" : "do not switch"}`,
    "",
  ].join("\n");
}

const latencyHidingCommand = defineCommand({
  name: "latency-hiding",
  summary: "one CPU with and without switching during I/O (P2L5 §14): switching pays when t_idle > 2·t_ctx_switch",
  details: "Example: flashlab sim latency-hiding --compute-ms 10 --idle-ms 5 --ctx-switch-ms 1 --requests 4",
  options: latencyOptions,
  run({ options }, io: CommandIO) {
    if (poseProblem(options, modelOptionsGiven(latencyOptions, options), latencyHidingProblem, io)) return;
    const comparison = asUsage(() =>
      simulateLatencyHiding({
        computeMs: options["compute-ms"],
        idleMs: options["idle-ms"],
        ctxSwitchMs: options["ctx-switch-ms"],
        requests: options.requests,
      }),
    );
    if (options.json) {
      const { options: used, ...rest } = comparison;
      io.stdout(`${JSON.stringify({ ...used, ...rest })}\n`);
    } else {
      io.stdout(latencyText(comparison));
    }
  },
});

const metricsOptions = {
  seed: { type: "integer", short: "s", min: 0, max: 4_294_967_295, default: 1, description: "the problem's seed" },
  ...problemOptions,
  json: { type: "boolean", description: "print one JSON object instead of text" },
} as const;

const metricsProblemCommand = defineCommand({
  name: "metrics",
  summary: "a random table of request records (P2L5 §5–7): throughput, response and wait times, SLA, bandwidth",
  details: "Example: flashlab sim metrics --random --seed 7 (add --answers for the worked answers)",
  options: metricsOptions,
  run({ options }, io: CommandIO) {
    if (!options.random) throw new UsageError("sim metrics poses random problems only: add --random (and --seed S)");
    poseProblem(options, [], metricsProblem, io);
  },
});

export const simCommands: Array<Command<any> | CommandGroup> = [
  defineGroup({
    name: "sim",
    summary: "run the simulator's models (the toy shop, latency hiding, the M/M/1 queue, the server architectures) or pose self-check problems (--random)",
    subcommands: [toyshopCommand, latencyHidingCommand, metricsProblemCommand, mm1Command, simServerCommand, simCalibrateCommand],
  }),
];
