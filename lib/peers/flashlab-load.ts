/**
 * flashlab's own load generator run as a child process (`flashlab load … --json`), so that it can be
 * measured exactly like the peers: the same kind of process, pinned the same way with taskset, its
 * result in the same summary schema.
 */
import type { LoadSummary } from "../loadgen/load-summary.js";
import { compiledModule } from "../runtime/paths.js";
import { PeerOutputError, type PeerSummary } from "./peer-summary.js";
import { runRequiredTool } from "./tool-process.js";

/** How to run `flashlab load`. */
export interface FlashlabLoadRunOptions {
  url: string;
  clients?: number;
  durationS: number;
  threads?: number;
  http?: "1.0" | "1.1";
  pipeline?: number;
  /** Stream the records to this CSV file (--records). */
  recordsFile?: string;
  timeoutMs?: number;
  cpus?: string;
}

/** Reads the JSON that `flashlab load --json` prints into the peer summary schema. */
export function peerSummaryFromFlashlabJson(text: string): PeerSummary & { load: LoadSummary } {
  let load: LoadSummary;
  try {
    load = JSON.parse(text) as LoadSummary;
  } catch (error) {
    throw new PeerOutputError(`flashlab: the output is not JSON (${(error as Error).message})`);
  }
  const latency = (value: LoadSummary["responseMs"]) =>
    value === null ? null : { mean: value.mean, min: value.min, max: value.max, p50: value.p50, p95: value.p95, p99: value.p99 };
  return {
    tool: "flashlab",
    requests: load.requests,
    errors: load.errors,
    errorsTotal: load.errorsTotal,
    durationS: load.durationS,
    throughputRps: load.throughputRps,
    bandwidthMBps: load.bandwidthMBps,
    connections: load.connections,
    connectionRate: load.connectionRate,
    responseMs: latency(load.responseMs),
    waitMs: latency(load.waitMs),
    clientCpuPct: load.clientCpuPct,
    load,
  };
}

/** Runs `flashlab load --json` in a child process on this Node (clientCpuPct from /proc, like the peers). */
export async function runFlashlabLoad(options: FlashlabLoadRunOptions): Promise<PeerSummary & { load: LoadSummary }> {
  const args = [
    compiledModule("cli"),
    "load",
    options.url,
    "--json",
    "--clients",
    String(options.clients ?? 10),
    "--duration",
    String(options.durationS),
    "--threads",
    String(options.threads ?? 1),
    "--http",
    options.http ?? "1.1",
    "--pipeline",
    String(options.pipeline ?? 1),
    "--timeout-ms",
    String(options.timeoutMs ?? 5000),
  ];
  if (options.recordsFile !== undefined) args.push("--records", options.recordsFile);
  const run = await runRequiredTool("flashlab load", process.execPath, "Node", args, { cpus: options.cpus, timeoutMs: (options.durationS + 60) * 1000 });
  const summary = peerSummaryFromFlashlabJson(run.stdout);
  // The client CPU comes from /proc over the whole process, as for wrk, ab and autocannon, so that
  // every client is measured the same way (flashlab's own figure, over its load only, stays in `load`).
  return { ...summary, clientCpuPct: run.cpuPct ?? summary.clientCpuPct };
}
