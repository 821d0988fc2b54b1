/**
 * The options of a load run, their defaults, and the checks that turn a bad combination into a clear
 * error (`LoadOptionsError`, which the CLI reports as a usage error). `resolveLoadOptions` returns the
 * complete set of parameters a run used, which every summary echoes so that a run is fully described
 * by its output.
 */
import type { LoadHttpVersion } from "./request-bytes.js";
import { checkRequestPath } from "./request-bytes.js";
import type { ArrivalProcess, ThinkDistribution } from "./timing.js";

/** A request of a workload: a path, and for a timed replay its offset from the start in ms. */
export interface LoadWorkloadRequest {
  path: string;
  offsetMs?: number;
}

/** Progress while a run is under way (measured requests only). */
export interface LoadProgress {
  completed: number;
  failed: number;
  /** Seconds since the measured phase began (negative during warm-up). */
  elapsedS: number;
}

/** What to run. Only `url` is required. */
export interface LoadOptions {
  /** The server's URL; its path is requested unless `workload` gives the paths. */
  url: string;
  /** Paths to request in order (cycled), e.g. from a workload; with offsets, an open loop replays their timing. */
  workload?: readonly LoadWorkloadRequest[];
  /** "closed" (default): clients wait for each response; "open": requests arrive on a schedule. */
  mode?: "closed" | "open";
  /** Closed loop: concurrent clients. Open loop: connection slots (the most requests in flight). Default 10. */
  clients?: number;
  /** Closed loop: mean think time between a response and the next request, ms. Default 0. */
  thinkMs?: number;
  /** How think times are drawn. Default "fixed". */
  thinkDistribution?: ThinkDistribution;
  /** Open loop: arrivals per second. */
  rate?: number;
  /** Open loop: "poisson" (default) or "constant" spacing. */
  arrival?: ArrivalProcess;
  /** Open-loop replay: how many times faster than the workload's offsets. Default 1. */
  replaySpeed?: number;
  /** Length of the measured phase in seconds. Default 10 when `requests` is not given either (a replay ends with its workload). */
  durationS?: number;
  /** Measured requests to issue (completed plus failed). */
  requests?: number;
  /** Warm-up before the measured phase, seconds; its requests are sent but not recorded. Default 0. */
  warmupS?: number;
  /** "1.0": a new connection per request (the Flash paper's clients). "1.1" (default): keep-alive. */
  http?: LoadHttpVersion;
  /** Requests in flight per keep-alive connection. Default 1 (no pipelining). */
  pipeline?: number;
  /** Worker threads that generate the load; 0 runs it on the calling thread. Default 1. */
  threads?: number;
  /** A request that has not completed this long after it was sent fails as a timeout. Default 5000. */
  timeoutMs?: number;
  /**
   * Emulated distant clients: round-trip time added to every connection, ms (0 to 60,000; default 0).
   * Half of it delays each packet on the way to the server, half on the way back: a new connection
   * costs one extra round trip, each request and its response another (see client-link.ts).
   */
  clientDelayMs?: number;
  /**
   * Emulated slow clients: receive bandwidth of each connection, kbit/s (1,000 bits/s; > 0 and at most
   * 1,000,000). The client reads the socket no faster than this, so the server sees a slow reader.
   * Default: unlimited.
   */
  clientKbps?: number;
  /** Response-time SLA in ms; the summary then reports slaViolationPct. */
  slaMs?: number;
  /** Seed for think times and arrivals. Default 1. */
  seed?: number;
  /** Write every measured request to this CSV file as the run goes. */
  recordsFile?: string;
  /** Keep the records in the result (as RequestRecord objects). Default false. */
  keepRecords?: boolean;
  /**
   * Above this many measured requests the summary is computed from the HDR histograms and counters
   * instead of from the records, which are then not kept in memory (96 bytes each while kept). Default 2,000,000.
   */
  maxRecordsInMemory?: number;
  /** Called about every 200 ms while the run goes. */
  onProgress?: (progress: LoadProgress) => void;
  /** Aborting stops new requests; those in flight still end. */
  signal?: AbortSignal;
}

/** The parameters a run used, with every default filled in. */
export interface ResolvedLoadOptions {
  url: string;
  workloadRequests: number;
  mode: "closed" | "open";
  clients: number;
  thinkMs: number;
  thinkDistribution: ThinkDistribution;
  rate: number | null;
  arrival: ArrivalProcess | "replay" | null;
  replaySpeed: number;
  durationS: number | null;
  requests: number | null;
  warmupS: number;
  http: LoadHttpVersion;
  pipeline: number;
  threads: number;
  timeoutMs: number;
  clientDelayMs: number;
  /** null: unlimited. */
  clientKbps: number | null;
  slaMs: number | null;
  seed: number;
  recordsFile: string | null;
}

/** A bad option or combination of options. */
export class LoadOptionsError extends Error {
  override name = "LoadOptionsError";
}

function requireNumber(name: string, value: number | undefined, check: (v: number) => boolean, accepted: string): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || !check(value)) {
    throw new LoadOptionsError(`${name} must be ${accepted}; got ${String(value)}`);
  }
}

const isCount = (v: number) => Number.isInteger(v) && v >= 1;
/** Emulation limits: a minute of round trip, and 1 Gbit/s (beyond it the pacing's timers are too coarse to be faithful). */
const maxClientDelayMs = 60_000;
const maxClientKbps = 1_000_000;

/** Checks `options` and fills in defaults; throws LoadOptionsError naming what is wrong. */
export function resolveLoadOptions(options: LoadOptions): ResolvedLoadOptions {
  const mode = options.mode ?? "closed";
  if (mode !== "closed" && mode !== "open") throw new LoadOptionsError(`mode must be "closed" or "open"; got ${String(mode)}`);
  const http = options.http ?? "1.1";
  if (http !== "1.0" && http !== "1.1") throw new LoadOptionsError(`http must be "1.0" or "1.1"; got ${String(http)}`);
  requireNumber("clients", options.clients, isCount, "a whole number ≥ 1");
  requireNumber("threads", options.threads, (v) => Number.isInteger(v) && v >= 0 && v <= 64, "a whole number from 0 to 64");
  requireNumber("pipeline", options.pipeline, (v) => Number.isInteger(v) && v >= 1 && v <= 1024, "a whole number from 1 to 1024");
  requireNumber("thinkMs", options.thinkMs, (v) => v >= 0, "a number ≥ 0");
  requireNumber("rate", options.rate, (v) => v > 0, "a number > 0 (requests per second)");
  requireNumber("durationS", options.durationS, (v) => v > 0, "a number of seconds > 0");
  requireNumber("requests", options.requests, isCount, "a whole number ≥ 1");
  requireNumber("warmupS", options.warmupS, (v) => v >= 0, "a number of seconds ≥ 0");
  requireNumber("timeoutMs", options.timeoutMs, (v) => v > 0, "a number of ms > 0");
  requireNumber("slaMs", options.slaMs, (v) => v > 0, "a number of ms > 0");
  requireNumber("seed", options.seed, (v) => Number.isSafeInteger(v), "a whole number");
  requireNumber("replaySpeed", options.replaySpeed, (v) => v > 0, "a number > 0");
  requireNumber("clientDelayMs", options.clientDelayMs, (v) => v >= 0 && v <= maxClientDelayMs, `a number of ms from 0 to ${maxClientDelayMs}`);
  requireNumber("clientKbps", options.clientKbps, (v) => v > 0 && v <= maxClientKbps, `a number of kbit/s > 0 and ≤ ${maxClientKbps} (1 Gbit/s)`);
  const timeoutMs = options.timeoutMs ?? 5000;
  const clientDelayMs = options.clientDelayMs ?? 0;
  if (2 * clientDelayMs >= timeoutMs) {
    throw new LoadOptionsError(
      `clientDelayMs ${clientDelayMs} leaves no time within timeoutMs ${timeoutMs}: a request on a new connection takes two round trips (${2 * clientDelayMs} ms) before any server time; raise timeoutMs above that or lower the delay`,
    );
  }
  const pipeline = options.pipeline ?? 1;
  if (http === "1.0" && pipeline > 1) {
    throw new LoadOptionsError("pipelining needs keep-alive: use http 1.1 with pipeline > 1 (HTTP/1.0 sends one request per connection)");
  }
  const workload = options.workload;
  if (workload !== undefined) {
    if (workload.length === 0) throw new LoadOptionsError("the workload has no requests");
    for (const request of workload) {
      try {
        checkRequestPath(request.path);
      } catch (error) {
        throw new LoadOptionsError((error as Error).message);
      }
    }
  }
  const replayable = workload !== undefined && workload.every((request) => request.offsetMs !== undefined && Number.isFinite(request.offsetMs) && request.offsetMs >= 0);
  let arrival: ResolvedLoadOptions["arrival"] = null;
  if (mode === "closed") {
    if (options.rate !== undefined) throw new LoadOptionsError("rate applies to the open loop; use mode open, or drop the rate");
    if (options.arrival !== undefined) throw new LoadOptionsError("arrival applies to the open loop; use mode open, or drop it");
  } else {
    if (options.thinkMs !== undefined && options.thinkMs > 0) throw new LoadOptionsError("think time applies to the closed loop; in the open loop, the rate sets the pace");
    if (options.rate !== undefined) arrival = options.arrival ?? "poisson";
    else if (replayable) arrival = "replay";
    else throw new LoadOptionsError("the open loop needs a rate (requests per second), or a workload whose requests all have time offsets to replay");
    if (arrival !== "constant" && arrival !== "poisson" && arrival !== "replay") {
      throw new LoadOptionsError(`arrival must be "constant" or "poisson"; got ${String(arrival)}`);
    }
  }
  const thinkDistribution = options.thinkDistribution ?? "fixed";
  if (!["fixed", "exponential", "uniform"].includes(thinkDistribution)) {
    throw new LoadOptionsError(`thinkDistribution must be fixed, exponential or uniform; got ${String(thinkDistribution)}`);
  }
  const requests = options.requests ?? null;
  // A replay ends with its workload; other runs need a bound, 10 s unless a request count is given.
  const durationS = options.durationS ?? (requests === null && arrival !== "replay" ? 10 : null);
  const clients = options.clients ?? 10;
  const threads = Math.min(options.threads ?? 1, clients);
  return {
    url: options.url,
    workloadRequests: workload?.length ?? 0,
    mode,
    clients,
    thinkMs: options.thinkMs ?? 0,
    thinkDistribution,
    rate: options.rate ?? null,
    arrival,
    replaySpeed: options.replaySpeed ?? 1,
    durationS,
    requests,
    warmupS: options.warmupS ?? 0,
    http,
    pipeline,
    threads,
    timeoutMs,
    clientDelayMs,
    clientKbps: options.clientKbps ?? null,
    slaMs: options.slaMs ?? null,
    seed: options.seed ?? 1,
    recordsFile: options.recordsFile ?? null,
  };
}
