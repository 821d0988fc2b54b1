/**
 * The server-load executor: one run of a point is a fresh flashlab server (pinned to the server's
 * CPUs) serving the point's workload, loaded by flashlab's load generator in its own process (pinned to
 * the client's CPUs):
 *
 *   start server → [prime: every file once] → [warm-up load] → stats → measured load → stats, /proc → stop
 *
 * The metrics come from the load generator's summary of the measured window (lib/metrics) and from the
 * server's stats and /proc read just before and just after it, so the disk misses, the server's CPU
 * time and its memory belong to the same window. A point meant to be cached is checked: misses in the
 * window are counted and flagged. A server that reports a disk parallelism other than the point's fails
 * the run with a message rather than producing results for a configuration that did not run.
 *
 * With a server host (a spec's `serverHost`), the server of each run is started there over SSH
 * (remote-server.ts) on that host's copy of the workload, and read over the same connection; the load
 * generator stays here. The session records that host's environment, and a run whose server or
 * connection is lost fails with the reason while the sweep goes on.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { LoadSummary } from "../../loadgen/index.js";
import { defaultServerSettings } from "../../servers/options.js";
import { architectures } from "../../servers/registry.js";
import { startServer } from "../../servers/start-server.js";
import type { ServerDiskOptions, ServerOptions, ServerStats } from "../../servers/types.js";
import { projectRoot } from "../../runtime/paths.js";
import { shellCommand } from "../../runtime/shell-quote.js";
import { runOverSsh, type SshTarget } from "../../runtime/ssh.js";
import type { EnvironmentRecord } from "../environment.js";
import type { ExecutorSession, PointExecutor, RunContext, RunOutcome, RunTiming, SessionContext } from "../runner/executor.js";
import type { ServerHostRecord } from "../runner/run-folder.js";
import type { PointSettings, ServerHostSpec } from "../runner/spec.js";
import { type ClientLoadResult, LoadClient } from "./load-client.js";
import type { ClientLoad } from "./load-client-protocol.js";
import { serverLoadMetrics } from "./metrics.js";
import { RemoteServer } from "./remote-server.js";
import { ensureRemoteWorkload } from "./remote-workloads.js";
import { compactStats, diskCounts, serverFacts } from "./server-readings.js";
import { localServer, type ServerUnderTest } from "./server-under-test.js";
import { cacheSwitches, checkServerLoadPoint, serverLoadSettings } from "./settings.js";
import { type PreparedWorkload, prepareWorkload, workloadCacheRoot, workloadFolderName, workloadRecipe } from "./workloads.js";

const bytesPerMB = 1024 * 1024;

/** The workers of a point: a number, one per client, or the architecture's default. */
function workersOf(settings: PointSettings): number | undefined {
  if (settings.workers === "clients") return Number(settings.clients);
  return typeof settings.workers === "number" ? settings.workers : undefined;
}

/** The startServer options of a point. */
export function serverOptionsOf(settings: PointSettings, docroot: string, cpus: string | null): ServerOptions {
  const arch = settings.arch as ServerOptions["arch"];
  let disk: ServerDiskOptions;
  if (settings.disk === "sim") {
    disk = { kind: "sim", latencyMs: Number(settings.diskLatencyMs), bandwidthMBps: Number(settings.diskMBps), cacheMB: Number(settings.cacheMB) };
    if (typeof settings.diskParallelism === "number") disk.parallelism = settings.diskParallelism;
  } else {
    disk = { kind: settings.disk === "cold" ? "cold" : "real" };
  }
  const workers = workersOf(settings);
  const options: ServerOptions = {
    arch,
    docroot,
    disk,
    caches: { ...cacheSwitches(String(settings.caches)), ...(typeof settings.dataCacheMB === "number" ? { dataMB: settings.dataCacheMB } : {}) },
    gather: settings.gather !== false,
    timing: settings.stepTiming === true,
  };
  if (workers !== undefined) options.workers = workers;
  if (typeof settings.helpers === "number") options.helpers = settings.helpers;
  if (cpus !== null) options.cpus = cpus;
  return options;
}

/** Rough seconds to start and stop a server of this point (each architecture declares its own costs). */
function serverStartStopSeconds(settings: PointSettings): number {
  const architecture = architectures[String(settings.arch) as ServerOptions["arch"]];
  if (!architecture) return 1.3;
  const workers = workersOf(settings) ?? architecture.defaultWorkers;
  const helpers = typeof settings.helpers === "number" ? settings.helpers : defaultServerSettings.helpers;
  const { fixed, perWorker, perHelper } = architecture.startupSeconds;
  return fixed + perWorker * workers + perHelper * helpers;
}

/** Rough file count and bytes of a point's workload, without building it. */
function workloadSize(settings: PointSettings): { files: number; bytes: number } {
  const bytes = Number(settings.datasetMB ?? 0) * bytesPerMB;
  switch (settings.workload) {
    case "nasa-excerpt":
      return { files: 431, bytes: 15.9e6 };
    case "surge":
      return { files: bytes / 46_000, bytes };
    case "specweb96":
      return { files: bytes / 140_000, bytes };
    default:
      return { files: 1, bytes: Number(settings.fileSizeKB ?? 1) * 1024 };
  }
}

function estimateSeconds(settings: PointSettings, timing: RunTiming): number {
  let prime = 0;
  if (settings.prime === true) {
    const { files, bytes } = workloadSize(settings);
    const missSeconds = settings.disk === "sim" ? (files * Number(settings.diskLatencyMs)) / 1000 + bytes / (Number(settings.diskMBps) * bytesPerMB) : files * 0.001;
    const overlapsMisses = architectures[String(settings.arch) as ServerOptions["arch"]]?.overlapsMisses ?? true;
    const overlap = overlapsMisses ? Math.min(4, typeof settings.diskParallelism === "number" ? settings.diskParallelism : 4) : 1;
    prime = missSeconds / overlap + 0.3;
  }
  const loads = (settings.prime === true ? 1 : 0) + (timing.warmupS > 0 ? 1 : 0) + 1;
  return serverStartStopSeconds(settings) + prime + timing.warmupS + timing.durationS + 0.25 * loads;
}

/** The client load of a point, for a phase. */
function clientLoad(settings: PointSettings, url: string, workload: PreparedWorkload, seed: number): Omit<ClientLoad, "requests"> {
  const load: Omit<ClientLoad, "requests"> = {
    url,
    workloadFolder: workload.folder,
    clients: Number(settings.clients),
    http: settings.http === "1.1" ? "1.1" : "1.0",
    thinkMs: Number(settings.thinkMs ?? 0),
    timeoutMs: Number(settings.timeoutMs),
    threads: Number(settings.loadThreads ?? 1),
    seed,
  };
  if (Number(settings.clientDelayMs) > 0) load.clientDelayMs = Number(settings.clientDelayMs);
  if (Number(settings.clientKbps) > 0) load.clientKbps = Number(settings.clientKbps);
  return load;
}

/** The load generator's view of the window, as metrics. */
function clientMetrics(summary: LoadSummary): Record<string, number | null> {
  const attempted = summary.requests + summary.errorsTotal;
  return {
    throughputRps: summary.throughputRps,
    bandwidthMBps: summary.bandwidthMBps,
    connectionRate: summary.connectionRate,
    responseMsMean: summary.responseMs?.mean ?? null,
    responseMsP50: summary.responseMs?.p50 ?? null,
    responseMsP95: summary.responseMs?.p95 ?? null,
    responseMsP99: summary.responseMs?.p99 ?? null,
    errorPct: attempted === 0 ? null : (100 * summary.errorsTotal) / attempted,
    clientCpuPct: summary.clientCpuPct,
  };
}

/** Refuses a run whose server did not apply the disk parallelism the point asks for. */
function checkDiskParallelism(settings: PointSettings, stats: ServerStats): void {
  if (settings.disk !== "sim") return;
  const asked = settings.diskParallelism === "unlimited" || settings.diskParallelism === undefined ? Infinity : Number(settings.diskParallelism);
  const reported = serverFacts(stats).diskParallelism;
  if (reported !== asked) throw new Error(`diskParallelism ${asked} was asked for, but the server reports ${reported}`);
}

/**
 * The server's stats at the start and at the end of the measured load. Its CPU time is sampled in
 * between (ServerCpuSampler), after the first request and before the second, so that what answering
 * them costs the server (a report from every process and thread) is not charged to the window.
 */
interface WindowEdge {
  stats: ServerStats;
  atMs: number;
}

async function windowEdge(server: ServerUnderTest): Promise<WindowEdge> {
  return { stats: await server.stats(), atMs: performance.now() };
}

/** Every failed request, by kind, in words: "timeout 3, reset 1". */
function errorText(summary: LoadSummary): string {
  return Object.entries(summary.errors)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
}

/** Wall-clock seconds of each phase of a run (start, prime, warmup, measure, stop), kept with the run. */
class PhaseClock {
  readonly seconds: Record<string, number> = {};
  private last = performance.now();

  lap(phase: string): void {
    const now = performance.now();
    this.seconds[phase] = Math.round(now - this.last) / 1000;
    this.last = now;
  }
}

/** The server host of a session: how to reach it, how to run flashlab there, its environment and its copies of the workloads. */
interface ServerHost {
  target: SshTarget;
  flashlab: string;
  record: ServerHostRecord;
  /** Workload folder name → its docroot on the server host. */
  docroots: Map<string, string>;
}

/** Connects to the server host: reads its environment and puts every workload of the sweep there. */
async function openServerHost(spec: ServerHostSpec, workloads: ReadonlyMap<string, PreparedWorkload>, context: SessionContext): Promise<ServerHost> {
  const target: SshTarget = { host: spec.host, ...(spec.sshConfig ? { sshConfig: spec.sshConfig } : {}) };
  const flashlab = spec.flashlab ?? shellCommand([process.execPath, join(projectRoot, "bin", "flashlab.js")]);
  const text = await runOverSsh(target, `${flashlab} environment --json`, { timeoutMs: 60_000, signal: context.signal });
  let environment: EnvironmentRecord;
  try {
    environment = JSON.parse(text.trim().split("\n").at(-1) ?? "") as EnvironmentRecord;
  } catch {
    throw new Error(`\`${flashlab} environment --json\` on ${spec.host} printed no environment (${JSON.stringify(text.slice(0, 200))}); is flashlab installed there (serverHost.flashlab)?`);
  }
  const docroots = new Map<string, string>();
  for (const [name, workload] of workloads) docroots.set(name, (await ensureRemoteWorkload(target, workload, context.signal, context.log)).docroot);
  return { target, flashlab, record: { target: spec.host, environment }, docroots };
}

class ServerLoadSession implements ExecutorSession {
  private readonly client: LoadClient;

  constructor(
    private readonly workloads: ReadonlyMap<string, PreparedWorkload>,
    private readonly context: SessionContext,
    private readonly host: ServerHost | undefined,
  ) {
    this.client = new LoadClient(context.placement.clientCpus);
  }

  get serverHost(): ServerHostRecord | undefined {
    return this.host?.record;
  }

  /** Starts the run's server: here, or on the server host over SSH. */
  private async startServer(options: ServerOptions, workloadName: string, signal: AbortSignal): Promise<ServerUnderTest> {
    if (this.host === undefined) return localServer(await startServer(options));
    const docroot = this.host.docroots.get(workloadName)!;
    return RemoteServer.start({ target: this.host.target, flashlab: this.host.flashlab, server: { ...options, docroot }, signal });
  }

  async run(settings: PointSettings, run: RunContext): Promise<RunOutcome> {
    const workloadName = workloadFolderName(workloadRecipe(settings, this.context.seed));
    const workload = this.workloads.get(workloadName)!;
    const options = serverOptionsOf(settings, workload.docroot, this.context.placement.serverCpus);
    run.signal.throwIfAborted();
    const phases = new PhaseClock();
    const server = await this.startServer(options, workloadName, run.signal);
    phases.lap("start");
    try {
      const outcome = await this.measure(settings, run, server, options, workload, phases);
      outcome.details.phasesS = phases.seconds;
      return outcome;
    } finally {
      await server.stop().catch(() => undefined);
      phases.lap("stop");
    }
  }

  private async measure(settings: PointSettings, run: RunContext, server: ServerUnderTest, options: ServerOptions, workload: PreparedWorkload, phases: PhaseClock): Promise<RunOutcome> {
    const { signal, timing } = run;
    checkDiskParallelism(settings, await server.stats());
    const load = clientLoad(settings, server.url, workload, run.seed);
    const slack = Number(settings.timeoutMs) + 30_000;
    const warnings: string[] = [];
    const details: Record<string, unknown> = {
      server: { options, diskDescription: server.diskDescription, url: server.url, ...(this.host ? { host: this.host.target.host } : {}) },
      workload: { folder: workload.folder, kind: workload.manifest.kind, files: workload.manifest.stats.fileCount, bytes: workload.manifest.stats.totalBytes },
    };
    if (settings.prime === true) {
      const files = workload.manifest.stats.filesRequested;
      const prime = await this.client.run({ ...load, requests: "every-file-once" }, slack + (files * Number(settings.timeoutMs)) / Math.max(1, Math.min(load.clients, files)), signal);
      details.prime = { requests: prime.summary.requests, errors: prime.summary.errorsTotal, seconds: prime.summary.durationS };
      if (prime.summary.errorsTotal > 0) warnings.push(`priming: ${prime.summary.errorsTotal} of ${files} files failed (${errorText(prime.summary)})`);
      phases.lap("prime");
    }
    if (timing.warmupS > 0) {
      const warmup = await this.client.run({ ...load, requests: "stream", durationS: timing.warmupS }, timing.warmupS * 1000 + slack, signal);
      details.warmup = { requests: warmup.summary.requests, errors: warmup.summary.errorsTotal, seconds: warmup.summary.durationS };
      phases.lap("warmup");
    }
    const before = await windowEdge(server);
    const meter = await server.startCpuMeter();
    let measured: ClientLoadResult;
    try {
      measured = await this.client.run({ ...load, requests: "stream", durationS: timing.durationS }, timing.durationS * 1000 + slack, signal);
    } finally {
      await meter.stop().catch(() => undefined);
    }
    const after = await windowEdge(server);
    const memory = await server.memory();
    const serverCpu = meter.reading(measured.measuredStartEpochMs, timing.durationS);
    phases.lap("measure");
    const windowSeconds = (after.atMs - before.atMs) / 1000;
    const disk = [diskCounts(before.stats), diskCounts(after.stats)] as const;
    const diskReads = disk[0] && disk[1] ? disk[1].reads - disk[0].reads : null;
    const diskMisses = disk[0] && disk[1] ? disk[1].misses - disk[0].misses : null;
    const metrics: Record<string, number | null> = {
      ...clientMetrics(measured.summary),
      serverCpuPct: serverCpu?.cpuPct ?? null,
      rssMB: memory === undefined ? null : memory.rssBytes / bytesPerMB,
      pssMB: memory?.pssBytes === undefined ? null : memory.pssBytes / bytesPerMB,
      diskMisses,
      diskMissPct: diskReads === null || diskMisses === null || diskReads === 0 ? null : (100 * diskMisses) / diskReads,
    };
    if (settings.expectCached === true && diskMisses !== null && diskMisses > 0) {
      warnings.push(`${diskMisses} disk misses in the measured window of a point meant to be cached (of ${diskReads} reads): the cache was not warm, or the set does not fit`);
    }
    if (measured.summary.errorsTotal > 0) warnings.push(`${measured.summary.errorsTotal} requests failed in the measured window (${errorText(measured.summary)})`);
    if (server.diskDescription.startsWith("cold-cache mode skipped")) warnings.push(server.diskDescription);
    Object.assign(details, {
      facts: serverFacts(after.stats),
      window: { seconds: windowSeconds, diskReads, diskMisses, serverCpuSeconds: serverCpu?.seconds ?? null, serverCpuOver: serverCpu?.over ?? null },
      memory,
      load: { summary: measured.summary, parameters: measured.parameters },
      serverStats: compactStats(after.stats),
    });
    return { metrics, warnings, details };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

async function openSession(points: readonly PointSettings[], context: SessionContext): Promise<ExecutorSession> {
  const workloads = new Map<string, PreparedWorkload>();
  for (const settings of points) {
    const recipe = workloadRecipe(settings, context.seed);
    const name = workloadFolderName(recipe);
    if (workloads.has(name)) continue;
    context.signal.throwIfAborted();
    const announce = (): void => {
      if (recipe.kind === "surge" || recipe.kind === "specweb96") context.log(`building the ${recipe.kind} workload of ${Math.round(recipe.targetBytes / bytesPerMB)} MB (once; later sweeps reuse it)`);
    };
    workloads.set(name, await prepareWorkload(recipe, workloadCacheRoot(), announce));
  }
  const host = context.serverHost === undefined ? undefined : await openServerHost(context.serverHost, workloads, context);
  return new ServerLoadSession(workloads, context, host);
}

export const serverLoadExecutor: PointExecutor = {
  name: "server-load",
  description: "a flashlab server on the server's CPUs under flashlab's load generator on the client's CPUs",
  settings: serverLoadSettings,
  metrics: serverLoadMetrics,
  checkPoint: checkServerLoadPoint,
  runsServerElsewhere: true,
  estimateSeconds,
  open: openSession,
};
