/**
 * autocannon: read its JSON result (`autocannon --json`) into the peer summary schema, and run it from
 * the project's node_modules.
 *
 * autocannon reports latency in ms with the percentiles 2.5, 50, 75, 90, 97.5, 99 (no p95), status
 * classes (1xx…5xx), errors, timeouts and the bytes received. Completed requests are the 2xx + 3xx
 * responses; 1xx/4xx/5xx count as bad-status, timeouts as timeout, and the other socket errors as reset.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../runtime/paths.js";
import { buildPeerSummary, PeerOutputError, type PeerSummary } from "./peer-summary.js";
import { runRequiredTool } from "./tool-process.js";

interface AutocannonLatency {
  mean?: number;
  average?: number;
  min?: number;
  max?: number;
  p50?: number;
  p99?: number;
  totalCount?: number;
}

interface AutocannonResult {
  duration?: number;
  connections?: number;
  errors?: number;
  timeouts?: number;
  "1xx"?: number;
  "2xx"?: number;
  "3xx"?: number;
  "4xx"?: number;
  "5xx"?: number;
  latency?: AutocannonLatency;
  throughput?: { total?: number };
}

function count(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Parses autocannon's JSON result (the text, or the parsed object). */
export function parseAutocannonJson(input: string | object): PeerSummary {
  let result: AutocannonResult;
  if (typeof input === "string") {
    const start = input.indexOf("{");
    try {
      result = JSON.parse(start >= 0 ? input.slice(start) : input) as AutocannonResult;
    } catch (error) {
      throw new PeerOutputError(`autocannon: the output is not JSON (${(error as Error).message}); run autocannon with --json`);
    }
  } else {
    result = input as AutocannonResult;
  }
  if (typeof result.duration !== "number" || result.latency === undefined || result["2xx"] === undefined) {
    throw new PeerOutputError("autocannon: the JSON lacks duration, latency or 2xx; expected the result of autocannon --json");
  }
  const requests = count(result["2xx"]) + count(result["3xx"]);
  const badStatus = count(result["1xx"]) + count(result["4xx"]) + count(result["5xx"]);
  const timeouts = count(result.timeouts);
  const latency = result.latency;
  const number = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return buildPeerSummary({
    tool: "autocannon",
    requests,
    errors: { timeout: timeouts, reset: Math.max(0, count(result.errors) - timeouts), "bad-status": badStatus },
    durationS: result.duration,
    bytes: number(result.throughput?.total),
    connections: null,
    responseMs:
      count(latency.totalCount) === 0 && requests === 0
        ? null
        : { mean: number(latency.mean ?? latency.average), min: number(latency.min), max: number(latency.max), p50: number(latency.p50), p95: null, p99: number(latency.p99) },
  });
}

/** How to run autocannon. */
export interface AutocannonRunOptions {
  url: string;
  /** Open connections (-c). Default 10. */
  connections?: number;
  durationS: number;
  /** Requests in flight per connection (-p). Default 1. */
  pipelining?: number;
  /** Worker threads (-w). Default: autocannon's (none). */
  workers?: number;
  /** Per-request timeout in seconds (-t). Default 5. */
  timeoutS?: number;
  cpus?: string;
}

/** autocannon's CLI script in node_modules, or undefined. */
export function findAutocannon(): string | undefined {
  const script = join(projectRoot, "node_modules", "autocannon", "autocannon.js");
  return existsSync(script) ? script : undefined;
}

/** Runs autocannon on this Node and returns its summary (clientCpuPct from /proc). */
export async function runAutocannon(options: AutocannonRunOptions): Promise<PeerSummary & { rawOutput: string }> {
  const script = findAutocannon();
  const args = [script ?? "autocannon.js", "--json", "-c", String(options.connections ?? 10), "-d", String(options.durationS), "-p", String(options.pipelining ?? 1), "-t", String(options.timeoutS ?? 5)];
  if (options.workers !== undefined) args.push("-w", String(options.workers));
  args.push(options.url);
  const node = script === undefined ? undefined : process.execPath;
  const run = await runRequiredTool("autocannon", node, "npm install autocannon", args, { cpus: options.cpus, timeoutMs: (options.durationS + 30) * 1000 });
  return { ...parseAutocannonJson(run.stdout), clientCpuPct: run.cpuPct, rawOutput: run.stdout };
}
