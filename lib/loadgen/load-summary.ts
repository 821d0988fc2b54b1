/**
 * The summary of a load run, as `flashlab load --json` prints it: the metrics module's RequestSummary
 * (computed by `summarizeRequests`), with the errors spelled out by kind (every kind present, zero
 * when none), the connection count, the retries after keep-alive races, the client emulation in
 * force, the client's own CPU use and what the warm-up did.
 */
import type { LatencySummary } from "../metrics/latency-summary.js";
import type { RequestSummary } from "../metrics/request-summary.js";
import type { LoadErrorCounts } from "./error-kinds.js";

/** What one run measured. Times in ms, rates per second, bandwidth in 10^6 bytes per second. */
export interface LoadSummary {
  /** Completed responses in the measured phase (errors excluded). */
  requests: number;
  /** Failed requests by kind. */
  errors: LoadErrorCounts;
  errorsTotal: number;
  durationS: number;
  throughputRps: number;
  bandwidthMBps: number;
  /** TCP connections opened by measured requests. */
  connections: number;
  connectionRate: number;
  /**
   * Measured requests sent again, once, on a fresh connection because a kept-alive connection closed
   * before any byte of their response arrived (a server closing idle connections as requests go out).
   * They count among `requests` or the errors like any other; this says how many needed a second try.
   */
  retries: number;
  /** Added round-trip time of each emulated client, ms (0: none). */
  clientDelayMs: number;
  /** Receive bandwidth of each emulated client connection, kbit/s (null: unlimited). */
  clientKbps: number | null;
  responseMs: LatencySummary | null;
  waitMs: LatencySummary | null;
  slaMs?: number;
  slaViolationPct?: number;
  /** CPU time of the client process over the run, in % of one core (200 = two cores busy). */
  clientCpuPct: number;
  /** What the warm-up sent (not part of any figure above). */
  warmup: { requests: number; errors: number; connections: number; retries: number };
  /** "records" when the summary came from every record; "histograms" when the run outgrew the in-memory limit. */
  summarySource: "records" | "histograms";
}

/** The extra facts a run knows besides its RequestSummary. */
export interface LoadSummaryExtras {
  errors: LoadErrorCounts;
  connections: number;
  retries: number;
  clientDelayMs: number;
  clientKbps: number | null;
  clientCpuPct: number;
  warmup: LoadSummary["warmup"];
  summarySource: LoadSummary["summarySource"];
}

/** Joins the metrics' summary with the run's own counts; the error counts must agree with it. */
export function buildLoadSummary(base: RequestSummary, extras: LoadSummaryExtras): LoadSummary {
  let errorsTotal = 0;
  for (const count of Object.values(extras.errors)) errorsTotal += count;
  if (errorsTotal !== base.errors.total) {
    throw new Error(`error counts disagree: the threads counted ${errorsTotal}, the records ${base.errors.total}`);
  }
  const summary: LoadSummary = {
    requests: base.requests,
    errors: extras.errors,
    errorsTotal,
    durationS: base.durationS,
    throughputRps: base.throughputRps,
    bandwidthMBps: base.bandwidthMBps,
    connections: extras.connections,
    connectionRate: base.connectionRate ?? extras.connections / base.durationS,
    retries: extras.retries,
    clientDelayMs: extras.clientDelayMs,
    clientKbps: extras.clientKbps,
    responseMs: base.responseMs,
    waitMs: base.waitMs,
    clientCpuPct: extras.clientCpuPct,
    warmup: extras.warmup,
    summarySource: extras.summarySource,
  };
  if (base.slaMs !== undefined) summary.slaMs = base.slaMs;
  if (base.slaViolationPct !== undefined) summary.slaViolationPct = base.slaViolationPct;
  return summary;
}
