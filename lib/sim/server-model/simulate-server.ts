/**
 * `simulateServer(options)`: one architecture model on one machine under one load, run as the experiment
 * runner's server-load executor runs a real server: optionally every file once (prime), a warm-up load,
 * then the measured load. Each load is the load generator's closed loop (N clients, each sending its next
 * request when the last response is in, after an optional think time) or open loop (Poisson arrivals),
 * HTTP/1.0 (a connection per request); a load issues requests for its duration (or up to a count) and ends
 * when the last response is in. By default the warm-up and the measurement are one load, and what is measured
 * is the window that follows the warm-up (warm-up removal): throughput is the responses completed inside it
 * over its length. `separateLoads` makes them two loads, each starting every client and the request stream
 * afresh, as the server-load executor runs them; then throughput is the measured load's responses over the
 * span from its first request to its last response, as the load generator computes it.
 *
 * Memory: every context the architecture runs takes the profile's memory per process or thread, every
 * client's connection its memory, every context with Flash's data cache that cache; what is left of the
 * machine's memory is the buffer cache (unless `cacheMB` says otherwise). Contexts that need more than the
 * machine has are reported (`memory.overcommittedMB`, and a warning): the model does not simulate paging.
 *
 * Cost: O(events); about 10–20 events per request, depending on the architecture.
 */
import { createRng } from "../../runtime/random.js";
import { bytesPerMB, type SimDiskParams, validateSimDiskOptions } from "../../storage/index.js";
import { exponentialZiggurat } from "../../runtime/ziggurat.js";
import { startProcess, timeout, type ProcessBody, type SimProcess } from "../process.js";
import { Signal } from "../signal.js";
import { DiscreteEventSimulator } from "../simulator.js";
import { simArchitectureNames, type ArchitectureDispatch, type SimArchitectureName } from "./architecture-model.js";
import { simArchitectures } from "./architectures/index.js";
import { CpuScheduler } from "./cpu-scheduler.js";
import { ExecutionContext, type ContextHolder } from "./execution-context.js";
import type { HardwareProfile } from "./hardware.js";
import { modelCosts } from "./model-costs.js";
import { ModelConnection } from "./model-connection.js";
import { ModelDisk } from "./model-disk.js";
import { NetworkLink } from "./network-link.js";
import { PipelineModel, responseHeadBytes } from "./request-pipeline.js";
import { ResponseTimes, type ResponseTimeSummary } from "./response-times.js";
import { ServerModel, type ApachePoolConfig, type ServerModelConfig } from "./server-model.js";
import { RequestStream, type ServerWorkload } from "./server-workload.js";

/** lib/servers' defaults, for what the options leave out. */
const serverDefaults = {
  helpers: 4,
  dataCacheMB: 32,
  maxConnections: 10_000,
  queueLimit: 1024,
  apache: { minProcesses: 1, maxProcesses: 4, threadsPerProcess: 4, minSpareThreads: 2, maxSpareThreads: 6, maintenanceMs: 250 },
} as const;

export interface ServerSimulationOptions {
  arch: SimArchitectureName;
  hardware: HardwareProfile;
  workload: ServerWorkload;
  /** Cores the server may use (default: the profile's). */
  cores?: number;
  /** The machine's memory, MB (default: the profile's). */
  memoryMB?: number;
  /** The buffer cache, MB (default: the memory the server's contexts and connections leave). */
  cacheMB?: number;
  /** The disk (default: the profile's). */
  disk?: { latencyMs?: number; bandwidthMBps?: number; parallelism?: number };
  /** The server's link, MB/s (default: the profile's). */
  linkMBps?: number;
  /** Processes (mp, zeus), threads (mt), initial processes (apache); default: the architecture's. */
  workers?: number;
  /** Helper processes (amped) or threads (amted); default 4. */
  helpers?: number;
  acceptPolicy?: ServerModelConfig["acceptPolicy"];
  apache?: Partial<ApachePoolConfig>;
  maxConnections?: number;
  /** Flash's caches, each on or off (default all on), and the data cache's size per context (default 32 MB). */
  caches?: { path?: boolean; header?: boolean; data?: boolean; dataMB?: number };
  /** Header and body in one write (default true). */
  gather?: boolean;
  /** Closed-loop clients (default 32); ignored with `arrivalRatePerS`. */
  clients?: number;
  /** Open loop: Poisson arrivals at this rate, each a new connection. */
  arrivalRatePerS?: number;
  /** Each closed-loop client's think time between a response and its next request, ms (default 0). */
  thinkMs?: number;
  thinkDistribution?: "fixed" | "exponential";
  /** Each client's bandwidth, Mbit/s (default: unlimited). */
  clientMbps?: number;
  /** Round trip between a client and the server, ms (default 0): a connection costs one before its request leaves. */
  clientRttMs?: number;
  /** Request every file once before the warm-up (default false). */
  prime?: boolean;
  /** Seconds of the warm-up load (default 1). */
  warmupS?: number;
  /** End the warm-up after this many requests were sent, if sooner (default: no limit). */
  warmupRequests?: number;
  /**
   * Run the warm-up and the measured load as two loads, each starting every client afresh and the request
   * stream from its beginning, as the experiment runner's server-load executor does (the sim-server executor
   * mirrors it). Default false: one load, measured from the end of the warm-up on (warm-up removal), so that
   * the measurement starts in the steady state the warm-up reached.
   */
  separateLoads?: boolean;
  /** Seconds of the measured load (default 5). */
  durationS?: number;
  /** End the measurement after this many responses (one load) or requests sent (separate loads), if sooner (default: no limit). */
  maxRequests?: number;
  seed?: number;
  /** Called once halfway through the measured load, with the load in flight (benchmarks read the engine's pending events and memory there). */
  onMidMeasurement?: (simulator: DiscreteEventSimulator) => void;
}

/** What one simulated run measured (its measured load), and the configuration it ran. */
export interface ServerSimulationResult {
  arch: SimArchitectureName;
  hardware: string;
  configuration: {
    cores: number;
    workers: number;
    helpers: number;
    acceptPolicy: ServerModelConfig["acceptPolicy"];
    clients: number | null;
    arrivalRatePerS: number | null;
    thinkMs: number;
    disk: SimDiskParams;
    linkMBps: number;
    workload: string;
    caches: ServerModelConfig["caches"];
  };
  /** Completed responses per second of the measured load. */
  throughputRps: number;
  /** Response bytes (head and body) per second, in 10^6 bytes (the load generator's unit). */
  bandwidthMBps: number;
  responseMs: ResponseTimeSummary;
  /** Requests of the measured load answered, and refused (503). */
  requests: number;
  refused: number;
  /** Seconds the measured load spanned (first send to last response). */
  measuredS: number;
  /** Time-weighted share in use over the measured load: cores, disk arms, the link, the load generator's cores, and the architecture's loops, pools and queues. */
  utilization: Record<string, number>;
  /** Mean connections waiting, over the measured load, for each of the architecture's queues and for a core. */
  meanQueue: Record<string, number>;
  disk: ReturnType<ModelDisk["statistics"]>;
  /** Context switches and messages between contexts in the measured load, and the shares of core time they and the work took. */
  cpu: { processSwitches: number; threadSwitches: number; processMessages: number; threadMessages: number; switchSharePct: number; workSharePct: number };
  memory: { machineMB: number; baseMB: number; contextsMB: number; connectionsMB: number; dataCachesMB: number; bufferCacheMB: number; overcommittedMB: number };
  contexts: { processes: number; threads: number };
  /** The architecture's own counters (helper reads, Apache's pool). */
  counters: Record<string, number>;
  warnings: string[];
  events: number;
  wallMs: number;
  eventsPerSec: number;
}

function positive(name: string, value: number | undefined, options: { whole?: boolean; zero?: boolean; infinite?: boolean } = {}): void {
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (options.infinite === true && value === Infinity)) &&
    (options.zero ? value >= 0 : value > 0) &&
    (!options.whole || !Number.isFinite(value) || Number.isInteger(value));
  if (!ok) {
    throw new RangeError(`${name} must be ${options.whole ? "a whole number" : "a number"} ${options.zero ? "≥ 0" : "> 0"}${options.infinite ? " (or Infinity)" : ""}; got ${value}`);
  }
}

/** Checks the options and fills in the defaults; throws RangeError naming the first bad one. */
function resolve(options: ServerSimulationOptions): { config: ServerModelConfig; cores: number; memoryMB: number; diskParams: Omit<SimDiskParams, "cacheMB">; linkMBps: number } {
  if (!(simArchitectureNames as readonly string[]).includes(options.arch)) {
    throw new RangeError(`unknown architecture ${JSON.stringify(options.arch)}; the models are ${simArchitectureNames.join(", ")}`);
  }
  const architecture = simArchitectures[options.arch];
  const { hardware } = options;
  positive("cores", options.cores, { whole: true });
  positive("memoryMB", options.memoryMB);
  positive("cacheMB", options.cacheMB, { zero: true });
  positive("workers", options.workers, { whole: true });
  positive("helpers", options.helpers, { whole: true });
  positive("maxConnections", options.maxConnections, { whole: true });
  positive("clients", options.clients, { whole: true });
  positive("arrivalRatePerS", options.arrivalRatePerS);
  positive("thinkMs", options.thinkMs, { zero: true });
  positive("clientMbps", options.clientMbps, { infinite: true });
  positive("clientRttMs", options.clientRttMs, { zero: true });
  positive("warmupS", options.warmupS, { zero: true });
  positive("durationS", options.durationS);
  positive("maxRequests", options.maxRequests, { whole: true });
  positive("warmupRequests", options.warmupRequests, { whole: true });
  positive("linkMBps", options.linkMBps, { infinite: true });
  positive("caches.dataMB", options.caches?.dataMB, { zero: true });
  if (options.thinkDistribution !== undefined && options.thinkDistribution !== "fixed" && options.thinkDistribution !== "exponential") {
    throw new RangeError(`thinkDistribution must be fixed or exponential; got ${String(options.thinkDistribution)}`);
  }
  const acceptPolicy = options.acceptPolicy ?? architecture.acceptPolicies[0];
  if (!architecture.acceptPolicies.includes(acceptPolicy)) {
    throw new RangeError(`acceptPolicy ${acceptPolicy} does not apply to ${options.arch}; accepted: ${architecture.acceptPolicies.join(", ")}`);
  }
  const apache: ApachePoolConfig = { ...serverDefaults.apache, ...withoutUndefined(options.apache ?? {}) };
  for (const [name, value] of Object.entries(apache)) positive(`apache.${name}`, value, { whole: true, zero: name === "minSpareThreads" });
  if (apache.minProcesses > apache.maxProcesses) throw new RangeError(`apache.minProcesses (${apache.minProcesses}) must not exceed apache.maxProcesses (${apache.maxProcesses})`);
  const diskParams = validateSimDiskOptions({ ...hardware.disk, ...withoutUndefined(options.disk ?? {}), cacheMB: 0 });
  const caches = options.caches ?? {};
  return {
    config: {
      workers: options.workers ?? architecture.defaultWorkers,
      helpers: options.helpers ?? serverDefaults.helpers,
      acceptPolicy,
      apache,
      maxConnections: options.maxConnections ?? serverDefaults.maxConnections,
      queueLimit: serverDefaults.queueLimit,
      caches: { path: caches.path ?? true, header: caches.header ?? true, data: caches.data ?? true, dataBytes: Math.round((caches.dataMB ?? serverDefaults.dataCacheMB) * bytesPerMB) },
    },
    cores: options.cores ?? hardware.cores,
    memoryMB: options.memoryMB ?? hardware.memoryMB,
    diskParams: { latencyMs: diskParams.latencyMs, bandwidthMBps: diskParams.bandwidthMBps, parallelism: diskParams.parallelism },
    linkMBps: options.linkMBps ?? hardware.network.linkMBps,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/**
 * The counters of what is measured. A separate measured load counts the requests it sent (the load
 * generator's rule); a window of one continuous load counts the responses that completed inside it (the
 * steady-state rule of warm-up removal: requests sent during the warm-up and still queued at its end would
 * otherwise make the first stretch of the window look idle).
 */
class MeasuredLoad {
  completed = 0;
  refused = 0;
  bytes = 0;
  lastEndMs = 0;
  /** A window that has closed counts nothing more. */
  closed = false;
  constructor(
    readonly startMs: number,
    readonly responses: ResponseTimes,
    /** Counts the responses completed inside the window rather than the requests sent after its start. */
    readonly windowed: boolean,
  ) {}

  counts(connection: ModelConnection): boolean {
    return this.windowed ? !this.closed : connection.startedAtMs >= this.startMs;
  }
}

/** Runs the model; see the module comment. Throws RangeError for bad options. */
export function simulateServer(options: ServerSimulationOptions): ServerSimulationResult {
  const resolved = resolve(options);
  const { config, cores, memoryMB } = resolved;
  const hardware = options.hardware;
  const architecture = simArchitectures[options.arch];
  const seed = options.seed ?? 1;
  const clients = options.arrivalRatePerS === undefined ? (options.clients ?? 32) : undefined;
  const openConnectionsBound = clients ?? Math.ceil(options.arrivalRatePerS! * 1); // about a second's arrivals open at once

  // Memory: what the contexts, the connections and the data caches take; the rest is the buffer cache.
  const footprint = architecture.footprint(config);
  const contextsMB = footprint.processes * hardware.contextMemoryMB.process + footprint.threads * hardware.contextMemoryMB.thread;
  const connectionsMB = (openConnectionsBound * hardware.connectionMemoryKB) / 1024;
  const dataCachesMB = config.caches.data ? (footprint.cacheOwners * config.caches.dataBytes) / bytesPerMB : 0;
  const usedMB = hardware.baseMemoryMB + contextsMB + connectionsMB + dataCachesMB;
  const overcommittedMB = Math.max(0, usedMB - memoryMB);
  const bufferCacheMB = options.cacheMB ?? Math.max(0, memoryMB - usedMB);
  const warnings: string[] = [];
  if (clients !== undefined && options.maxRequests !== undefined && options.maxRequests < 4 * clients) {
    warnings.push(`the measured load ends after ${options.maxRequests} requests, fewer than 4 per client (${clients} clients): its figures are those of a burst, not of a steady state`);
  }
  if (overcommittedMB > 0) {
    warnings.push(
      `the server's contexts, connections and caches need ${usedMB.toFixed(0)} MB of ${memoryMB} MB: a real machine would page (the model does not simulate paging; the buffer cache is ${bufferCacheMB} MB)`,
    );
  }

  const simulator = new DiscreteEventSimulator();
  const rng = createRng(seed);
  const costs = modelCosts(hardware);
  const cpu = new CpuScheduler(simulator, {
    cores,
    processSwitchMs: hardware.contextSwitchUs.process / 1000,
    threadSwitchMs: hardware.contextSwitchUs.thread / 1000,
    timeSliceMs: hardware.timeSliceMs,
  });
  const diskParams: SimDiskParams = { ...resolved.diskParams, cacheMB: bufferCacheMB };
  const disk = new ModelDisk(simulator, diskParams);
  const link = new NetworkLink(simulator, resolved.linkMBps === Infinity ? Infinity : (resolved.linkMBps * bytesPerMB) / 1000, hardware.network.sendBufferKB * 1024);
  const pipeline = new PipelineModel({ costs, link, gather: options.gather ?? true, nowMs: () => simulator.nowMs });
  const model = new ServerModel(simulator, rng, config, costs, cpu, disk, link, pipeline);
  const dispatch: ArchitectureDispatch = architecture.build(model);

  // The load generator, when it shares the machine: one event loop on cores of its own.
  const generatorCosts = costs.loadGenerator;
  const generatorCpu = hardware.loadGenerator === undefined ? undefined : new CpuScheduler(simulator, { cores: hardware.loadGenerator.cores, processSwitchMs: 0, threadSwitchMs: 0, timeSliceMs: hardware.timeSliceMs, name: "load generator" });
  const generator = generatorCpu === undefined ? undefined : new ExecutionContext(simulator, generatorCpu, { name: "load generator", kind: "process", processId: 0, role: "load generator", shared: true });

  const stream = new RequestStream(options.workload);
  const clientBytesPerMs = options.clientMbps === undefined || options.clientMbps === Infinity ? Infinity : (options.clientMbps * 1e6) / 8 / 1000;
  const rttMs = options.clientRttMs ?? 0;
  const thinkMs = options.thinkMs ?? 0;
  const thinkRng = createRng(seed + 1);
  const arrivalRng = createRng(seed + 2);
  const think = (): number => (thinkMs === 0 ? 0 : options.thinkDistribution === "exponential" ? exponentialZiggurat(thinkRng, thinkMs) : thinkMs);
  let measured: MeasuredLoad | undefined;

  /** One request of one client, from its start until its response is in. */
  function* request(client: number, file: number): ProcessBody {
    const connection = new ModelConnection(client, file, stream.bytesOf(file), simulator.nowMs, clientBytesPerMs, rttMs / 2);
    // The client's turns on the load generator's loop: a holder of its own, since the server's side of the connection may still hold a context of the server.
    const clientTurn: ContextHolder = { hold: undefined };
    if (generator !== undefined && generatorCosts !== undefined) {
      yield* generator.enter(clientTurn);
      yield* generator.compute(generatorCosts.request / 2);
      generator.leave(clientTurn);
    }
    if (rttMs > 0) yield timeout(1.5 * rttMs); // the handshake, then the request on its way
    startProcess(simulator, dispatch.serve(connection), "connection");
    yield connection;
    if (!connection.refused) {
      const untilDelivered = link.deliveredAtMs(connection) - simulator.nowMs;
      if (untilDelivered > 0) yield timeout(untilDelivered);
      if (generator !== undefined && generatorCosts !== undefined) {
        yield* generator.enter(clientTurn);
        yield* generator.compute(generatorCosts.request / 2 + connection.bytes * generatorCosts.perByte);
        generator.leave(clientTurn);
      }
    }
    const load = measured;
    if (load !== undefined && load.counts(connection)) {
      if (connection.refused) load.refused++;
      else {
        load.completed++;
        load.bytes += connection.bytes + responseHeadBytes;
        load.responses.add(simulator.nowMs - connection.startedAtMs);
      }
      load.lastEndMs = simulator.nowMs;
      if (load.windowed && load.completed + load.refused >= maxRequests) closeWindow();
    }
  }

  /** What a load issues: the request stream for a while (up to a count), or each distinct file once (prime). */
  interface LoadPlan {
    endMs: number;
    primeFiles?: readonly number[];
    maxRequests: number;
    /** Called when the load has sent this many requests (a continuous load's end of warm-up). */
    onIssued?: { count: number; then: () => void };
  }
  let issued = 0;
  let primeIndex = 0;
  const nextFile = (plan: LoadPlan): number => {
    if (plan.primeFiles !== undefined) return primeIndex < plan.primeFiles.length ? plan.primeFiles[primeIndex++]! : -1;
    if (plan.onIssued !== undefined && issued >= plan.onIssued.count) plan.onIssued.then();
    if (simulator.nowMs >= plan.endMs || issued >= plan.maxRequests) return -1;
    issued++;
    return stream.next();
  };

  function* closedClient(client: number, plan: LoadPlan): ProcessBody {
    for (;;) {
      const file = nextFile(plan);
      if (file < 0) return;
      yield* request(client, file);
      const wait = think();
      // A client whose think time ends after the load's end sends nothing more; the load does not wait for it.
      if (simulator.nowMs + wait >= plan.endMs) return;
      if (wait > 0) yield timeout(wait);
    }
  }

  function* openArrivals(plan: LoadPlan, ratePerS: number): ProcessBody {
    const meanGapMs = 1000 / ratePerS;
    let outstanding = 0;
    const allDone = new Signal<void>();
    const requestAndCount = function* (client: number, file: number): ProcessBody {
      outstanding++;
      yield* request(client, file);
      if (--outstanding === 0) allDone.fire();
    };
    let client = 0;
    for (;;) {
      const file = nextFile(plan);
      if (file < 0) break;
      startProcess(simulator, requestAndCount(client++, file), "request");
      yield timeout(exponentialZiggurat(arrivalRng, meanGapMs));
    }
    if (outstanding > 0) yield allDone;
  }

  function* runLoad(plan: LoadPlan): ProcessBody {
    stream.restart();
    issued = 0;
    primeIndex = 0;
    if (clients === undefined) {
      yield startProcess(simulator, openArrivals(plan, options.arrivalRatePerS!), "arrivals");
      return;
    }
    const running: SimProcess[] = [];
    for (let client = 0; client < clients; client++) running.push(startProcess(simulator, closedClient(client, plan), "client"));
    for (const process of running) yield process;
  }

  const resources = (): Array<[string, ReturnType<ArchitectureDispatch["resources"]>[string]]> => Object.entries(dispatch.resources());
  const resetStatistics = (): void => {
    cpu.resetStatistics();
    generatorCpu?.resetStatistics();
    disk.resetStatistics();
    link.resetStatistics();
    for (const [, group] of resources()) for (const resource of group) resource.resetStatistics();
    for (const context of model.contexts) context.workMs = 0;
    model.messages.process = 0;
    model.messages.thread = 0;
  };

  const warmupS = options.warmupS ?? 1;
  const durationS = options.durationS ?? 5;
  const warmupRequests = options.warmupRequests ?? Infinity;
  const maxRequests = options.maxRequests ?? Infinity;
  let measuredEndMs = 0;

  /** The measurement starts now: statistics restart; `windowed`: responses completed from now on count, else requests sent from now on. */
  const startMeasuring = (windowed: boolean): void => {
    resetStatistics();
    measured = new MeasuredLoad(simulator.nowMs, new ResponseTimes(createRng(seed + 3)), windowed);
    const inspect = options.onMidMeasurement;
    if (inspect !== undefined) {
      startProcess(simulator, (function* (): ProcessBody {
        yield timeout((durationS * 1000) / 2);
        inspect(simulator);
      })(), "inspection");
    }
  };

  /** A continuous load's window closes (its duration is over, or `maxRequests` responses counted): the run ends. */
  function closeWindow(): void {
    const load = measured;
    if (load === undefined || load.closed) return;
    load.closed = true;
    measuredEndMs = simulator.nowMs;
    simulator.stop();
  }

  /** One load, measured from when its warm-up has lasted `warmupS` or sent `warmupRequests`, for `durationS`. */
  function* continuousLoad(): ProcessBody {
    const plan: LoadPlan = { endMs: Infinity, maxRequests: Infinity };
    const measureFromNow = (): void => {
      if (measured !== undefined) return;
      startMeasuring(true);
      plan.onIssued = undefined;
      startProcess(simulator, (function* (): ProcessBody {
        yield timeout(durationS * 1000);
        closeWindow();
      })(), "end of the measurement");
    };
    if (warmupS === 0 || warmupRequests === 0) measureFromNow();
    else {
      plan.onIssued = { count: warmupRequests, then: measureFromNow };
      startProcess(simulator, (function* (): ProcessBody {
        yield timeout(warmupS * 1000);
        measureFromNow();
      })(), "end of warm-up");
    }
    yield* runLoad(plan);
  }

  function* driver(): ProcessBody {
    if (options.prime === true) yield* runLoad({ endMs: Infinity, primeFiles: stream.distinctFiles, maxRequests: Infinity });
    if (options.separateLoads === true) {
      if (warmupS > 0) yield* runLoad({ endMs: simulator.nowMs + warmupS * 1000, maxRequests: warmupRequests });
      startMeasuring(false);
      yield* runLoad({ endMs: simulator.nowMs + durationS * 1000, maxRequests });
      measuredEndMs = simulator.nowMs;
      simulator.stop();
    } else {
      yield* continuousLoad(); // the window's end stops the run
    }
  }

  const started = performance.now();
  startProcess(simulator, driver(), "driver");
  simulator.run();
  const wallMs = performance.now() - started;
  const load = measured;
  if (load === undefined || measuredEndMs === 0) throw new Error("the simulation ended before its measured load did (a model error)");

  // A window: its length; a separate load, as the load generator counts it: from its first request's start to its last response.
  const measuredMs = load.windowed ? measuredEndMs - load.startMs : (load.lastEndMs > load.startMs ? load.lastEndMs : measuredEndMs) - load.startMs;
  const measuredS = measuredMs / 1000;
  const utilization: Record<string, number> = { cpu: cpu.utilization() };
  const meanQueue: Record<string, number> = { "run queue": cpu.runQueueLength.mean() };
  const diskStats = disk.statistics();
  utilization.disk = diskStats.utilization;
  utilization.link = link.utilization();
  if (generatorCpu !== undefined) utilization["load generator"] = generatorCpu.utilization();
  for (const [group, members] of resources()) {
    if (members.length === 0) continue;
    utilization[group] = members.reduce((sum, resource) => sum + resource.utilization(), 0) / members.length;
    meanQueue[group] = members.reduce((sum, resource) => sum + resource.queueLength.mean(), 0);
  }
  const coreMs = cores * measuredMs;
  const workMs = model.contexts.reduce((sum, context) => sum + context.workMs, 0);
  const contexts = { processes: 0, threads: 0 };
  for (const context of model.contexts) contexts[context.kind === "process" ? "processes" : "threads"]++;
  if (load.completed === 0) warnings.push("no request completed in the measured load: lengthen durationS or check the configuration");
  return {
    arch: options.arch,
    hardware: hardware.name,
    configuration: {
      cores,
      workers: config.workers,
      helpers: config.helpers,
      acceptPolicy: config.acceptPolicy,
      clients: clients ?? null,
      arrivalRatePerS: options.arrivalRatePerS ?? null,
      thinkMs,
      disk: diskParams,
      linkMBps: resolved.linkMBps,
      workload: options.workload.description,
      caches: config.caches,
    },
    throughputRps: load.completed / measuredS,
    bandwidthMBps: load.bytes / 1e6 / measuredS,
    responseMs: load.responses.summary(),
    requests: load.completed,
    refused: load.refused,
    measuredS,
    utilization,
    meanQueue,
    disk: diskStats,
    cpu: {
      processSwitches: cpu.processSwitches,
      threadSwitches: cpu.threadSwitches,
      processMessages: model.messages.process,
      threadMessages: model.messages.thread,
      switchSharePct: (100 * cpu.switchMs) / coreMs,
      workSharePct: (100 * workMs) / coreMs,
    },
    memory: { machineMB: memoryMB, baseMB: hardware.baseMemoryMB, contextsMB, connectionsMB, dataCachesMB, bufferCacheMB, overcommittedMB },
    contexts,
    counters: dispatch.counters?.() ?? {},
    warnings,
    events: simulator.eventsRun,
    wallMs,
    eventsPerSec: simulator.eventsRun / (wallMs / 1000),
  };
}
