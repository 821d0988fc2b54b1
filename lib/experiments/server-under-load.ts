/**
 * One real server under one or more phases of closed-loop load, for the notebooks' focused
 * demonstrations: what each phase's clients saw, and what the server's stats say happened in it (steps,
 * caches, helpers, each execution context's context switches), on the paper's uniprocessor testbed
 * (server pinned to one CPU, the load generator in its own process pinned to another, as the runner
 * places them; unpinned where taskset or a second CPU is missing, and the placement says so).
 *
 *   const run = await runServerUnderLoad({
 *     server: { arch: "mt", workers: 8 },
 *     workload: await prepareDemoWorkload({ files: [{ name: "page", bytes: 4096, count: 50 }] }),
 *     phases: [{ clients: 16, durationS: 2 }],
 *   });
 *   run.phases[0].summary.throughputRps; run.phases[0].contexts; stepMeansMs(run.phases[0]);
 *
 * The experiment runner (`runExperiment`) is for sweeps with repetitions and confidence intervals;
 * this is one server, one measurement, with the per-context detail a lecture demonstration needs.
 * Phases follow each other without a pause, so a phase starts with the server as the last one left it
 * (an Apache-like pool grown or shrunk, caches warm).
 */
import { pipelineSteps, type PipelineStep } from "../http/index.js";
import type { LoadSummary } from "../loadgen/index.js";
import { findTaskset } from "../runtime/executables.js";
import { startServer } from "../servers/start-server.js";
import type { ContextStats, RunningServer, ServerOptions, ServerStats } from "../servers/types.js";
import { captureEnvironment } from "./environment.js";
import { resolvePlacement, type ResolvedPlacement } from "./runner/placement.js";
import { LoadClient } from "./server-load/load-client.js";
import type { ClientLoad } from "./server-load/load-client-protocol.js";
import { processTreeMemory } from "./server-load/server-readings.js";
import type { PreparedWorkload } from "./server-load/workloads.js";

/** One phase of load: closed-loop clients for a while. */
export interface LoadPhase {
  /** Its name in tables and figures (default "phase <n>"). */
  label?: string;
  clients: number;
  durationS: number;
  /** "1.0": a new connection per request (the paper's clients, the default); "1.1": keep-alive. */
  http?: "1.0" | "1.1";
  /** Each client's pause between a response and its next request, ms. Default 0. */
  thinkMs?: number;
}

export interface ServerUnderLoadOptions {
  /** The server (its docroot is the workload's, its CPUs the placement's). */
  server: Omit<ServerOptions, "docroot" | "cpus">;
  /** What is served and requested: the clients cycle through its request stream. */
  workload: PreparedWorkload;
  phases: readonly LoadPhase[];
  /** A load before the first phase, not measured (caches warm, pools grown): the first phase's clients for this long. Default 0. */
  warmupS?: number;
  /** Request every file of the workload once before anything else (so it is in the caches). Default false. */
  prime?: boolean;
  /** "uniprocessor" (default): server on one CPU, client on another; "unpinned": leave both to the scheduler. */
  placement?: "uniprocessor" | "unpinned";
  /** After the last phase, leave the server without load for this long before reading its final stats (an Apache-like pool shrinks). Default 0. */
  idleAfterS?: number;
  /** A request not answered in this long fails, ms. Default 10,000. */
  timeoutMs?: number;
  seed?: number;
}

/** What one execution context did during a phase (counts are differences over the phase). */
export interface ContextActivity {
  kind: "process" | "thread";
  role: string;
  pid: number;
  tid?: number;
  requests: number;
  voluntaryContextSwitches: number | null;
  involuntaryContextSwitches: number | null;
  /** At the end of the phase: a process's resident memory; a thread's own V8 heap and what one thread added to its process. */
  rssBytes: number | null;
  heapBytes: number | null;
  rssIncrementBytes: number | null;
  /** Whether the context existed for the whole phase (false: it started or left during it; its counts are partial). */
  wholePhase: boolean;
}

/** One measured phase. */
export interface PhaseResult {
  label: string;
  clients: number;
  http: "1.0" | "1.1";
  durationS: number;
  /** What the load generator measured. */
  summary: LoadSummary;
  /** The server's stats just before and just after the phase. */
  before: ServerStats;
  after: ServerStats;
  contexts: ContextActivity[];
}

export interface ServerUnderLoadResult {
  arch: ServerOptions["arch"];
  placement: ResolvedPlacement;
  diskDescription: string;
  phases: PhaseResult[];
  /** Resident and proportional memory of the server's whole process tree after the last phase (null off Linux). */
  memory: { rssBytes: number; pssBytes: number | undefined; processes: number } | null;
  /** The server's stats at the end, after `idleAfterS` (Apache's pool samples, helpers, caches, …). */
  final: ServerStats;
}

function checkPhase(phase: LoadPhase, index: number): void {
  const where = `phase ${index + 1}`;
  if (!Number.isInteger(phase.clients) || phase.clients < 1) throw new RangeError(`${where}: clients must be a whole number ≥ 1; got ${phase.clients}`);
  if (!(phase.durationS > 0 && phase.durationS <= 3600)) throw new RangeError(`${where}: durationS must be above 0 and at most 3600; got ${phase.durationS}`);
  if (phase.http !== undefined && phase.http !== "1.0" && phase.http !== "1.1") throw new RangeError(`${where}: http must be "1.0" or "1.1"; got ${String(phase.http)}`);
  if (phase.thinkMs !== undefined && !(phase.thinkMs >= 0)) throw new RangeError(`${where}: thinkMs must be ≥ 0; got ${phase.thinkMs}`);
}

/** Where server and client run, as the runner resolves it. */
export function demoPlacement(spec: "uniprocessor" | "unpinned"): ResolvedPlacement {
  return resolvePlacement(spec, { taskset: findTaskset(), allowedCpus: captureEnvironment().cpuAffinity?.cpus ?? null });
}

const contextKey = (context: ContextStats): string => `${context.kind}/${context.role}/${context.pid}/${context.tid ?? ""}`;

/** Each live context's activity between two stats of the same server. */
export function contextActivity(before: ServerStats, after: ServerStats): ContextActivity[] {
  const earlier = new Map(before.contexts.filter((context) => context.alive).map((context) => [contextKey(context), context]));
  const difference = (now: number | undefined, then: number | undefined): number | null => (now === undefined ? null : now - (then ?? 0));
  return after.contexts
    .filter((context) => context.alive)
    .map((context) => {
      const was = earlier.get(contextKey(context));
      return {
        kind: context.kind,
        role: context.role,
        pid: context.pid,
        ...(context.tid === undefined ? {} : { tid: context.tid }),
        requests: context.requests - (was?.requests ?? 0),
        voluntaryContextSwitches: difference(context.voluntaryContextSwitches, was?.voluntaryContextSwitches),
        involuntaryContextSwitches: difference(context.involuntaryContextSwitches, was?.involuntaryContextSwitches),
        rssBytes: context.rssBytes ?? null,
        heapBytes: context.heapBytes ?? null,
        rssIncrementBytes: context.rssIncrementBytes ?? null,
        wholePhase: was !== undefined,
      };
    });
}

/** Mean time per step during a phase, ms (from the stats' step totals before and after; 0 for a step that did not run). */
export function stepMeansMs(phase: Pick<PhaseResult, "before" | "after">): Record<PipelineStep, number> {
  const means = {} as Record<PipelineStep, number>;
  for (const step of pipelineSteps) {
    const count = phase.after.steps[step].count - phase.before.steps[step].count;
    means[step] = count <= 0 ? 0 : (phase.after.steps[step].totalMs - phase.before.steps[step].totalMs) / count;
  }
  return means;
}

/** How many times each step ran during a phase. */
export function stepCounts(phase: Pick<PhaseResult, "before" | "after">): Record<PipelineStep, number> {
  const counts = {} as Record<PipelineStep, number>;
  for (const step of pipelineSteps) counts[step] = phase.after.steps[step].count - phase.before.steps[step].count;
  return counts;
}

/** What the demonstrations share in their options: the server, what it serves, where it runs, the pause after, the timeout. */
interface DemoServerOptions {
  server: Omit<ServerOptions, "docroot" | "cpus">;
  workload: PreparedWorkload;
  placement?: "uniprocessor" | "unpinned";
  idleAfterS?: number;
  timeoutMs?: number;
}

/** A server started for a demonstration, with the load client beside it and the options resolved. */
interface DemoServer {
  server: RunningServer;
  client: LoadClient;
  placement: ResolvedPlacement;
  idleAfterS: number;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Checks the shared options, starts the load client and the server on their CPUs, runs `use`, and stops
 * both whatever happens. Throws on bad options and when the server cannot start.
 */
async function withDemoServer<T>(options: DemoServerOptions, use: (demo: DemoServer) => Promise<T>): Promise<T> {
  const idleAfterS = options.idleAfterS ?? 0;
  if (!(idleAfterS >= 0 && idleAfterS <= 3600)) throw new RangeError(`idleAfterS must be from 0 to 3600; got ${idleAfterS}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const placement = demoPlacement(options.placement ?? "uniprocessor");
  const client = new LoadClient(placement.clientCpus);
  const signal = new AbortController().signal;
  let server: RunningServer | undefined;
  try {
    server = await startServer({ ...options.server, docroot: options.workload.docroot, ...(placement.serverCpus === null ? {} : { cpus: placement.serverCpus }) });
    return await use({ server, client, placement, idleAfterS, timeoutMs, signal });
  } finally {
    await server?.stop().catch(() => undefined);
    await client.close();
  }
}

/**
 * Starts the server, primes and warms it if asked, runs the phases one after another with the server's
 * stats read around each, then stops it. Throws on bad options, when the server cannot start, or when
 * the load client fails (requests that fail are counted in each phase's summary, not thrown).
 */
export async function runServerUnderLoad(options: ServerUnderLoadOptions): Promise<ServerUnderLoadResult> {
  if (options.phases.length === 0) throw new RangeError("runServerUnderLoad needs at least one phase");
  options.phases.forEach(checkPhase);
  const warmupS = options.warmupS ?? 0;
  if (!(warmupS >= 0 && warmupS <= 3600)) throw new RangeError(`warmupS must be from 0 to 3600; got ${warmupS}`);
  return withDemoServer(options, async ({ server, client, placement, idleAfterS, timeoutMs, signal }) => {
    const load = (phase: LoadPhase): Omit<ClientLoad, "requests" | "durationS"> => ({
      url: server.url,
      workloadFolder: options.workload.folder,
      clients: phase.clients,
      http: phase.http ?? "1.0",
      thinkMs: phase.thinkMs ?? 0,
      timeoutMs,
      threads: 1,
      seed: options.seed ?? 1,
    });
    const deadline = (seconds: number) => seconds * 1000 + timeoutMs + 30_000;
    if (options.prime === true) {
      const files = options.workload.manifest.stats.filesRequested;
      await client.run({ ...load(options.phases[0]!), requests: "every-file-once" }, deadline(files * 0.1), signal);
    }
    if (warmupS > 0) await client.run({ ...load(options.phases[0]!), requests: "stream", durationS: warmupS }, deadline(warmupS), signal);
    const phases: PhaseResult[] = [];
    for (const [index, phase] of options.phases.entries()) {
      const before = await server.stats();
      const measured = await client.run({ ...load(phase), requests: "stream", durationS: phase.durationS }, deadline(phase.durationS), signal);
      const after = await server.stats();
      phases.push({
        label: phase.label ?? `phase ${index + 1}`,
        clients: phase.clients,
        http: phase.http ?? "1.0",
        durationS: phase.durationS,
        summary: measured.summary,
        before,
        after,
        contexts: contextActivity(before, after),
      });
    }
    const memory = processTreeMemory(server.pid) ?? null;
    if (idleAfterS > 0) await new Promise((resolve) => setTimeout(resolve, idleAfterS * 1000));
    const final = idleAfterS > 0 ? await server.stats() : phases.at(-1)!.after;
    return { arch: options.server.arch, placement, diskDescription: server.diskDescription, phases, memory, final };
  });
}

/** One step of a ramp: this many clients for this long. */
export interface RampStep {
  /** Its name in tables (default "<clients> clients"). */
  label?: string;
  /** 0 leaves the server without load for the step. */
  clients: number;
  durationS: number;
}

/** A block of clients that starts at `startS` (from the ramp's start) and runs for `durationS`. */
export interface RampLayer {
  clients: number;
  startS: number;
  durationS: number;
}

/**
 * The ramp as layers of clients that run side by side, so that the number of clients goes from one step
 * to the next without a gap: a rise starts a new layer for the extra clients; a fall ends the newest
 * layers (starting a smaller one where a layer must shrink). Pure.
 */
export function rampLayers(steps: readonly RampStep[]): RampLayer[] {
  const layers: RampLayer[] = [];
  const active: Array<{ clients: number; startS: number }> = [];
  let now = 0;
  const end = (layer: { clients: number; startS: number }) => layers.push({ clients: layer.clients, startS: layer.startS, durationS: now - layer.startS });
  for (const step of steps) {
    let level = active.reduce((sum, layer) => sum + layer.clients, 0);
    while (level > step.clients) {
      const top = active.pop()!;
      if (top.startS < now) end(top);
      level -= top.clients;
    }
    if (step.clients > level) active.push({ clients: step.clients - level, startS: now });
    now += step.durationS;
  }
  for (const layer of active.reverse()) if (layer.startS < now) end(layer);
  return layers.sort((a, b) => a.startS - b.startS || b.durationS - a.durationS);
}

export interface ServerRampOptions {
  server: Omit<ServerOptions, "docroot" | "cpus">;
  workload: PreparedWorkload;
  steps: readonly RampStep[];
  /** "1.1" (keep-alive, the default: each client holds its connection) or "1.0". */
  http?: "1.0" | "1.1";
  /** Without load after the last step, before the final stats, s. Default 0. */
  idleAfterS?: number;
  placement?: "uniprocessor" | "unpinned";
  timeoutMs?: number;
  seed?: number;
}

/** One step of the ramp, placed on the server's clock. */
export interface RampStepResult {
  label: string;
  clients: number;
  /**
   * When it began and ended, in seconds of the server's uptime (the axis of its pool samples), from the
   * ramp's own clock and one reading of the server's uptime just before the ramp.
   */
  fromS: number;
  toS: number;
}

export interface ServerRampResult {
  arch: ServerOptions["arch"];
  placement: ResolvedPlacement;
  steps: RampStepResult[];
  /** Requests the clients answered and saw fail, over the whole ramp. */
  requests: number;
  errors: number;
  /** The server's stats at the end (after `idleAfterS`). */
  final: ServerStats;
}

/**
 * Starts the server, runs the ramp's clients (as `rampLayers`, on the load-client process, after one
 * client for 0.2 s that gets that process going), waits `idleAfterS` after the last step, reads the
 * server's stats (its pool samples among them) and stops it. Each layer starts a few tens of ms after
 * its time (its load thread starts) and so ends that much late.
 */
export async function runServerRamp(options: ServerRampOptions): Promise<ServerRampResult> {
  if (options.steps.length === 0) throw new RangeError("runServerRamp needs at least one step");
  options.steps.forEach((step, index) => {
    if (!Number.isInteger(step.clients) || step.clients < 0) throw new RangeError(`step ${index + 1}: clients must be a whole number ≥ 0; got ${step.clients}`);
    if (!(step.durationS > 0 && step.durationS <= 3600)) throw new RangeError(`step ${index + 1}: durationS must be above 0 and at most 3600; got ${step.durationS}`);
  });
  return withDemoServer(options, async ({ server: running, client, placement, idleAfterS, timeoutMs, signal }) => {
    const load = (layer: RampLayer): ClientLoad => ({
      url: running.url,
      workloadFolder: options.workload.folder,
      requests: "stream",
      clients: layer.clients,
      http: options.http ?? "1.1",
      thinkMs: 0,
      durationS: layer.durationS,
      timeoutMs,
      threads: 1,
      seed: options.seed ?? 1,
    });
    // One client for a moment first: it starts the load-client process, so that the ramp's layers start on time.
    await client.run(load({ clients: 1, startS: 0, durationS: 0.2 }), timeoutMs + 30_000, signal);
    // The server's uptime now, read once: the ramp's own clock is mapped onto it (a stats request under
    // load can take long, so reading it at every step's end would shift the steps).
    const uptimeAtStartS = (await running.stats()).uptimeMs / 1000;
    const startedAt = performance.now();
    const at = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + seconds * 1000 - performance.now())));
    const results = await Promise.all(
      rampLayers(options.steps).map(async (layer) => {
        await at(layer.startS);
        return client.run(load(layer), layer.durationS * 1000 + timeoutMs + 30_000, signal);
      }),
    );
    const total = options.steps.reduce((sum, step) => sum + step.durationS, 0);
    await at(total + idleAfterS);
    const final = await running.stats();
    let fromS = uptimeAtStartS;
    const steps = options.steps.map((step) => {
      const result = { label: step.label ?? `${step.clients} clients`, clients: step.clients, fromS, toS: fromS + step.durationS };
      fromS = result.toS;
      return result;
    });
    return {
      arch: options.server.arch,
      placement,
      steps,
      requests: results.reduce((sum, result) => sum + result.summary.requests, 0),
      errors: results.reduce((sum, result) => sum + result.summary.errorsTotal, 0),
      final,
    };
  });
}
