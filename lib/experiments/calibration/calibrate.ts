/**
 * `calibrateHardwareProfile()`: measures this machine briefly with the real servers and fits a hardware
 * profile for the architecture models (what `flashlab sim calibrate` runs).
 *
 * Each calibration case is a server-load run (the server pinned to one CPU, the load generator to the
 * other; a single file, 32 closed-loop clients, the simulated disk) with the pipeline's step timers on.
 * Its warm-up lasts `warmupS` for each V8 isolate the case runs (every worker process or thread, every
 * helper, the event loop): each isolate compiles the pipeline's code on its own, and until it has served
 * a few thousand requests it runs slower code, at several times the CPU per request of a warm one
 * (measured here: MT with 4 threads, about 900 µs per request in its first second, about 250 µs after
 * eight). The models have steady-state costs, so the cases are measured warm.
 * From each run: the server's CPU per request (its utilization over its throughput), the client's, and
 * the mean time of each pipeline step (stats.steps). The fit:
 *
 * - parse, translate-path, compute-header, read-file and send-data's fixed cost: their step timers
 *   (SPED, 1 KB; with Flash's caches on, and off for the uncached costs: a path translated afresh, a
 *   header built afresh, a chunk read through the disk's buffer cache);
 * - read-file's cost per KB: its step timer at 100 KB against 1 KB (caches off);
 * - send-data's cost per KB: the server's CPU per request at 100 KB against 1 KB (all of it: the copy
 *   into the kernel and the loopback's own work);
 * - read-request: what a keep-alive request costs beyond the timed steps (the event loop's turn, reading
 *   the socket); accept: what a request on a new connection costs beyond its timed steps and read-request
 *   (the accept, the socket's setup and close), so that the fitted costs add up to the CPU per request
 *   measured in the 1 KB case;
 * - the residency test (Flash's mincore()): AMPED's read-file step against SPED's, both through the disk;
 * - a context switch and a message between contexts, per process and per thread, from the real servers
 *   that run several contexts: what MP (three messages per connection) and AMPED with every read sent to
 *   a helper (two per read) cost beyond what the model with free switches and messages predicts for the
 *   same runs, shared between the switches and the messages the model counts in each (least squares, two
 *   cases, two unknowns: `fitSwitchAndMessage`); MT (a busy message per connection to its main thread)
 *   and AMTED likewise for threads. A switch costs at least what the switch probe measures (two
 *   processes or two threads on one CPU passing a token: lmbench's lat_ctx); in a server it costs more,
 *   since each V8 isolate brings its own code and heap back into the CPU's caches;
 * - starting a context: MP's and MT's start-up time (4 contexts) beyond SPED's;
 * - memory per context: the RSS of MP's workers, and what each of MT's threads added to its process;
 * - the load generator: its CPU per request at 1 KB, and per KB from 100 KB.
 *
 * Then every case is simulated with the fitted profile and set beside its measurement (`check`), so a
 * reader sees how well the profile reproduces what it was fitted to. A loaded machine makes every figure
 * larger and noisier: the load average before and after is recorded with the profile.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg, totalmem } from "node:os";
import { pipelineSteps, type PipelineStep } from "../../http/steps.js";
import { compiledModule } from "../../runtime/paths.js";
import { findTaskset } from "../../runtime/executables.js";
import type { ContextKind } from "../../sim/server-model/execution-context.js";
import type { HardwareProfile } from "../../sim/server-model/hardware.js";
import { checkHardwareProfile } from "../../sim/server-model/hardware.js";
import { simulateServer } from "../../sim/server-model/simulate-server.js";
import { captureEnvironment } from "../environment.js";
import type { RunOutcome } from "../runner/executor.js";
import { resolvePlacement, type ResolvedPlacement } from "../runner/placement.js";
import { resolvePoints } from "../runner/points.js";
import type { PointSettings } from "../runner/spec.js";
import { serverLoadExecutor } from "../server-load/executor.js";
import { servingIsolates } from "../server-load/isolates.js";
import { prepareWorkload, workloadCacheRoot, workloadRecipe } from "../server-load/workloads.js";
import { simulationOptionsOf } from "../sim-server/executor.js";
import { serverWorkloadFromFolder } from "../sim-server/workload-folder.js";
import type { SwitchProbeResult } from "./switch-probe.js";

/** The settings every calibration case shares: one file, 32 clients, the simulated disk with the file in its cache, step timers on. */
const commonSettings: PointSettings = {
  workload: "single",
  clients: 32,
  http: "1.0",
  disk: "sim",
  diskLatencyMs: 1,
  diskMBps: 200,
  cacheMB: 64,
  diskParallelism: "unlimited",
  stepTiming: true,
};

/** The cases, by name. */
export const calibrationCases = {
  keepAlive: { arch: "sped", fileSizeKB: 1, http: "1.1" },
  small: { arch: "sped", fileSizeKB: 1 },
  large: { arch: "sped", fileSizeKB: 100 },
  uncached: { arch: "sped", fileSizeKB: 1, caches: "none" },
  uncachedLarge: { arch: "sped", fileSizeKB: 100, caches: "none" },
  residencyTest: { arch: "amped", fileSizeKB: 1, caches: "path+header" },
  processMessages: { arch: "mp", workers: 4, fileSizeKB: 1 },
  threads: { arch: "mt", workers: 4, fileSizeKB: 1 },
  // Every read misses a buffer cache of 0 MB (at no disk cost), so every read goes to a helper.
  helperProcesses: { arch: "amped", fileSizeKB: 1, caches: "path+header", cacheMB: 0, diskLatencyMs: 0, diskMBps: 1e6 },
  helperThreads: { arch: "amted", fileSizeKB: 1, caches: "path+header", cacheMB: 0, diskLatencyMs: 0, diskMBps: 1e6 },
} as const satisfies Record<string, PointSettings>;

export type CalibrationCase = keyof typeof calibrationCases;


export interface CalibrationOptions {
  /** Seconds of each case's warm-up load, per V8 isolate its server runs (default 1). */
  warmupS?: number;
  /** Seconds of each case's measured load (default 1.5). */
  durationS?: number;
  /** The profile's name (default "this-machine"). */
  name?: string;
  /** The command line to record in the profile's source, for its provenance. */
  command?: string;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

/** What one case measured. */
export interface CalibrationMeasurement {
  case: CalibrationCase;
  settings: PointSettings;
  throughputRps: number;
  /** Server CPU per request, µs. */
  serverUs: number;
  /** Load generator CPU per request, µs. */
  clientUs: number | null;
  /** Mean time of each pipeline step, µs (0 for a step that did not run). */
  stepsUs: Record<PipelineStep, number>;
  /** Seconds the server took to start. */
  startS: number;
  loadAverage: number;
  warnings: string[];
}

/** A case simulated with the fitted profile, beside its measurement. */
export interface CalibrationCheck {
  case: CalibrationCase;
  measuredRps: number;
  simulatedRps: number;
  measuredServerUs: number;
  simulatedServerUs: number;
}

export interface CalibrationResult {
  profile: HardwareProfile;
  measurements: CalibrationMeasurement[];
  switches: SwitchProbeResult[];
  check: CalibrationCheck[];
}

const bytesPerMB = 2 ** 20;

/** A case's complete settings (the executor's defaults, then the common settings, then the case's). */
function completeSettings(settings: PointSettings): PointSettings {
  const resolved = resolvePoints(
    { name: "calibration", description: "calibration", factors: {}, fixed: { ...commonSettings, ...settings }, metrics: [], seed: 1, profiles: { quick: { repetitions: 1, warmupS: 0, durationS: 1 }, full: { repetitions: 1, warmupS: 0, durationS: 1 } } },
    serverLoadExecutor,
    "quick",
  );
  if (resolved.problems.length > 0 || resolved.points.length !== 1) throw new Error(`a calibration case is not a valid point: ${resolved.problems.join("; ")}`);
  return resolved.points[0]!.settings;
}

function stepMeans(outcome: RunOutcome): Record<PipelineStep, number> {
  const stats = outcome.details.serverStats as { steps: Record<PipelineStep, { count: number; totalMs: number }> };
  const means = {} as Record<PipelineStep, number>;
  for (const step of pipelineSteps) {
    const timing = stats.steps[step];
    means[step] = timing.count === 0 ? 0 : (1000 * timing.totalMs) / timing.count;
  }
  return means;
}

/** Mean RSS of the contexts with `kind` and `role`, MB (threads: what each added to its process). */
function contextMemoryMB(outcome: RunOutcome, kind: "process" | "thread"): number | undefined {
  const stats = outcome.details.serverStats as { contexts: Array<{ kind: string; role: string; rssBytes?: number; rssIncrementBytes?: number }> };
  const values = stats.contexts
    .filter((context) => context.kind === kind && (kind === "thread" || context.role !== "master"))
    .map((context) => (kind === "thread" ? context.rssIncrementBytes : context.rssBytes))
    .filter((value): value is number => typeof value === "number" && value > 0);
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length / bytesPerMB;
}

function runSwitchProbe(kind: "process" | "thread", placement: ResolvedPlacement): SwitchProbeResult {
  const args = [compiledModule("experiments/calibration/switch-probe"), kind, "20000"];
  const taskset = findTaskset();
  const output =
    taskset !== undefined && placement.serverCpus !== null
      ? execFileSync(taskset, ["-c", placement.serverCpus, process.execPath, ...args], { encoding: "utf8", timeout: 60_000 })
      : execFileSync(process.execPath, args, { encoding: "utf8", timeout: 60_000 });
  return JSON.parse(output.trim().split("\n").pop()!) as SwitchProbeResult;
}

/** MemTotal − MemAvailable: what the rest of the machine holds now, MB. */
function memoryInUseMB(): number {
  try {
    const info = readFileSync("/proc/meminfo", "utf8");
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(info)?.[1] ?? Number.NaN) / 1024;
    const used = field("MemTotal") - field("MemAvailable");
    return Number.isFinite(used) ? used : totalmem() / bytesPerMB / 4;
  } catch {
    return totalmem() / bytesPerMB / 4;
  }
}

/** The largest send buffer the kernel grows a TCP socket to (net.ipv4.tcp_wmem's maximum), KB. */
function sendBufferKB(): number {
  try {
    const maximum = Number(readFileSync("/proc/sys/net/ipv4/tcp_wmem", "utf8").trim().split(/\s+/)[2]);
    return Number.isFinite(maximum) && maximum > 0 ? maximum / 1024 : 4096;
  } catch {
    return 4096;
  }
}

function cpuClockMHz(): number | null {
  try {
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    return mhz === undefined ? null : Math.round(Number(mhz));
  } catch {
    return null;
  }
}

const atLeastZero = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);
const round = (value: number, digits = 3): number => Number(value.toPrecision(digits));

/** What a calibration case's fit reads of its measurement. */
export type CaseFigures = Pick<CalibrationMeasurement, "serverUs" | "clientUs" | "stepsUs" | "startS">;

/**
 * The CPU costs of a profile from the cases' figures (see the module comment for each rule). Pure: the
 * message costs, which need the model, are fitted afterwards. A difference that comes out negative (noise
 * between two cases that cost almost the same) is taken as 0.
 */
export function fitCpuCosts(
  cases: Record<CalibrationCase, CaseFigures>,
  switches: readonly SwitchProbeResult[],
): Pick<HardwareProfile, "steps" | "contextSwitchUs" | "residencyCheckUs" | "contextStartUs"> & { loadGenerator: NonNullable<HardwareProfile["loadGenerator"]> } {
  const { small, keepAlive, large, uncached, uncachedLarge } = cases;
  const timedSteps = (figures: CaseFigures): number =>
    (["parse", "translate-path", "compute-header", "send-header", "read-file", "send-data"] as const).reduce((sum, step) => sum + figures.stepsUs[step], 0);
  const kbOfLarge = 100 - 1;
  const switchOf = (kind: "process" | "thread"): number => round(switches.find((probe) => probe.kind === kind)?.switchUs ?? 0);
  const clientSmall = small.clientUs ?? 0;
  const clientLarge = large.clientUs ?? clientSmall;
  const readRequestUs = atLeastZero(keepAlive.serverUs - timedSteps(keepAlive));
  return {
    steps: {
      accept: { us: round(atLeastZero(small.serverUs - timedSteps(small) - readRequestUs)) },
      "read-request": { us: round(readRequestUs) },
      parse: { us: round(small.stepsUs.parse) },
      "translate-path": { us: round(small.stepsUs["translate-path"]), uncachedUs: round(uncached.stepsUs["translate-path"]) },
      "compute-header": { us: round(small.stepsUs["compute-header"]), uncachedUs: round(uncached.stepsUs["compute-header"]) },
      // Gather writes send the head with the body: no case times a head written alone; a write call costs what send-data's does.
      "send-header": { us: round(small.stepsUs["send-data"]) },
      "read-file": {
        us: round(small.stepsUs["read-file"]),
        uncachedUs: round(uncached.stepsUs["read-file"]),
        perKBUs: round(atLeastZero((uncachedLarge.stepsUs["read-file"] - uncached.stepsUs["read-file"]) / kbOfLarge)),
      },
      "send-data": { us: round(small.stepsUs["send-data"]), perKBUs: round(atLeastZero((large.serverUs - small.serverUs) / kbOfLarge)) },
    },
    contextSwitchUs: { process: switchOf("process"), thread: switchOf("thread") },
    residencyCheckUs: round(atLeastZero(cases.residencyTest.stepsUs["read-file"] - uncached.stepsUs["read-file"])),
    contextStartUs: {
      process: round(atLeastZero(((cases.processMessages.startS - small.startS) / 4) * 1e6)),
      thread: round(atLeastZero(((cases.threads.startS - small.startS) / 4) * 1e6)),
    },
    loadGenerator: { cores: 1, requestUs: round(clientSmall), perKBUs: round(atLeastZero((clientLarge - clientSmall) / kbOfLarge)) },
  };
}

/** What a case with several contexts cost beyond the model with free switches and messages, and what it counted of each, per request. */
export interface SwitchMessageObservation {
  residualUs: number;
  switches: number;
  messages: number;
}

/**
 * The costs of a switch and of a message (µs) that best explain `observations`' residuals as
 * `switches × switchUs + messages × messageUs` (least squares), with `switchUs ≥ minSwitchUs` and
 * `messageUs ≥ 0`: the unconstrained solution when it keeps to those bounds, else the better of the two
 * fits along the bounds. Pure.
 */
export function fitSwitchAndMessage(observations: readonly SwitchMessageObservation[], minSwitchUs: number): { switchUs: number; messageUs: number } {
  let ww = 0, wn = 0, nn = 0, rw = 0, rn = 0;
  for (const { residualUs: r, switches: w, messages: n } of observations) {
    ww += w * w;
    wn += w * n;
    nn += n * n;
    rw += r * w;
    rn += r * n;
  }
  const squaredError = (switchUs: number, messageUs: number): number =>
    observations.reduce((sum, { residualUs, switches, messages }) => sum + (residualUs - switches * switchUs - messages * messageUs) ** 2, 0);
  const determinant = ww * nn - wn * wn;
  if (determinant > 1e-9 * Math.max(1, ww * nn)) {
    const switchUs = (rw * nn - rn * wn) / determinant;
    const messageUs = (rn * ww - rw * wn) / determinant;
    if (switchUs >= minSwitchUs && messageUs >= 0) return { switchUs, messageUs };
  }
  const atMinSwitch = { switchUs: minSwitchUs, messageUs: nn > 0 ? Math.max(0, (rn - minSwitchUs * wn) / nn) : 0 };
  const noMessage = { switchUs: ww > 0 ? Math.max(minSwitchUs, rw / ww) : minSwitchUs, messageUs: 0 };
  return squaredError(atMinSwitch.switchUs, atMinSwitch.messageUs) <= squaredError(noMessage.switchUs, noMessage.messageUs) ? atMinSwitch : noMessage;
}

/** Runs the calibration; see the module comment. */
export async function calibrateHardwareProfile(options: CalibrationOptions = {}): Promise<CalibrationResult> {
  const log = options.onLog ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const timing = { warmupS: options.warmupS ?? 1, durationS: options.durationS ?? 1.5 };
  const timingOf = (settings: PointSettings) => ({ ...timing, warmupS: timing.warmupS * servingIsolates(settings) });
  const environment = captureEnvironment();
  const placement = resolvePlacement("uniprocessor", { taskset: findTaskset(), allowedCpus: environment.cpuAffinity?.cpus ?? null });
  const loadBefore = loadavg()[0]!;
  const baseMemoryMB = memoryInUseMB();
  log(`calibrating on ${environment.cpuModel ?? "an unknown CPU"} (${placement.description}); load average ${loadBefore.toFixed(2)}`);

  const cases = Object.entries(calibrationCases).map(([name, settings]) => ({ name: name as CalibrationCase, settings: completeSettings(settings) }));
  const session = await serverLoadExecutor.open(
    cases.map((entry) => entry.settings),
    { placement, seed: 1, signal, log },
  );
  const measurements: CalibrationMeasurement[] = [];
  const outcomes = new Map<CalibrationCase, RunOutcome>();
  try {
    for (const { name, settings } of cases) {
      signal.throwIfAborted();
      const outcome = await session.run(settings, { timing: timingOf(settings), rep: 1, seed: 2, signal });
      const throughput = Number(outcome.metrics.throughputRps);
      const serverCpu = Number(outcome.metrics.serverCpuPct);
      const clientCpu = outcome.metrics.clientCpuPct;
      const measurement: CalibrationMeasurement = {
        case: name,
        settings,
        throughputRps: throughput,
        serverUs: (1e4 * serverCpu) / throughput,
        clientUs: clientCpu === null || clientCpu === undefined ? null : (1e4 * clientCpu) / throughput,
        stepsUs: stepMeans(outcome),
        startS: Number((outcome.details.phasesS as Record<string, number> | undefined)?.start ?? Number.NaN),
        loadAverage: loadavg()[0]!,
        warnings: outcome.warnings,
      };
      measurements.push(measurement);
      outcomes.set(name, outcome);
      log(`${name.padEnd(16)} ${throughput.toFixed(0).padStart(7)} req/s, server ${measurement.serverUs.toFixed(1)} µs/request, load average ${measurement.loadAverage.toFixed(2)}`);
    }
  } finally {
    await session.close();
  }
  const switches = [runSwitchProbe("process", placement), runSwitchProbe("thread", placement)];
  log(`context switch: process ${switches[0]!.switchUs.toFixed(1)} µs, thread ${switches[1]!.switchUs.toFixed(1)} µs`);

  const m = (name: CalibrationCase): CalibrationMeasurement => measurements.find((entry) => entry.case === name)!;
  const fitted = fitCpuCosts(Object.fromEntries(measurements.map((entry) => [entry.case, entry])) as Record<CalibrationCase, CalibrationMeasurement>, switches);
  const profile: HardwareProfile = {
    name: options.name ?? "this-machine",
    description: `${environment.cpuModel ?? "this machine"}: the server on one CPU, the load generator on another (calibrated)`,
    cores: 1,
    memoryMB: Math.round(totalmem() / bytesPerMB),
    baseMemoryMB: Math.round(baseMemoryMB),
    steps: fitted.steps,
    contextSwitchUs: fitted.contextSwitchUs,
    messageUs: { process: 0, thread: 0 },
    residencyCheckUs: fitted.residencyCheckUs,
    contextStartUs: fitted.contextStartUs,
    contextMemoryMB: {
      process: round(contextMemoryMB(outcomes.get("processMessages")!, "process") ?? 40),
      thread: round(contextMemoryMB(outcomes.get("threads")!, "thread") ?? 8),
    },
    // Not measured: the kernel's socket buffers in use plus Node's socket objects, about 32 KB.
    connectionMemoryKB: 32,
    // Not measured: Linux's base slice on a few cores.
    timeSliceMs: 3,
    // Not measured here: a solid-state disk of the 2020s (TOOLCHAIN.md: a cold 4 KB read, 0.1 ms at the median).
    disk: { latencyMs: 0.1, bandwidthMBps: 500, parallelism: 32 },
    network: { linkMBps: Infinity, sendBufferKB: sendBufferKB() },
    loadGenerator: fitted.loadGenerator,
    source: {
      kind: "calibrated",
      calibratedAt: new Date().toISOString(),
      loadAverage: null,
      environment: { ...environment, cpuMHz: cpuClockMHz(), placement: placement.description },
      fit: {},
    },
  };

  // Switches and messages: what the cases with several contexts cost beyond the model's prediction with both free.
  const workloadOf = async (settings: PointSettings) => serverWorkloadFromFolder((await prepareWorkload(workloadRecipe(settings, 1), workloadCacheRoot())).folder);
  const simulatedServerUs = async (name: CalibrationCase, hardware: HardwareProfile) => {
    const { settings } = m(name);
    const result = simulateServer(simulationOptionsOf(settings, await workloadOf(settings), hardware, timing, 2));
    const serverUs = (1000 * result.utilization.cpu! * result.configuration.cores * result.measuredS * 1000) / Math.max(1, result.requests);
    return { result, serverUs };
  };
  const free: HardwareProfile = { ...profile, contextSwitchUs: { process: 0, thread: 0 }, messageUs: { process: 0, thread: 0 } };
  const observations: Record<ContextKind, SwitchMessageObservation[]> = { process: [], thread: [] };
  const fit: Record<string, unknown> = {};
  for (const [name, kind] of [["processMessages", "process"], ["helperProcesses", "process"], ["threads", "thread"], ["helperThreads", "thread"]] as const) {
    const { result, serverUs } = await simulatedServerUs(name, free);
    const requests = Math.max(1, result.requests);
    const observation: SwitchMessageObservation = {
      residualUs: m(name).serverUs - serverUs,
      switches: (kind === "process" ? result.cpu.processSwitches : result.cpu.threadSwitches) / requests,
      messages: (kind === "process" ? result.cpu.processMessages : result.cpu.threadMessages) / requests,
    };
    observations[kind].push(observation);
    fit[name] = { residualUs: round(observation.residualUs), switchesPerRequest: round(observation.switches), messagesPerRequest: round(observation.messages) };
  }
  const processCosts = fitSwitchAndMessage(observations.process, fitted.contextSwitchUs.process);
  const threadCosts = fitSwitchAndMessage(observations.thread, fitted.contextSwitchUs.thread);
  profile.contextSwitchUs = { process: round(processCosts.switchUs), thread: round(threadCosts.switchUs) };
  profile.messageUs = { process: round(processCosts.messageUs), thread: round(threadCosts.messageUs) };

  const check: CalibrationCheck[] = [];
  for (const { name } of cases) {
    if (name === "keepAlive") continue; // the models serve HTTP/1.0 only
    const { result, serverUs } = await simulatedServerUs(name, profile);
    check.push({ case: name, measuredRps: round(m(name).throughputRps, 4), simulatedRps: round(result.throughputRps, 4), measuredServerUs: round(m(name).serverUs), simulatedServerUs: round(serverUs) });
  }
  const loadAfter = loadavg()[0]!;
  profile.source = {
    kind: "calibrated",
    calibratedAt: new Date().toISOString(),
    ...(options.command === undefined ? {} : { command: options.command }),
    loadAverage: round(Math.max(loadBefore, loadAfter)),
    environment: { ...environment, cpuMHz: cpuClockMHz(), placement: placement.description },
    fit: {
      ...fit,
      loadAverageBefore: round(loadBefore),
      loadAverageAfter: round(loadAfter),
      timing,
      switchProbes: switches,
      measurements: measurements.map(({ settings: _settings, ...rest }) => ({ ...rest, serverUs: round(rest.serverUs), clientUs: rest.clientUs === null ? null : round(rest.clientUs) })),
      check,
    },
  };
  return { profile: checkHardwareProfile(profile, "the calibrated profile"), measurements, switches, check };
}
