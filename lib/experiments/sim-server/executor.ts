/**
 * The sim-server executor: one run of a point is one run of an architecture model (lib/sim's
 * `simulateServer`) on a hardware profile, with the point's settings read as the server-load executor
 * reads them, against the very workload folder a real run would serve. Its warm-up and measured load
 * last the profile's seconds of simulated time. Metrics that both executors measure have the same
 * names (throughputRps, responseMsP95, serverCpuPct, diskMissPct, …), so a spec's results can be set
 * side by side with a real sweep's.
 */
import { performance } from "node:perf_hooks";
import type { HardwareProfile } from "../../sim/server-model/hardware.js";
import { hardwareProfile } from "../../sim/server-model/profiles.js";
import type { ServerWorkload } from "../../sim/server-model/server-workload.js";
import { simulateServer, type ServerSimulationOptions, type ServerSimulationResult } from "../../sim/server-model/simulate-server.js";
import type { SimArchitectureName } from "../../sim/server-model/architecture-model.js";
import type { ExecutorSession, MetricDescriptor, PointExecutor, RunContext, RunOutcome, RunTiming, SessionContext } from "../runner/executor.js";
import type { PointSettings } from "../runner/spec.js";
import { serverLoadMetrics } from "../server-load/metrics.js";
import { cacheSwitches } from "../server-load/settings.js";
import { prepareWorkload, workloadCacheRoot, workloadFolderName, workloadRecipe } from "../server-load/workloads.js";
import { checkSimServerPoint, simServerSettings } from "./settings.js";
import { serverWorkloadFromFolder } from "./workload-folder.js";

export const simServerMetrics = {
  throughputRps: serverLoadMetrics.throughputRps,
  bandwidthMBps: serverLoadMetrics.bandwidthMBps,
  connectionRate: serverLoadMetrics.connectionRate,
  responseMsMean: serverLoadMetrics.responseMsMean,
  responseMsP50: serverLoadMetrics.responseMsP50,
  responseMsP95: serverLoadMetrics.responseMsP95,
  responseMsP99: serverLoadMetrics.responseMsP99,
  errorPct: serverLoadMetrics.errorPct,
  serverCpuPct: { unit: "% of one core", description: "simulated CPU time of the server's contexts (switches included) over the measured load" },
  requestsPerCpuSecond: { unit: "requests per CPU-second", description: "requests completed per simulated second of the server's CPU time" },
  clientCpuPct: { unit: "% of one core", description: "simulated CPU time of the load generator, where the profile has one on the machine" },
  diskMisses: serverLoadMetrics.diskMisses,
  diskMissPct: serverLoadMetrics.diskMissPct,
  diskMissesPerRequest: serverLoadMetrics.diskMissesPerRequest,
  diskUtilizationPct: { unit: "%", description: "time the disk's arms were busy with misses, over arms × time" },
  contextSwitchesPerRequest: { unit: "switches", description: "context switches per completed request" },
  bufferCacheMB: { unit: "MB", description: "the buffer cache: memory the server's contexts, connections and data caches left" },
  serverMemoryMB: { unit: "MB", description: "memory of the server's contexts, connections and Flash data caches" },
  memoryOvercommittedMB: { unit: "MB", description: "memory the server needs beyond the machine's (a real machine would page)" },
  events: { unit: "events", description: "events the simulation ran" },
  eventsPerSec: { unit: "events/s", description: "events per second of wall time" },
} as const satisfies Record<string, MetricDescriptor>;

const numberOr = <T>(value: unknown, word: string, fallback: T): number | T => (value === word || value === undefined ? fallback : Number(value));

/** The model's options for a point: the server-load settings read the way the real executor reads them. */
export function simulationOptionsOf(settings: PointSettings, workload: ServerWorkload, hardware: HardwareProfile, timing: RunTiming, seed: number): ServerSimulationOptions {
  const clients = Number(settings.clients ?? 32);
  const workers = settings.workers === "clients" ? clients : typeof settings.workers === "number" ? settings.workers : undefined;
  const disk: NonNullable<ServerSimulationOptions["disk"]> = {};
  const latency = numberOr(settings.diskLatencyMs, "profile", undefined);
  const bandwidth = numberOr(settings.diskMBps, "profile", undefined);
  const parallelism = settings.diskParallelism === "unlimited" ? Infinity : numberOr(settings.diskParallelism, "profile", undefined);
  if (latency !== undefined) disk.latencyMs = latency;
  if (bandwidth !== undefined) disk.bandwidthMBps = bandwidth;
  if (parallelism !== undefined) disk.parallelism = parallelism;
  const switches = cacheSwitches(String(settings.caches ?? "all"));
  const options: ServerSimulationOptions = {
    arch: settings.arch as SimArchitectureName,
    hardware,
    workload,
    disk,
    caches: { ...switches, ...(typeof settings.dataCacheMB === "number" ? { dataMB: settings.dataCacheMB } : {}) },
    gather: settings.gather !== false,
    clients,
    thinkMs: Number(settings.thinkMs ?? 0),
    prime: settings.prime === true,
    // The executor's warm-up and measured load are two loads of the load generator, each starting afresh.
    separateLoads: true,
    warmupS: timing.warmupS,
    durationS: timing.durationS,
    seed,
  };
  const cacheMB = numberOr(settings.cacheMB, "memory", undefined);
  if (cacheMB !== undefined) options.cacheMB = cacheMB;
  if (workers !== undefined) options.workers = workers;
  if (typeof settings.helpers === "number") options.helpers = settings.helpers;
  if (typeof settings.cores === "number") options.cores = settings.cores;
  if (typeof settings.memoryMB === "number") options.memoryMB = settings.memoryMB;
  if (Number(settings.clientDelayMs) > 0) options.clientRttMs = Number(settings.clientDelayMs);
  if (Number(settings.clientKbps) > 0) options.clientMbps = Number(settings.clientKbps) / 1000;
  return options;
}

/** The metrics of one simulated run, under the executors' shared names. */
export function simulationMetrics(result: ServerSimulationResult): Record<string, number | null> {
  const attempted = result.requests + result.refused;
  const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
  return {
    throughputRps: result.throughputRps,
    bandwidthMBps: result.bandwidthMBps,
    connectionRate: result.throughputRps,
    responseMsMean: finite(result.responseMs.mean),
    responseMsP50: finite(result.responseMs.p50),
    responseMsP95: finite(result.responseMs.p95),
    responseMsP99: finite(result.responseMs.p99),
    errorPct: attempted === 0 ? null : (100 * result.refused) / attempted,
    serverCpuPct: 100 * result.utilization.cpu! * result.configuration.cores,
    requestsPerCpuSecond: finite(result.throughputRps / (result.utilization.cpu! * result.configuration.cores)),
    clientCpuPct: result.utilization["load generator"] === undefined ? null : 100 * result.utilization["load generator"],
    diskMisses: result.disk.misses,
    diskMissPct: finite(100 * result.disk.missRatio),
    diskMissesPerRequest: result.requests === 0 ? null : result.disk.misses / result.requests,
    diskUtilizationPct: finite(100 * result.disk.utilization),
    contextSwitchesPerRequest: result.requests === 0 ? null : (result.cpu.processSwitches + result.cpu.threadSwitches) / result.requests,
    bufferCacheMB: result.memory.bufferCacheMB,
    serverMemoryMB: result.memory.contextsMB + result.memory.connectionsMB + result.memory.dataCachesMB,
    memoryOvercommittedMB: result.memory.overcommittedMB,
    events: result.events,
    eventsPerSec: result.eventsPerSec,
  };
}

class SimServerSession implements ExecutorSession {
  constructor(
    private readonly workloads: ReadonlyMap<string, ServerWorkload>,
    private readonly profiles: ReadonlyMap<string, HardwareProfile>,
    private readonly seed: number,
  ) {}

  async run(settings: PointSettings, run: RunContext): Promise<RunOutcome> {
    run.signal.throwIfAborted();
    const workload = this.workloads.get(workloadFolderName(workloadRecipe(settings, this.seed)))!;
    const hardware = this.profiles.get(String(settings.hardware))!;
    const started = performance.now();
    const result = simulateServer(simulationOptionsOf(settings, workload, hardware, run.timing, run.seed));
    const warnings = [...result.warnings];
    if (settings.expectCached === true && result.disk.misses > 0) warnings.push(`${result.disk.misses} disk misses in the measured load of a point meant to be cached (of ${result.disk.reads} reads)`);
    return {
      metrics: simulationMetrics(result),
      warnings,
      details: { simulation: { ...result, wallMs: performance.now() - started }, hardware: { name: hardware.name, source: hardware.source } },
    };
  }

  async close(): Promise<void> {}
}

async function openSession(points: readonly PointSettings[], context: SessionContext): Promise<ExecutorSession> {
  const workloads = new Map<string, ServerWorkload>();
  const profiles = new Map<string, HardwareProfile>();
  for (const settings of points) {
    context.signal.throwIfAborted();
    const name = String(settings.hardware);
    if (!profiles.has(name)) profiles.set(name, hardwareProfile(name));
    const recipe = workloadRecipe(settings, context.seed);
    const folderName = workloadFolderName(recipe);
    if (workloads.has(folderName)) continue;
    const announce = (): void => {
      if (recipe.kind === "surge" || recipe.kind === "specweb96") context.log(`building the ${recipe.kind} workload of ${Math.round(recipe.targetBytes / 2 ** 20)} MB (once; later sweeps reuse it)`);
    };
    const prepared = await prepareWorkload(recipe, workloadCacheRoot(), announce);
    workloads.set(folderName, await serverWorkloadFromFolder(prepared.folder));
  }
  return new SimServerSession(workloads, profiles, context.seed);
}

export const simServerExecutor: PointExecutor = {
  name: "sim-server",
  description: "an architecture model of lib/sim on a hardware profile, serving the same workload folders as server-load",
  settings: simServerSettings,
  metrics: simServerMetrics,
  checkPoint: checkSimServerPoint,
  // The models run at about a million events a second, some ten events per simulated request.
  estimateSeconds: (_settings, timing) => 0.2 + 0.05 * (timing.warmupS + timing.durationS),
  open: openSession,
};
