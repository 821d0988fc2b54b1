/**
 * ApacheBench (ab): read its text output into the peer summary schema, and run it.
 *
 * ab reports whole-millisecond statistics: min/mean/median/max of the total time and of the wait
 * (time to first byte) in its "Connection Times (ms)" table, and the 50…100th percentiles of the total.
 * Its "Complete requests" include failed ones, and "Failed requests" counts failure events (one request
 * can fail twice, e.g. a receive error and a length mismatch), so the completed count is Complete −
 * Failed − Non-2xx, floored at 0. Error mapping: Connect → connect, Receive and Exceptions → reset,
 * Length → short-body, Non-2xx → bad-status. Without -k every request opens a connection.
 */
import { buildPeerSummary, matchNumber, PeerOutputError, type PeerLatency, type PeerSummary, requireNumber } from "./peer-summary.js";
import { findExecutable } from "../runtime/executables.js";
import { runRequiredTool } from "./tool-process.js";

function connectionTimesRow(text: string, row: string): { min: number; mean: number; median: number; max: number } | null {
  const match = new RegExp(`^${row}:\\s+(\\d+)\\s+(\\d+)\\s+[\\d.]+\\s+(\\d+)\\s+(\\d+)`, "m").exec(text);
  if (!match) return null;
  return { min: Number(match[1]), mean: Number(match[2]), median: Number(match[3]), max: Number(match[4]) };
}

function servedWithin(text: string, percent: number): number | null {
  return matchNumber(text, new RegExp(`^\\s*${percent}%\\s+(\\d+)`, "m")) ?? null;
}

/** Parses ab's text output. */
export function parseAbOutput(text: string): PeerSummary {
  if (!/This is ApacheBench|Complete requests:/.test(text)) {
    throw new PeerOutputError(`ab: this is not ApacheBench output: ${text.slice(0, 200).trim()}`);
  }
  const complete = requireNumber("ab", text, /^Complete requests:\s+(\d+)/m, "Complete requests");
  const failed = requireNumber("ab", text, /^Failed requests:\s+(\d+)/m, "Failed requests");
  const durationS = requireNumber("ab", text, /^Time taken for tests:\s+([\d.]+) seconds/m, "Time taken for tests");
  const non2xx = matchNumber(text, /^Non-2xx responses:\s+(\d+)/m) ?? 0;
  const keepAlive = matchNumber(text, /^Keep-Alive requests:\s+(\d+)/m);
  const breakdown = /\(Connect: (\d+), Receive: (\d+), Length: (\d+), Exceptions: (\d+)\)/.exec(text);
  const total = connectionTimesRow(text, "Total");
  const waiting = connectionTimesRow(text, "Waiting");
  const responseMs: PeerLatency | null =
    total === null ? null : { mean: total.mean, min: total.min, max: total.max, p50: total.median, p95: servedWithin(text, 95), p99: servedWithin(text, 99) };
  const waitMs: PeerLatency | null =
    waiting === null ? null : { mean: waiting.mean, min: waiting.min, max: waiting.max, p50: waiting.median, p95: null, p99: null };
  return buildPeerSummary({
    tool: "ab",
    requests: Math.max(0, complete - failed - non2xx),
    errors: {
      connect: Number(breakdown?.[1] ?? 0),
      reset: Number(breakdown?.[2] ?? 0) + Number(breakdown?.[4] ?? 0),
      "short-body": Number(breakdown?.[3] ?? 0),
      "bad-status": non2xx,
    },
    durationS,
    bytes: matchNumber(text, /^Total transferred:\s+(\d+) bytes/m) ?? null,
    connections: keepAlive === undefined ? complete : null,
    responseMs,
    waitMs,
  });
}

/** How to run ab. */
export interface AbRunOptions {
  url: string;
  /** Requests to send (ab -n). */
  requests: number;
  /** Concurrent clients (ab -c). Default 10. */
  concurrency?: number;
  /** Use HTTP keep-alive (ab -k). Default false: a connection per request. */
  keepAlive?: boolean;
  /** Per-request timeout in seconds (ab -s). Default 5. */
  timeoutS?: number;
  cpus?: string;
}

/** The ab binary, or undefined when it is not installed. */
export function findAb(): string | undefined {
  return findExecutable("ab");
}

/** Runs ab and returns its summary (clientCpuPct from /proc). */
export async function runAb(options: AbRunOptions): Promise<PeerSummary & { rawOutput: string }> {
  const args = ["-n", String(options.requests), "-c", String(options.concurrency ?? 10), "-s", String(options.timeoutS ?? 5), "-r"];
  if (options.keepAlive) args.push("-k");
  args.push(options.url);
  const run = await runRequiredTool("ab", findAb(), "Debian: apt-get install apache2-utils", args, { cpus: options.cpus, timeoutMs: 120_000 });
  return { ...parseAbOutput(run.stdout), clientCpuPct: run.cpuPct, rawOutput: run.stdout };
}
