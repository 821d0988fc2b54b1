/**
 * `flashlab sim server`: one architecture model on a hardware profile under closed- or open-loop
 * clients, and what it measured.
 *
 *   flashlab sim server --arch amped --profile 2026-server --cores 16 --clients 1000 --dataset-mb 20000
 *
 * The text output first echoes every parameter (`ARG arch amped`), defaults included, so that a run is
 * fully described by its output, then the throughput, bandwidth, response times, the utilization of each
 * resource, the disk, memory and the engine's speed. `--json` prints one object: the same parameters
 * under `parameters`, then `throughputRps`, `bandwidthMBps`, `responseMs` (mean, p50, p95, p99, max),
 * `utilization` (per resource), `events`, and the rest of the model's result.
 */
import { UsageError } from "./args.js";
import type { ParsedOptions } from "./args.js";
import { defineCommand } from "./command.js";
import type { CommandIO } from "./command.js";
import { asUsage, echoArguments } from "./sim-common.js";
import { simArchitectureNames, type SimArchitectureName } from "../sim/server-model/architecture-model.js";
import { builtinHardwareProfiles, hardwareProfile } from "../sim/server-model/profiles.js";
import { singleFileWorkload, surgeLikeWorkload, type ServerWorkload } from "../sim/server-model/server-workload.js";
import { simulateServer, type ServerSimulationOptions, type ServerSimulationResult } from "../sim/server-model/simulate-server.js";
import { stringifyWithInfinity } from "../runtime/json-with-infinity.js";
import { textTable } from "../viz/text-table.js";

/** Closed-loop clients when neither --clients nor --rate is given. */
const defaultClients = 32;

const serverOptions = {
  arch: { type: "string", choices: simArchitectureNames, valueName: "ARCH", description: "the architecture model (required)" },
  profile: { type: "string", default: "this-machine", valueName: "NAME", description: `hardware: ${builtinHardwareProfiles.join(", ")}, or a profile's JSON file` },
  cores: { type: "integer", min: 1, max: 4096, valueName: "N", description: "cores the server may use (default: the profile's)" },
  "memory-mb": { type: "number", min: 1, valueName: "X", description: "the machine's memory (default: the profile's)" },
  workers: { type: "integer", min: 1, max: 1_000_000, valueName: "N", description: "processes (mp, zeus), threads (mt), initial processes (apache)" },
  helpers: { type: "integer", min: 1, max: 100_000, valueName: "N", description: "helper processes (amped) or threads (amted); default 4" },
  clients: { type: "integer", min: 1, max: 1_000_000, valueName: "N", description: `closed-loop clients (default ${defaultClients})` },
  "think-ms": { type: "number", min: 0, valueName: "MS", description: "each client's think time between a response and its next request (default 0)" },
  rate: { type: "number", min: 0, exclusiveMin: true, valueName: "R", description: "open loop instead of closed-loop clients: Poisson arrivals, requests/s" },
  "client-mbps": { type: "number", min: 0, exclusiveMin: true, valueName: "X", description: "each client's bandwidth, Mbit/s (default: unlimited)" },
  "client-rtt-ms": { type: "number", min: 0, default: 0, valueName: "MS", description: "round trip between a client and the server" },
  "dataset-mb": { type: "number", min: 0, exclusiveMin: true, valueName: "X", description: "a SURGE-like data set of X MB (default 64; or --file-kb)" },
  "file-kb": { type: "number", min: 0, valueName: "X", description: "one file of X KB, requested over and over, instead of a data set" },
  "cache-mb": { type: "number", min: 0, valueName: "X", description: "the buffer cache (default: the memory the server leaves)" },
  "disk-latency-ms": { type: "number", min: 0, valueName: "X", description: "latency of one disk miss (default: the profile's)" },
  "disk-mbps": { type: "number", min: 0, exclusiveMin: true, valueName: "X", description: "the disk's transfer rate, MB/s (default: the profile's)" },
  "disk-arms": { type: "integer", min: 1, max: 1_000_000, valueName: "N", description: "misses the disk serves at once (default: the profile's)" },
  caches: { type: "string", choices: ["all", "none", "path+header"], default: "all", description: "Flash's caches that are on (path+header: no data cache, the buffer cache holds the data)" },
  "warmup-s": { type: "number", min: 0, default: 1, valueName: "S", description: "simulated seconds of warm-up load" },
  "duration-s": { type: "number", min: 0, exclusiveMin: true, default: 5, valueName: "S", description: "simulated seconds of measured load" },
  seed: { type: "integer", short: "s", min: 0, max: 4_294_967_295, default: 1, valueName: "S", description: "seed of the random streams (workload, arrivals, think times, SO_REUSEPORT)" },
  json: { type: "boolean", description: "print one JSON object instead of text" },
} as const;

type Options = ParsedOptions<typeof serverOptions>;

/** The workload the options ask for. */
function workloadOf(options: Options): { workload: ServerWorkload; echoed: Array<[string, string | number]> } {
  if (options["file-kb"] !== undefined && options["dataset-mb"] !== undefined) throw new UsageError("give --dataset-mb or --file-kb, not both");
  if (options["file-kb"] !== undefined) return { workload: singleFileWorkload(Math.round(options["file-kb"] * 1024)), echoed: [["file-kb", options["file-kb"]]] };
  const datasetMB = options["dataset-mb"] ?? 64;
  return { workload: surgeLikeWorkload({ datasetMB, seed: options.seed }), echoed: [["dataset-mb", datasetMB]] };
}

function simulationOf(options: Options): { simulation: ServerSimulationOptions; echoed: Array<[string, string | number]> } {
  const arch = options.arch as SimArchitectureName | undefined;
  if (arch === undefined) throw new UsageError(`--arch is required; one of ${simArchitectureNames.join(", ")}`);
  if (options.rate !== undefined && (options.clients !== undefined || options["think-ms"] !== undefined)) {
    throw new UsageError("--rate runs an open loop, which has no clients to count or think: give --rate, or --clients (with --think-ms), not both");
  }
  const clients = options.clients ?? defaultClients;
  const thinkMs = options["think-ms"] ?? 0;
  const hardware = asUsage(() => hardwareProfile(options.profile));
  const { workload, echoed: workloadEchoed } = workloadOf(options);
  const disk: NonNullable<ServerSimulationOptions["disk"]> = {};
  if (options["disk-latency-ms"] !== undefined) disk.latencyMs = options["disk-latency-ms"];
  if (options["disk-mbps"] !== undefined) disk.bandwidthMBps = options["disk-mbps"];
  if (options["disk-arms"] !== undefined) disk.parallelism = options["disk-arms"];
  const simulation: ServerSimulationOptions = {
    arch,
    hardware,
    workload,
    disk,
    caches: options.caches === "all" ? {} : options.caches === "none" ? { path: false, header: false, data: false } : { data: false },
    clients,
    thinkMs,
    clientRttMs: options["client-rtt-ms"],
    warmupS: options["warmup-s"],
    durationS: options["duration-s"],
    seed: options.seed,
  };
  if (options.cores !== undefined) simulation.cores = options.cores;
  if (options["memory-mb"] !== undefined) simulation.memoryMB = options["memory-mb"];
  if (options.workers !== undefined) simulation.workers = options.workers;
  if (options.helpers !== undefined) simulation.helpers = options.helpers;
  if (options.rate !== undefined) simulation.arrivalRatePerS = options.rate;
  if (options["client-mbps"] !== undefined) simulation.clientMbps = options["client-mbps"];
  if (options["cache-mb"] !== undefined) simulation.cacheMB = options["cache-mb"];
  const given = (value: number | undefined, fallback: string | number): string | number => value ?? fallback;
  const echoed: Array<[string, string | number]> = [
    ["arch", arch],
    ["profile", options.profile],
    ["cores", given(options.cores, hardware.cores)],
    ["memory-mb", given(options["memory-mb"], hardware.memoryMB)],
  ];
  if (options.workers !== undefined) echoed.push(["workers", options.workers]);
  if (options.helpers !== undefined) echoed.push(["helpers", options.helpers]);
  if (options.rate !== undefined) echoed.push(["rate", options.rate]);
  else echoed.push(["clients", clients], ["think-ms", thinkMs]);
  echoed.push(["client-mbps", given(options["client-mbps"], "unlimited")], ["client-rtt-ms", options["client-rtt-ms"]], ...workloadEchoed);
  echoed.push(
    ["cache-mb", given(options["cache-mb"], "memory left")],
    ["disk-latency-ms", given(options["disk-latency-ms"], hardware.disk.latencyMs)],
    ["disk-mbps", given(options["disk-mbps"], hardware.disk.bandwidthMBps)],
    ["disk-arms", given(options["disk-arms"], hardware.disk.parallelism)],
    ["caches", options.caches],
    ["warmup-s", options["warmup-s"]],
    ["duration-s", options["duration-s"]],
    ["seed", options.seed],
  );
  return { simulation, echoed };
}

const figure = (value: number, digits = 4): string => (Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : "n/a");
const percent = (share: number | undefined): string => (share === undefined || !Number.isFinite(share) ? "n/a" : `${(100 * share).toFixed(1)} %`);

function serverText(result: ServerSimulationResult, echoed: Array<[string, string | number]>): string {
  const configuration = result.configuration;
  const rows = [
    ["throughput", `${figure(result.throughputRps)} requests/s`],
    ["bandwidth", `${figure(result.bandwidthMBps)} MB/s (10^6 bytes)`],
    ["response time: mean, p50, p95, p99", `${[result.responseMs.mean, result.responseMs.p50, result.responseMs.p95, result.responseMs.p99].map((value) => figure(value)).join(", ")} ms`],
    ["requests measured (refused)", `${result.requests} (${result.refused})`],
    ...Object.entries(result.utilization).map(([resource, share]) => [`utilization: ${resource}`, percent(share)]),
    ["disk: reads, miss ratio", `${result.disk.reads}, ${percent(result.disk.missRatio)}`],
    ["context switches per request", figure((result.cpu.processSwitches + result.cpu.threadSwitches) / Math.max(1, result.requests))],
    ["CPU spent switching", `${figure(result.cpu.switchSharePct, 3)} %`],
    ["memory: contexts, buffer cache", `${figure(result.memory.contextsMB)} MB, ${figure(result.memory.bufferCacheMB)} MB`],
  ];
  return [
    echoArguments(echoed),
    "",
    `${result.arch} on ${result.hardware}: ${configuration.cores} core${configuration.cores === 1 ? "" : "s"}, ${configuration.workload}`,
    `(simulated: ${figure(result.measuredS, 3)} s of measured load)`,
    "",
    textTable(rows),
    ...result.warnings.map((warning) => `warning: ${warning}`),
    "",
    `engine: ${result.events} events in ${figure(result.wallMs, 3)} ms of wall time (${figure(result.eventsPerSec / 1e6, 3)} M events/s)`,
    "",
  ].join("\n");
}

export const simServerCommand = defineCommand({
  name: "server",
  summary: "a server architecture model on a hardware profile: throughput, response time, utilization",
  details: [
    "Example: flashlab sim server --arch amped --profile 1999 --dataset-mb 200 --disk-latency-ms 10",
    "Profiles: this-machine (calibrated), 1999 (the Flash paper's testbed), 2026-server; or a JSON file from `flashlab sim calibrate`.",
  ].join("\n"),
  options: serverOptions,
  run({ options }, io: CommandIO) {
    const { simulation, echoed } = simulationOf(options);
    const result = asUsage(() => simulateServer(simulation));
    if (options.json) {
      const { configuration, ...figures } = result;
      io.stdout(`${stringifyWithInfinity({ parameters: Object.fromEntries(echoed), configuration, ...figures })}\n`);
    } else {
      io.stdout(serverText(result, echoed));
    }
  },
});
