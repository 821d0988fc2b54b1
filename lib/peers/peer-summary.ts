/**
 * The summary schema that peer load generators' results are read into: the same fields as flashlab's
 * own `LoadSummary` (requests, errors by kind, durationS, throughputRps, bandwidthMBps, connections,
 * connectionRate, responseMs, waitMs, clientCpuPct), so that runs can be compared side by side. A figure
 * that a tool does not report is null rather than guessed (autocannon has no p95, ab no p99 below 1 ms).
 *
 * Rates are recomputed from the tool's counts with the metrics module's functions, so that "requests"
 * means the same everywhere: responses with a 1xx–3xx status, errors excluded.
 */
import { bandwidth } from "../metrics/bandwidth.js";
import { connectionRate } from "../metrics/connection-rate.js";
import { throughput } from "../metrics/throughput.js";
import { emptyErrorCounts, type LoadErrorCounts } from "../loadgen/error-kinds.js";

/** The tools whose results can be read. */
export type PeerTool = "wrk" | "ab" | "autocannon" | "flashlab";

/** A latency summary in ms where a tool may leave some statistics out. */
export interface PeerLatency {
  mean: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One peer run in flashlab's summary schema. */
export interface PeerSummary {
  tool: PeerTool;
  requests: number;
  errors: LoadErrorCounts;
  errorsTotal: number;
  durationS: number;
  throughputRps: number;
  bandwidthMBps: number | null;
  connections: number | null;
  connectionRate: number | null;
  responseMs: PeerLatency | null;
  waitMs: PeerLatency | null;
  /** The tool's own CPU use in % of one core, when it was run by flashlab and /proc was readable. */
  clientCpuPct: number | null;
}

/** A latency summary with every statistic unknown. */
export function unknownLatency(): PeerLatency {
  return { mean: null, min: null, max: null, p50: null, p95: null, p99: null };
}

/** A tool's output that cannot be read; the message names the tool and what was missing. */
export class PeerOutputError extends Error {
  override name = "PeerOutputError";
}

/** The facts a parser extracts; `buildPeerSummary` derives the rates. */
export interface PeerFacts {
  tool: PeerTool;
  requests: number;
  errors?: Partial<LoadErrorCounts>;
  durationS: number;
  /** Response bytes received (null when the tool does not say). */
  bytes: number | null;
  connections: number | null;
  responseMs: PeerLatency | null;
  waitMs?: PeerLatency | null;
}

/** Builds the summary from a parser's facts, computing the rates with the metrics functions. */
export function buildPeerSummary(facts: PeerFacts): PeerSummary {
  if (!(facts.durationS > 0)) throw new PeerOutputError(`${facts.tool}: the run's duration is ${facts.durationS} s; cannot compute rates`);
  const errors = { ...emptyErrorCounts(), ...facts.errors };
  const errorsTotal = Object.values(errors).reduce((sum, count) => sum + count, 0);
  return {
    tool: facts.tool,
    requests: facts.requests,
    errors,
    errorsTotal,
    durationS: facts.durationS,
    throughputRps: throughput(facts.requests, facts.durationS),
    bandwidthMBps: facts.bytes === null ? null : bandwidth(facts.bytes, facts.durationS, "MB/s"),
    connections: facts.connections,
    connectionRate: facts.connections === null ? null : connectionRate(facts.connections, facts.durationS),
    responseMs: facts.responseMs,
    waitMs: facts.waitMs ?? null,
    clientCpuPct: null,
  };
}

/** The first capture of `pattern` in `text` as a number, or undefined. */
export function matchNumber(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Like matchNumber, but a missing value is a PeerOutputError naming `what`. */
export function requireNumber(tool: PeerTool, text: string, pattern: RegExp, what: string): number {
  const value = matchNumber(text, pattern);
  if (value === undefined || !Number.isFinite(value)) {
    throw new PeerOutputError(`${tool}: cannot find ${what} in its output (is this ${tool}'s output?): ${text.slice(0, 200).trim()}`);
  }
  return value;
}
