/**
 * The summary of a load-generation run: what `flashlab load --json` prints. Built either from per-request
 * records (`summarizeRequests`) or from totals that a generator accumulated itself, e.g. with HDR
 * histograms instead of raw records (`requestSummaryFromTotals`). Both give the same shape:
 *
 * - requests: completed requests (failures excluded); errors: failures by kind (see requestFailureKind);
 * - durationS: execution time of the run; throughputRps = requests / durationS;
 * - bandwidthMBps: response bytes of completed requests / durationS, in 10^6 bytes per second;
 * - connectionRate: connections / durationS, when the connection count is known, else null;
 * - responseMs, waitMs: latency summaries (see response-time.ts and wait-time.ts), null without data;
 * - slaMs and slaViolationPct when an SLA was given (failures count as violations).
 *
 * O(n log n) over records (two sorts), O(1) from totals.
 */
import { bandwidth } from "./bandwidth.js";
import { connectionRate } from "./connection-rate.js";
import { executionTimeMs } from "./execution-time.js";
import { requireNonNegative, requirePositive } from "./input-checks.js";
import { latencySummary, latencySummaryFromPrecomputed, type LatencySummary } from "./latency-summary.js";
import { MetricInputError } from "./metric-input-error.js";
import { requireRequestRecords } from "./request-record-checks.js";
import { requestFailureKind, requestOriginMs, type RequestRecord } from "./request-record.js";
import { slaViolationPct } from "./sla-violations.js";
import { throughput } from "./throughput.js";

/** The summary of one run. */
export interface RequestSummary {
  requests: number;
  errors: { total: number; byKind: Record<string, number> };
  durationS: number;
  throughputRps: number;
  bandwidthMBps: number;
  connectionRate: number | null;
  responseMs: LatencySummary | null;
  waitMs: LatencySummary | null;
  slaMs?: number;
  slaViolationPct?: number;
}

/** What a generator that keeps no records accumulates during a run. */
export interface RequestTotals {
  /** Completed requests. */
  requests: number;
  /** Failed requests by kind. */
  errorsByKind: Record<string, number>;
  durationS: number;
  /** Response bytes of completed requests. */
  bytes: number;
  /** Connections opened, if known. */
  connections?: number;
  /** Response-time summary of completed requests (e.g. from an HDR histogram); null if none completed. */
  responseMs: LatencySummary | null;
  waitMs: LatencySummary | null;
  /** The SLA and the percentage of requests that violated it, if an SLA was set. */
  sla?: { slaMs: number; violationPct: number };
}

/** Options for summarizeRequests. */
export interface SummarizeRequestsOptions {
  /** Response-time SLA in ms; adds slaMs and slaViolationPct. */
  slaMs?: number;
  /** Connections opened during the run; adds connectionRate. */
  connections?: number;
  /** The run's duration, when the generator timed it; defaults to the records' execution time. */
  durationS?: number;
}

/** Summarizes per-request records. */
export function summarizeRequests(records: readonly RequestRecord[], options: SummarizeRequestsOptions = {}): RequestSummary {
  requireRequestRecords("summarizeRequests", records);
  const errorsByKind: Record<string, number> = {};
  const responseTimes: number[] = [];
  const waitTimes: number[] = [];
  let bytes = 0;
  for (const record of records) {
    const failure = requestFailureKind(record);
    if (failure !== null) {
      errorsByKind[failure] = (errorsByKind[failure] ?? 0) + 1;
      continue;
    }
    const origin = requestOriginMs(record);
    responseTimes.push(record.endMs - origin);
    if (record.firstByteMs !== undefined) waitTimes.push(record.firstByteMs - origin);
    bytes += record.bytes;
  }
  const failed = records.length - responseTimes.length;
  const totals: RequestTotals = {
    requests: responseTimes.length,
    errorsByKind,
    durationS: options.durationS ?? executionTimeMs(records) / 1000,
    bytes,
    responseMs: responseTimes.length > 0 ? latencySummary(responseTimes) : null,
    waitMs: waitTimes.length > 0 ? latencySummary(waitTimes) : null,
  };
  if (options.connections !== undefined) totals.connections = options.connections;
  if (options.slaMs !== undefined) {
    totals.sla = { slaMs: options.slaMs, violationPct: slaViolationPct(responseTimes, options.slaMs, failed) };
  }
  return requestSummaryFromTotals(totals);
}

/** Builds the summary from accumulated totals, checking them. */
export function requestSummaryFromTotals(totals: RequestTotals): RequestSummary {
  const metric = "requestSummaryFromTotals";
  requireNonNegative(metric, "requests", totals.requests);
  requireNonNegative(metric, "bytes", totals.bytes);
  if (!(totals.durationS > 0)) {
    throw new MetricInputError(metric, `the run lasted ${totals.durationS} s`, "a run longer than 0 s (durationS > 0)");
  }
  let errorTotal = 0;
  for (const [kind, count] of Object.entries(totals.errorsByKind)) {
    requireNonNegative(metric, `errorsByKind["${kind}"]`, count);
    errorTotal += count;
  }
  if (totals.responseMs === null && totals.requests > 0) {
    throw new MetricInputError(metric, `${totals.requests} requests completed but responseMs is null`, "a response-time summary whenever requests > 0");
  }
  const summary: RequestSummary = {
    requests: totals.requests,
    errors: { total: errorTotal, byKind: { ...totals.errorsByKind } },
    durationS: totals.durationS,
    throughputRps: throughput(totals.requests, totals.durationS),
    bandwidthMBps: bandwidth(totals.bytes, totals.durationS, "MB/s"),
    connectionRate: totals.connections === undefined ? null : connectionRate(totals.connections, totals.durationS),
    responseMs: totals.responseMs === null ? null : latencySummaryFromPrecomputed(totals.responseMs),
    waitMs: totals.waitMs === null ? null : latencySummaryFromPrecomputed(totals.waitMs),
  };
  if (totals.sla !== undefined) {
    requirePositive(metric, "sla.slaMs", totals.sla.slaMs);
    requireNonNegative(metric, "sla.violationPct", totals.sla.violationPct);
    if (totals.sla.violationPct > 100) {
      throw new MetricInputError(metric, `sla.violationPct is ${totals.sla.violationPct}`, "a percentage from 0 to 100");
    }
    summary.slaMs = totals.sla.slaMs;
    summary.slaViolationPct = totals.sla.violationPct;
  }
  return summary;
}
