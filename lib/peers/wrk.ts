/**
 * wrk: read its text output into the peer summary schema, and run it.
 *
 * wrk prints the latency mean, stdev and max, the totals ("N requests in 2.00s, 36.5MB read"), socket
 * errors and non-2xx/3xx counts, and with --latency the 50/75/90/99th percentiles. It reports neither
 * the min nor the p95, and rounds sizes to binary units. When flashlab runs wrk it adds a small Lua
 * `done()` script that prints the exact totals and min/p50/p95/p99/max on a line starting with
 * `FLASHLAB_WRK `; the parser prefers those figures when the line is there.
 *
 * Error mapping: connect → connect, read + write → reset, timeout → timeout, non-2xx/3xx → bad-status.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPeerSummary, matchNumber, PeerOutputError, type PeerLatency, type PeerSummary, requireNumber, unknownLatency } from "./peer-summary.js";
import { findExecutable } from "../runtime/executables.js";
import { runRequiredTool } from "./tool-process.js";

const timeUnitsMs: Record<string, number> = { us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const sizeUnits: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** "153.21us", "3.02ms", "1.20s", "2.00m" in ms. */
export function parseWrkTime(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new PeerOutputError(`wrk: "${text}" is not a time (expected e.g. 153.21us, 3.02ms, 1.20s)`);
  return Number(match[1]) * (timeUnitsMs[match[2] as string] as number);
}

/** "36.53MB" (binary units, as wrk prints them) in bytes. */
export function parseWrkSize(text: string): number {
  const match = /^([\d.]+)(B|KB|MB|GB|TB)$/.exec(text.trim());
  if (!match) throw new PeerOutputError(`wrk: "${text}" is not a size (expected e.g. 512.00B, 36.53MB)`);
  return Number(match[1]) * (sizeUnits[match[2] as string] as number);
}

/** The exact figures printed by flashlab's Lua done() script. */
interface WrkScriptFigures {
  durationUs: number;
  requests: number;
  bytes: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeoutErrors: number;
  statusErrors: number;
  latencyUs: { min: number; max: number; mean: number; p50: number; p95: number; p99: number };
}

/** The Lua script that makes wrk print its exact totals and percentiles as one JSON line. */
export const wrkSummaryScript = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('FLASHLAB_WRK {"durationUs":%d,"requests":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeoutErrors":%d,"statusErrors":%d,"latencyUs":{"min":%d,"max":%d,"mean":%.3f,"p50":%d,"p95":%d,"p99":%d}}\\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency.min, latency.max, latency.mean, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

/** Parses wrk's text output (with or without --latency and the FLASHLAB_WRK line). */
export function parseWrkOutput(text: string): PeerSummary {
  const scriptLine = /^FLASHLAB_WRK (\{.*\})\s*$/m.exec(text);
  if (scriptLine) {
    const figures = JSON.parse(scriptLine[1] as string) as WrkScriptFigures;
    const ms = (micros: number) => micros / 1000;
    const requests = figures.requests - figures.statusErrors;
    return buildPeerSummary({
      tool: "wrk",
      requests,
      errors: { connect: figures.connectErrors, reset: figures.readErrors + figures.writeErrors, timeout: figures.timeoutErrors, "bad-status": figures.statusErrors },
      durationS: figures.durationUs / 1e6,
      bytes: figures.bytes,
      connections: null,
      responseMs:
        requests + figures.statusErrors === 0
          ? null
          : { mean: ms(figures.latencyUs.mean), min: ms(figures.latencyUs.min), max: ms(figures.latencyUs.max), p50: ms(figures.latencyUs.p50), p95: ms(figures.latencyUs.p95), p99: ms(figures.latencyUs.p99) },
    });
  }
  const totals = /(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read/.exec(text);
  if (!totals) throw new PeerOutputError(`wrk: cannot find "N requests in T, S read" in its output (is this wrk's output?): ${text.slice(0, 200).trim()}`);
  const responses = Number(totals[1]);
  const non2xx = matchNumber(text, /Non-2xx or 3xx responses:\s+(\d+)/) ?? 0;
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const latencyLine = /^\s*Latency\s+(\S+)\s+(\S+)\s+(\S+)\s+\S+%/m.exec(text);
  let responseMs: PeerLatency | null = null;
  if (latencyLine && responses > 0) {
    responseMs = unknownLatency();
    responseMs.mean = parseWrkTime(latencyLine[1] as string);
    responseMs.max = parseWrkTime(latencyLine[3] as string);
    const percentile = (p: number) => {
      const match = new RegExp(`^\\s*${p}%\\s+(\\S+)\\s*$`, "m").exec(text);
      return match ? parseWrkTime(match[1] as string) : null;
    };
    responseMs.p50 = percentile(50);
    responseMs.p99 = percentile(99);
  }
  requireNumber("wrk", text, /Requests\/sec:\s+([\d.]+)/, "Requests/sec");
  return buildPeerSummary({
    tool: "wrk",
    requests: responses - non2xx,
    errors: {
      connect: Number(socketErrors?.[1] ?? 0),
      reset: Number(socketErrors?.[2] ?? 0) + Number(socketErrors?.[3] ?? 0),
      timeout: Number(socketErrors?.[4] ?? 0),
      "bad-status": non2xx,
    },
    durationS: parseWrkTime(totals[2] as string) / 1000,
    bytes: parseWrkSize(totals[3] as string),
    connections: null,
    responseMs,
  });
}

/** How to run wrk. */
export interface WrkRunOptions {
  url: string;
  /** Open connections (wrk -c). Default 10. */
  connections?: number;
  /** Threads (wrk -t). Default 1. */
  threads?: number;
  durationS: number;
  /** Per-request timeout in seconds (wrk --timeout). Default 5. */
  timeoutS?: number;
  /** Pin wrk to these CPUs (taskset -c list). */
  cpus?: string;
}

/** The wrk binary, or undefined when it is not installed. */
export function findWrk(): string | undefined {
  return findExecutable("wrk");
}

/** Runs wrk with exact-figure reporting and returns its summary (clientCpuPct from /proc). */
export async function runWrk(options: WrkRunOptions): Promise<PeerSummary & { rawOutput: string }> {
  const folder = await mkdtemp(join(tmpdir(), "flashlab-wrk-"));
  try {
    const script = join(folder, "summary.lua");
    await writeFile(script, wrkSummaryScript);
    const args = ["-t", String(options.threads ?? 1), "-c", String(options.connections ?? 10), "-d", `${options.durationS}s`, "--timeout", `${options.timeoutS ?? 5}s`, "--latency", "-s", script, options.url];
    const run = await runRequiredTool("wrk", findWrk(), "Debian: apt-get install wrk", args, { cpus: options.cpus, timeoutMs: (options.durationS + 30) * 1000 });
    return { ...parseWrkOutput(run.stdout), clientCpuPct: run.cpuPct, rawOutput: run.stdout };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
