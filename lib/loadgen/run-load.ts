/**
 * `runLoad`: one load run from start to summary. It checks the options, resolves the URL and checks
 * that the server answers, splits the clients, the rate and the request count across worker threads,
 * starts them together, gathers their records (to CSV, into the HDR histograms, and for the summary),
 * and summarizes with the metrics module's `summarizeRequests`. It also measures the client's own CPU
 * use, so a reader can tell whether the client could have been the bottleneck.
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { cpuUtilizationFromProcessUsage } from "../metrics/process-cpu-usage.js";
import type { RequestRecord } from "../metrics/request-record.js";
import { requestSummaryFromTotals, summarizeRequests } from "../metrics/request-summary.js";
import { compiledModule } from "../runtime/paths.js";
import type { EngineConfig, EngineReport, EngineRequestPlan } from "./engine-config.js";
import { createLoadEngine } from "./engine-thread.js";
import { emptyErrorCounts, loadErrorKinds } from "./error-kinds.js";
import { type LatencyHistogram, latencySummaryFromHistogram } from "./latency-histograms.js";
import { type LoadOptions, type ResolvedLoadOptions, resolveLoadOptions } from "./load-options.js";
import { buildLoadSummary, type LoadSummary } from "./load-summary.js";
import type { LoadWorkerCommand, LoadWorkerMessage } from "./load-worker.js";
import { RecordCollector } from "./record-collector.js";
import { RecordsCsvWriter } from "./records-csv.js";
import { buildRequestPlan } from "./request-plan.js";
import { type LoadTarget, probeLoadTarget, resolveLoadTarget } from "./target.js";

/** Everything a run produced. */
export interface LoadResult {
  summary: LoadSummary;
  /** The parameters the run used, defaults filled in. */
  parameters: ResolvedLoadOptions;
  /** HDR histograms (µs) of the measured, successful requests' response and wait times, all threads. */
  histograms: { responseUs: LatencyHistogram; waitUs: LatencyHistogram };
  /** The measured requests, when `keepRecords` was set (and they fit in memory). */
  records?: RequestRecord[];
}

/** Records per block a thread hands over. */
const rowsPerBlock = 4096;
/** Time given to the threads between "start" and the run's first instant. */
const startLeadMs = 20;

/** One share per thread of the clients, the rate and the request count. */
function threadConfigs(parameters: ResolvedLoadOptions, target: LoadTarget, plan: EngineRequestPlan): EngineConfig[] {
  const threadCount = Math.max(1, Math.min(parameters.threads, parameters.requests ?? Infinity));
  const configs: EngineConfig[] = [];
  let clientIdOffset = 0;
  for (let threadIndex = 0; threadIndex < threadCount; threadIndex++) {
    const share = (total: number) => Math.floor(total / threadCount) + (threadIndex < total % threadCount ? 1 : 0);
    const clients = share(parameters.clients);
    configs.push({
      threadIndex,
      threadCount,
      clientIdOffset,
      address: target.address,
      port: target.port,
      hostHeader: target.hostHeader,
      mode: parameters.mode,
      clients,
      http: parameters.http,
      pipeline: parameters.pipeline,
      thinkDistribution: parameters.thinkDistribution,
      thinkMs: parameters.thinkMs,
      arrival: parameters.arrival === "constant" ? "constant" : "poisson",
      ratePerS: parameters.rate === null ? 0 : parameters.rate / threadCount,
      plan,
      warmupMs: parameters.warmupS * 1000,
      durationMs: parameters.durationS === null ? Infinity : parameters.durationS * 1000,
      requestLimit: parameters.requests === null ? Infinity : share(parameters.requests),
      timeoutMs: parameters.timeoutMs,
      clientDelayMs: parameters.clientDelayMs,
      clientKbps: parameters.clientKbps ?? 0,
      seed: parameters.seed,
      startAtEpochMs: 0,
      rowsPerBlock,
    });
    clientIdOffset += clients;
  }
  return configs;
}

function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

interface ThreadHooks {
  onBlock(values: Float64Array, count: number): void;
  onProgress(threadIndex: number, completed: number, failed: number): void;
}

/** Runs the configs on the calling thread (threads: 0). */
async function runOnThisThread(config: EngineConfig, hooks: ThreadHooks, signal: AbortSignal | undefined): Promise<EngineReport[]> {
  const engine = createLoadEngine(
    { ...config, startAtEpochMs: epochNowMs() + startLeadMs },
    {
      onBlock: (block) => hooks.onBlock(block.values, block.count),
      onProgress: (progress) => hooks.onProgress(0, progress.completed, progress.failed),
    },
  );
  const stop = () => engine.stop();
  signal?.addEventListener("abort", stop, { once: true });
  if (signal?.aborted) stop();
  try {
    return [await engine.run()];
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}

/** Runs each config on its own worker thread, started together once all are ready. */
function runOnWorkers(configs: EngineConfig[], hooks: ThreadHooks, signal: AbortSignal | undefined): Promise<EngineReport[]> {
  const workerFile = compiledModule("loadgen/load-worker");
  return new Promise((resolve, reject) => {
    const workers = configs.map((config) => new Worker(workerFile, { workerData: config }));
    const reports: EngineReport[] = [];
    let ready = 0;
    let settled = false;
    const command = (message: LoadWorkerCommand) => workers.forEach((worker) => worker.postMessage(message));
    const stop = () => command({ type: "stop" });
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", stop);
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(reports.sort((a, b) => a.threadIndex - b.threadIndex));
    };
    signal?.addEventListener("abort", stop, { once: true });
    if (signal?.aborted) stop();
    workers.forEach((worker, threadIndex) => {
      worker.on("message", (message: LoadWorkerMessage) => {
        switch (message.type) {
          case "ready":
            if (++ready === workers.length) command({ type: "start", startAtEpochMs: epochNowMs() + startLeadMs });
            break;
          case "block":
            hooks.onBlock(message.values, message.count);
            break;
          case "progress":
            hooks.onProgress(threadIndex, message.completed, message.failed);
            break;
          case "done":
            reports.push(message.report);
            if (reports.length === workers.length) settle();
            break;
          case "error":
            settle(new Error(`load thread ${threadIndex} failed: ${message.message}`));
            break;
        }
      });
      worker.on("error", (error) => settle(new Error(`load thread ${threadIndex} crashed: ${error.message}`)));
      worker.on("exit", (code) => {
        if (!settled && reports.length < workers.length) settle(new Error(`load thread ${threadIndex} exited (code ${code}) before finishing`));
      });
    });
  });
}

/**
 * Runs a load against `options.url` and summarizes it. Rejects with a LoadOptionsError for bad options,
 * and with an Error for an unreachable server, an unwritable records file or a failed thread.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const parameters = resolveLoadOptions(options);
  const target = await resolveLoadTarget(options.url);
  await probeLoadTarget(target, Math.min(parameters.timeoutMs, 3000));
  const plan = buildRequestPlan(target.path, options.workload, parameters.arrival === "replay" ? parameters.replaySpeed : undefined);
  const configs = threadConfigs(parameters, target, plan);
  const csv = parameters.recordsFile === null ? undefined : new RecordsCsvWriter(parameters.recordsFile, plan.paths);
  const collector = new RecordCollector(plan.paths, csv, options.maxRecordsInMemory ?? 2_000_000, parameters.slaMs);
  const progressByThread = configs.map(() => ({ completed: 0, failed: 0 }));
  const warmupMs = parameters.warmupS * 1000;
  let progressOrigin = 0;
  const hooks: ThreadHooks = {
    onBlock: (values, count) => collector.add({ values, count }),
    onProgress: (threadIndex, completed, failed) => {
      progressByThread[threadIndex] = { completed, failed };
      if (options.onProgress === undefined) return;
      let totalCompleted = 0;
      let totalFailed = 0;
      for (const progress of progressByThread) {
        totalCompleted += progress.completed;
        totalFailed += progress.failed;
      }
      options.onProgress({ completed: totalCompleted, failed: totalFailed, elapsedS: (performance.now() - progressOrigin - warmupMs) / 1000 });
    },
  };
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  progressOrigin = wallBefore + startLeadMs;
  let reports: EngineReport[];
  try {
    reports = parameters.threads === 0 ? await runOnThisThread(configs[0] as EngineConfig, hooks, options.signal) : await runOnWorkers(configs, hooks, options.signal);
  } finally {
    await csv?.close();
  }
  const clientCpuPct = 100 * cpuUtilizationFromProcessUsage(cpuBefore, process.cpuUsage(), Math.max(1e-3, performance.now() - wallBefore));
  const responseUs = collector.responseHistogram;
  const waitUs = collector.waitHistogram;
  const result: LoadResult = {
    summary: summarizeRun(parameters, reports, collector, { responseUs, waitUs }, clientCpuPct),
    parameters,
    histograms: { responseUs, waitUs },
  };
  if (options.keepRecords && collector.keptAll) result.records = collector.requestRecords();
  return result;
}

/** The run's summary, from the records when they were kept, else from the histograms and totals. */
function summarizeRun(
  parameters: ResolvedLoadOptions,
  reports: EngineReport[],
  collector: RecordCollector,
  histograms: { responseUs: LatencyHistogram; waitUs: LatencyHistogram },
  clientCpuPct: number,
): LoadSummary {
  const errors = emptyErrorCounts();
  let completed = 0;
  let connections = 0;
  let retries = 0;
  const warmup = { requests: 0, errors: 0, connections: 0, retries: 0 };
  for (const report of reports) {
    completed += report.measured.completed;
    connections += report.measured.connections;
    retries += report.measured.retries;
    warmup.requests += report.warmup.completed;
    warmup.connections += report.warmup.connections;
    warmup.retries += report.warmup.retries;
    for (const kind of loadErrorKinds) {
      errors[kind] += report.measured.errors[kind];
      warmup.errors += report.warmup.errors[kind];
    }
  }
  const totals = collector.totals;
  const failed = loadErrorKinds.reduce((sum, kind) => sum + errors[kind], 0);
  if (totals.count === 0) {
    throw new Error("no request was measured: the run ended before any request was due (check the duration, warm-up and rate)");
  }
  if (totals.count !== completed + failed) {
    throw new Error(`record count ${totals.count} differs from the threads' count ${completed} completed + ${failed} failed`);
  }
  if (totals.retries !== retries) throw new Error(`the records count ${totals.retries} retries, the threads ${retries}`);
  const slaMs = parameters.slaMs ?? undefined;
  const base = collector.keptAll
    ? summarizeRequests(collector.requestRecords(), { connections, ...(slaMs === undefined ? {} : { slaMs }) })
    : requestSummaryFromTotals({
        requests: completed,
        errorsByKind: { ...errors },
        durationS: (totals.lastEndMs - totals.firstOriginMs) / 1000,
        bytes: totals.completedBytes,
        connections,
        responseMs: latencySummaryFromHistogram(histograms.responseUs),
        waitMs: latencySummaryFromHistogram(histograms.waitUs),
        ...(slaMs === undefined ? {} : { sla: { slaMs, violationPct: (100 * (totals.slaMisses + failed)) / totals.count } }),
      });
  return buildLoadSummary(base, {
    errors,
    connections,
    retries,
    clientDelayMs: parameters.clientDelayMs,
    clientKbps: parameters.clientKbps,
    clientCpuPct,
    warmup,
    summarySource: collector.keptAll ? "records" : "histograms",
  });
}
