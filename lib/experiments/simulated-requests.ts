/**
 * Simulated request records for studying the metrics (lecture §5–7) before measuring a real server:
 * a seeded open-loop queue on the discrete-event engine. Requests arrive as a Poisson stream, each
 * asks for a file of some class ("small", "large", ...), and `servers` threads serve them first come,
 * first served. Serving a request takes a fixed overhead plus its bytes at a transfer rate, so big
 * files cost more, as on a real server.
 *
 * The output has the same shape a load generator produces (`RequestRecord`), plus what a server-side
 * monitor would sample: busy/idle time per interval (CPU utilization) and the memory each thread
 * holds (average resource usage). The model's simplifications, stated:
 * - the client sends at its arrival instant and there is no network: connectMs = startMs, and the
 *   first byte leaves when service starts (so wait time = queueing delay);
 * - memory held by a thread = a fixed per-thread amount + the response it is sending at that instant;
 * - with `requestsPerConnection` k > 1, consecutive requests are counted as sharing a connection
 *   (for the connection rate only; their timing is unchanged).
 */
import type { CpuTimeSample, RequestRecord, ResourceSample } from "../metrics/index.js";
import { createRng, DiscreteEventSimulator, ServiceStation } from "../sim/index.js";

/** A kind of request: its share of the stream and the mean size of its response. */
export interface SimulatedRequestClass {
  name: string;
  /** Relative share of requests (> 0); shares are normalized. */
  share: number;
  /** Mean response size in bytes (sizes are exponential around it, at least 1 byte). */
  meanBytes: number;
}

export interface SimulatedRequestOptions {
  /** How many requests (whole number ≥ 1). */
  requests: number;
  /** Mean arrival rate of the Poisson stream, requests per second (> 0). */
  arrivalRatePerS: number;
  /** Threads serving the one FIFO queue (default 1). */
  servers?: number;
  /** Request classes (default: 80% "small" of 4 KB mean, 20% "large" of 64 KB mean). */
  classes?: readonly SimulatedRequestClass[];
  /** Fixed service work per request in ms (default 1). */
  overheadMs?: number;
  /** How fast a thread sends a response, bytes per ms (default 20 000, i.e. 20 MB/s). */
  transferBytesPerMs?: number;
  /** Requests per connection for the connection count (default 1: HTTP/1.0). */
  requestsPerConnection?: number;
  /** Length of the utilization and memory sampling interval in ms (default 100). */
  sampleIntervalMs?: number;
  /** Memory a thread holds besides the response it is sending, in bytes (default 64 KiB). */
  perThreadBytes?: number;
  /** Seed of the random stream (default 1). */
  seed?: number;
}

export type ResolvedSimulatedRequestOptions = Required<SimulatedRequestOptions>;

export interface SimulatedRequestRun {
  options: ResolvedSimulatedRequestOptions;
  /** One record per request, in arrival order; all complete with status 200. */
  records: RequestRecord[];
  /** Which thread served each request (same order as records), e.g. "thread 2". */
  servedBy: string[];
  /** Connections opened (requests / requestsPerConnection, rounded up). */
  connections: number;
  /** The model's mean service time per request, in ms. */
  meanServiceMs: number;
  /** Offered load: arrival rate × mean service time / servers (above 1 the queue grows without bound). */
  offeredLoad: number;
  /** Busy and idle thread time per sampling interval (all threads pooled), from 0 to the last completion. */
  cpuSamples: CpuTimeSample[];
  /** Memory held by each thread at every sampling instant. */
  memorySamples: ResourceSample[];
}

export const defaultSimulatedRequestClasses: readonly SimulatedRequestClass[] = Object.freeze([
  { name: "small", share: 0.8, meanBytes: 4096 },
  { name: "large", share: 0.2, meanBytes: 65536 },
]);

function fail(message: string): never {
  throw new RangeError(`simulated requests: ${message}`);
}

function requirePositiveNumber(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a finite number > 0; got ${value}`);
}

function requireWholeNumber(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) fail(`${name} must be a whole number ≥ 1; got ${value}`);
}

/** Fills in defaults and checks every option; throws a RangeError naming the bad one. */
export function resolveSimulatedRequestOptions(options: SimulatedRequestOptions): ResolvedSimulatedRequestOptions {
  const resolved: ResolvedSimulatedRequestOptions = {
    requests: options.requests,
    arrivalRatePerS: options.arrivalRatePerS,
    servers: options.servers ?? 1,
    classes: options.classes ?? defaultSimulatedRequestClasses,
    overheadMs: options.overheadMs ?? 1,
    transferBytesPerMs: options.transferBytesPerMs ?? 20_000,
    requestsPerConnection: options.requestsPerConnection ?? 1,
    sampleIntervalMs: options.sampleIntervalMs ?? 100,
    perThreadBytes: options.perThreadBytes ?? 65536,
    seed: options.seed ?? 1,
  };
  requireWholeNumber("requests", resolved.requests);
  requirePositiveNumber("arrivalRatePerS", resolved.arrivalRatePerS);
  requireWholeNumber("servers", resolved.servers);
  requirePositiveNumber("transferBytesPerMs", resolved.transferBytesPerMs);
  requireWholeNumber("requestsPerConnection", resolved.requestsPerConnection);
  requirePositiveNumber("sampleIntervalMs", resolved.sampleIntervalMs);
  if (!Number.isFinite(resolved.overheadMs) || resolved.overheadMs < 0) fail(`overheadMs must be a finite number ≥ 0; got ${resolved.overheadMs}`);
  if (!Number.isFinite(resolved.perThreadBytes) || resolved.perThreadBytes < 0) {
    fail(`perThreadBytes must be a finite number ≥ 0; got ${resolved.perThreadBytes}`);
  }
  if (!Number.isSafeInteger(resolved.seed)) fail(`seed must be a whole number; got ${resolved.seed}`);
  if (resolved.classes.length === 0) fail("classes must list at least one request class");
  const names = new Set<string>();
  for (const requestClass of resolved.classes) {
    if (typeof requestClass.name !== "string" || requestClass.name === "") fail("every request class needs a non-empty name");
    if (names.has(requestClass.name)) fail(`request class "${requestClass.name}" appears twice; names must be unique`);
    names.add(requestClass.name);
    requirePositiveNumber(`the share of class "${requestClass.name}"`, requestClass.share);
    requirePositiveNumber(`meanBytes of class "${requestClass.name}"`, requestClass.meanBytes);
  }
  return resolved;
}

/** The model's mean service time in ms: overhead + (Σ share · meanBytes / Σ share) / transfer rate. */
export function simulatedMeanServiceMs(options: SimulatedRequestOptions): number {
  const resolved = resolveSimulatedRequestOptions(options);
  let shares = 0;
  let bytes = 0;
  for (const requestClass of resolved.classes) {
    shares += requestClass.share;
    bytes += requestClass.share * requestClass.meanBytes;
  }
  return resolved.overheadMs + bytes / shares / resolved.transferBytesPerMs;
}

/** One simulated request on its way through the queue (start, end and server are set when it is served). */
export interface SimulatedJob {
  index: number;
  arrivalMs: number;
  className: string;
  bytes: number;
  serviceMs: number;
  startMs: number;
  endMs: number;
  server: string;
}

/** The Poisson stream of requests the options describe, in arrival order (not yet served). */
export function drawPoissonJobs(options: ResolvedSimulatedRequestOptions): SimulatedJob[] {
  const rng = createRng(options.seed);
  const totalShare = options.classes.reduce((total, requestClass) => total + requestClass.share, 0);
  const meanGapMs = 1000 / options.arrivalRatePerS;
  const jobs: SimulatedJob[] = [];
  let clockMs = 0;
  for (let index = 0; index < options.requests; index++) {
    clockMs += rng.exponential(meanGapMs);
    let pick = rng.next() * totalShare;
    let chosen = options.classes[options.classes.length - 1]!;
    for (const requestClass of options.classes) {
      if (pick < requestClass.share) {
        chosen = requestClass;
        break;
      }
      pick -= requestClass.share;
    }
    const bytes = Math.max(1, Math.round(rng.exponential(chosen.meanBytes)));
    const serviceMs = options.overheadMs + bytes / options.transferBytesPerMs;
    jobs.push({ index, arrivalMs: clockMs, className: chosen.name, bytes, serviceMs, startMs: Number.NaN, endMs: Number.NaN, server: "" });
  }
  return jobs;
}

/** Pooled busy/idle thread time per interval [k·I, (k+1)·I), the last one cut at `endMs`. O(jobs + intervals). */
function busyIdleSamples(jobs: readonly SimulatedJob[], servers: number, intervalMs: number, endMs: number): CpuTimeSample[] {
  const intervals = Math.max(1, Math.ceil(endMs / intervalMs));
  const busy = new Array<number>(intervals).fill(0);
  for (const job of jobs) {
    const first = Math.floor(job.startMs / intervalMs);
    const last = Math.min(intervals - 1, Math.floor(job.endMs / intervalMs));
    for (let k = first; k <= last; k++) {
      const overlap = Math.min(job.endMs, (k + 1) * intervalMs) - Math.max(job.startMs, k * intervalMs);
      if (overlap > 0) busy[k] = busy[k]! + overlap;
    }
  }
  return busy.map((busyMs, k) => {
    const lengthMs = Math.min(endMs, (k + 1) * intervalMs) - k * intervalMs;
    return { busy: busyMs, idle: Math.max(0, servers * lengthMs - busyMs) };
  });
}

/** Memory per thread at instants 0, I, 2I, … ≤ endMs. O(jobs + samples · servers). */
function memorySamplesOf(jobs: readonly SimulatedJob[], serverNames: readonly string[], options: ResolvedSimulatedRequestOptions, endMs: number): ResourceSample[] {
  const byServer = new Map<string, SimulatedJob[]>(serverNames.map((name) => [name, []]));
  for (const job of jobs) byServer.get(job.server)!.push(job); // each thread serves in start order
  const cursor = new Map<string, number>(serverNames.map((name) => [name, 0]));
  const samples: ResourceSample[] = [];
  for (let timeMs = 0; timeMs <= endMs; timeMs += options.sampleIntervalMs) {
    for (const name of serverNames) {
      const served = byServer.get(name)!;
      let position = cursor.get(name)!;
      while (position < served.length && served[position]!.endMs <= timeMs) position++;
      cursor.set(name, position);
      const current = served[position];
      const sending = current !== undefined && current.startMs <= timeMs ? current.bytes : 0;
      samples.push({ context: name, value: options.perThreadBytes + sending });
    }
  }
  return samples;
}

/** "thread 1", …, "thread n". */
export function simulatedThreadNames(servers: number): string[] {
  return Array.from({ length: servers }, (_, index) => `thread ${index + 1}`);
}

/**
 * Serves the jobs (in any order; each arrives at its arrivalMs) on one first-come-first-served queue
 * in front of the named threads, filling in each job's start, end and thread. O(jobs · log jobs).
 */
export function serveFirstComeFirstServed(jobs: readonly SimulatedJob[], threadNames: readonly string[]): void {
  const simulator = new DiscreteEventSimulator();
  const station = new ServiceStation<SimulatedJob>(simulator, {
    resources: threadNames,
    serviceMs: (job) => job.serviceMs,
    onStart: (work) => {
      work.job.startMs = work.startMs;
      work.job.server = work.resource;
    },
    onDone: (job) => {
      job.endMs = simulator.nowMs;
    },
  });
  for (const job of jobs) simulator.scheduleAt(job.arrivalMs, () => station.arrive(job));
  simulator.run();
}

/**
 * Runs the queue and returns per-request records plus utilization and memory samples. Deterministic
 * for given options (seeded). Throws a RangeError naming a bad option. O(requests · log requests).
 */
export function simulateRequests(options: SimulatedRequestOptions): SimulatedRequestRun {
  const resolved = resolveSimulatedRequestOptions(options);
  const jobs = drawPoissonJobs(resolved);
  const serverNames = simulatedThreadNames(resolved.servers);
  serveFirstComeFirstServed(jobs, serverNames);

  const endMs = jobs.reduce((latest, job) => Math.max(latest, job.endMs), 0);
  const records: RequestRecord[] = jobs.map((job) => {
    const record: RequestRecord = {
      intendedMs: job.arrivalMs,
      startMs: job.arrivalMs,
      firstByteMs: job.startMs,
      endMs: job.endMs,
      bytes: job.bytes,
      status: 200,
      url: `/${job.className}`,
      clientId: Math.floor(job.index / resolved.requestsPerConnection),
    };
    if (job.index % resolved.requestsPerConnection === 0) record.connectMs = job.arrivalMs;
    return record;
  });
  const meanServiceMs = simulatedMeanServiceMs(resolved);
  return {
    options: resolved,
    records,
    servedBy: jobs.map((job) => job.server),
    connections: Math.ceil(resolved.requests / resolved.requestsPerConnection),
    meanServiceMs,
    offeredLoad: (resolved.arrivalRatePerS * meanServiceMs) / 1000 / resolved.servers,
    cpuSamples: busyIdleSamples(jobs, resolved.servers, resolved.sampleIntervalMs, endMs),
    memorySamples: memorySamplesOf(jobs, serverNames, resolved, endMs),
  };
}
