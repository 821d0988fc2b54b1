/**
 * `flashlab load URL [options]`: runs flashlab's load generator against a server and prints the summary.
 *
 * As in the OSTEP homework simulators, the text output first echoes every parameter (`ARG mode closed`),
 * so that a run is fully described by its output; `--json` prints one object with the summary, the
 * exact parameters and the environment (machine, CPU placement, Node, commit). A progress bar shows on
 * a terminal only. Bad flags and a bad workload file exit 2; an unreachable server exits 1.
 */
import cliProgress from "cli-progress";
import { captureEnvironment } from "../experiments/environment.js";
import { type LoadOptions, LoadOptionsError, type LoadProgress, type LoadSummary, type ResolvedLoadOptions, runLoad } from "../loadgen/index.js";
import { arrivalProcesses, thinkDistributions } from "../loadgen/timing.js";
import { loadWorkload, WorkloadFileError } from "../workloads/loader.js";
import { UsageError } from "./args.js";
import type { ParsedOptions } from "./args.js";
import { type Command, type CommandGroup, type CommandIO, defineCommand } from "./command.js";

const loadOptions = {
  workload: { type: "string", valueName: "FILE", description: "request the paths of this workload (manifest.json or its folder); the URL names the server" },
  mode: { type: "string", choices: ["closed", "open"], default: "closed", valueName: "MODE", description: "closed: clients wait for each response; open: requests arrive on a schedule" },
  clients: { type: "integer", min: 1, max: 100000, default: 10, valueName: "N", description: "closed: concurrent clients; open: connection slots (most requests in flight)" },
  "think-ms": { type: "number", min: 0, valueName: "X", description: "closed loop: mean think time between a response and the next request (default 0)" },
  "think-dist": { type: "string", choices: [...thinkDistributions], default: "fixed", valueName: "DIST", description: "how think times are drawn (mean --think-ms)" },
  rate: { type: "number", min: 0, exclusiveMin: true, valueName: "R", description: "open loop: arrivals per second" },
  arrival: { type: "string", choices: [...arrivalProcesses], valueName: "KIND", description: "open loop: spacing of arrivals (default poisson)" },
  "replay-speed": { type: "number", min: 0, exclusiveMin: true, valueName: "X", description: "open loop without --rate: replay a timed workload X times faster (default 1)" },
  duration: { type: "number", min: 0, exclusiveMin: true, valueName: "S", description: "measured phase in seconds (default 10 unless --requests is given or a workload is replayed)" },
  requests: { type: "integer", min: 1, valueName: "N", description: "measured requests to issue (completed + failed)" },
  warmup: { type: "number", min: 0, default: 0, valueName: "S", description: "warm-up seconds before the measured phase (sent, not recorded)" },
  http: { type: "string", choices: ["1.0", "1.1"], default: "1.1", valueName: "VERSION", description: "1.0: a new connection per request; 1.1: keep-alive" },
  pipeline: { type: "integer", min: 1, max: 1024, default: 1, valueName: "D", description: "requests in flight per keep-alive connection" },
  threads: { type: "integer", min: 0, max: 64, default: 1, valueName: "T", description: "worker threads generating load (0: the main thread)" },
  "timeout-ms": { type: "number", min: 0, exclusiveMin: true, default: 5000, valueName: "X", description: "per-request timeout" },
  "client-delay-ms": { type: "number", min: 0, max: 60000, valueName: "X", description: "emulate distant clients: add X ms of round-trip time to every connection (default 0)" },
  "client-kbps": { type: "number", min: 0, exclusiveMin: true, max: 1000000, valueName: "K", description: "emulate slow clients: each connection receives at most K kbit/s (default unlimited)" },
  "sla-ms": { type: "number", min: 0, exclusiveMin: true, valueName: "X", description: "response-time SLA; adds slaViolationPct" },
  seed: { type: "integer", default: 1, valueName: "S", description: "seed for think times and arrivals" },
  records: { type: "string", valueName: "FILE.csv", description: "stream every measured request to this CSV file" },
  json: { type: "boolean", description: "print one JSON object (summary, parameters, environment)" },
} as const;

type LoadCommandOptions = ParsedOptions<typeof loadOptions>;

/** The library options for the parsed flags (only the flags given, so that defaults stay the library's). */
async function toLoadOptions(url: string, flags: LoadCommandOptions): Promise<LoadOptions> {
  const options: LoadOptions = {
    url,
    mode: flags.mode as "closed" | "open",
    clients: flags.clients,
    thinkDistribution: flags["think-dist"] as LoadOptions["thinkDistribution"],
    warmupS: flags.warmup,
    http: flags.http as "1.0" | "1.1",
    pipeline: flags.pipeline,
    threads: flags.threads,
    timeoutMs: flags["timeout-ms"],
    seed: flags.seed,
  };
  if (flags["think-ms"] !== undefined) options.thinkMs = flags["think-ms"];
  if (flags.rate !== undefined) options.rate = flags.rate;
  if (flags.arrival !== undefined) options.arrival = flags.arrival as LoadOptions["arrival"];
  if (flags["replay-speed"] !== undefined) options.replaySpeed = flags["replay-speed"];
  if (flags.duration !== undefined) options.durationS = flags.duration;
  if (flags.requests !== undefined) options.requests = flags.requests;
  if (flags["sla-ms"] !== undefined) options.slaMs = flags["sla-ms"];
  if (flags["client-delay-ms"] !== undefined) options.clientDelayMs = flags["client-delay-ms"];
  if (flags["client-kbps"] !== undefined) options.clientKbps = flags["client-kbps"];
  if (flags.records !== undefined) options.recordsFile = flags.records;
  if (flags.workload !== undefined) {
    try {
      options.workload = (await loadWorkload(flags.workload)).requests;
    } catch (error) {
      if (error instanceof WorkloadFileError) throw new UsageError(`--workload: ${error.message}`);
      throw error;
    }
  }
  return options;
}

/** A progress bar on stderr, for terminals only; it tracks seconds or requests, whichever bounds the run. */
function startProgressBar(io: CommandIO, options: LoadOptions): { update(progress: LoadProgress): void; stop(): void } | undefined {
  if (!io.isTTY) return undefined;
  const bySeconds = options.requests === undefined;
  const workload = options.workload;
  const replaySeconds =
    options.mode === "open" && options.rate === undefined && workload !== undefined && workload.length > 0
      ? ((workload.at(-1)?.offsetMs ?? 0) - (workload[0]?.offsetMs ?? 0)) / (options.replaySpeed ?? 1) / 1000
      : undefined;
  const total = bySeconds ? (options.durationS ?? replaySeconds ?? 10) : options.requests!;
  const bar = new cliProgress.SingleBar(
    { format: `load [{bar}] {percentage}% | {completed} completed, {failed} failed`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { completed: 0, failed: 0 });
  return {
    update(progress) {
      const value = bySeconds ? Math.max(0, Math.min(total, progress.elapsedS)) : progress.completed + progress.failed;
      bar.update(value, { completed: progress.completed, failed: progress.failed });
    },
    stop: () => bar.stop(),
  };
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The human-readable report: every parameter echoed, then the results. */
function formatLoadReport(parameters: ResolvedLoadOptions, summary: LoadSummary): string {
  const lines = Object.entries(parameters).map(([name, value]) => `ARG ${name} ${value ?? "-"}`);
  const latency = (label: string, value: LoadSummary["responseMs"]) =>
    value === null
      ? `${label}: none completed`
      : `${label} ms: mean ${round(value.mean)}  min ${round(value.min)}  p50 ${round(value.p50)}  p95 ${round(value.p95)}  p99 ${round(value.p99)}  max ${round(value.max)}`;
  const errorText = Object.entries(summary.errors)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  lines.push(
    "",
    `requests completed: ${summary.requests} in ${round(summary.durationS)} s`,
    `errors: ${summary.errorsTotal} (${errorText})`,
    `throughput: ${round(summary.throughputRps, 1)} req/s   bandwidth: ${round(summary.bandwidthMBps)} MB/s`,
    `connections: ${summary.connections}   connection rate: ${round(summary.connectionRate, 1)} /s`,
    `retries after a keep-alive race: ${summary.retries}`,
    latency("response time", summary.responseMs),
    latency("wait time (to first byte)", summary.waitMs),
  );
  if (summary.clientDelayMs > 0 || summary.clientKbps !== null) {
    const bandwidth = summary.clientKbps === null ? "unlimited bandwidth" : `${summary.clientKbps} kbit/s per connection`;
    lines.push(`emulated clients: +${summary.clientDelayMs} ms round trip, ${bandwidth}`);
  }
  if (summary.slaViolationPct !== undefined) lines.push(`SLA ${summary.slaMs} ms violated by ${round(summary.slaViolationPct, 2)} % of requests`);
  lines.push(`client CPU: ${round(summary.clientCpuPct, 1)} % of one core`);
  if (summary.warmup.requests + summary.warmup.errors > 0) {
    lines.push(`warm-up (not counted above): ${summary.warmup.requests} completed, ${summary.warmup.errors} failed, ${summary.warmup.retries} retried`);
  }
  return `${lines.join("\n")}\n`;
}

const loadCommand = defineCommand({
  name: "load",
  summary: "generate HTTP load against a server (closed or open loop) and summarize it",
  details: [
    "The URL names the server (http://HOST:PORT/PATH). With --workload, the workload supplies the paths",
    "and the URL's path is ignored. Latency in the open loop counts from each request's intended send",
    "time (as wrk2 does). Before the load, one connection checks that the server is reachable.",
    "--client-delay-ms and --client-kbps emulate slow or distant clients without a network emulator:",
    "half the delay each way, and a client that reads its socket no faster than the bandwidth.",
    "A request whose kept-alive connection closes before any byte of its response is retried once on a",
    "fresh connection, and counted as a retry.",
  ].join("\n"),
  options: loadOptions,
  positional: { name: "URL", min: 1, max: 1 },
  async run({ options: flags, positionals }, io) {
    const options = await toLoadOptions(positionals[0] as string, flags);
    const bar = startProgressBar(io, options);
    if (bar) options.onProgress = (progress) => bar.update(progress);
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    options.signal = abort.signal;
    let result;
    try {
      result = await runLoad(options);
    } catch (error) {
      if (error instanceof LoadOptionsError) throw new UsageError(error.message);
      throw error;
    } finally {
      bar?.stop();
      process.removeListener("SIGINT", onSignal);
    }
    if (abort.signal.aborted) io.stderr("flashlab load: interrupted; the summary covers the requests made before the interrupt\n");
    if (flags.json) {
      io.stdout(`${JSON.stringify({ ...result.summary, parameters: result.parameters, environment: captureEnvironment() }, null, 2)}\n`);
    } else {
      io.stdout(formatLoadReport(result.parameters, result.summary));
    }
    return 0;
  },
});

export const loadCommands: Array<Command<any> | CommandGroup> = [loadCommand];
