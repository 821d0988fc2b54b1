/**
 * `flashlab serve --arch … --docroot DIR …`: runs one of the seven architectures as a real server until
 * SIGTERM or SIGINT. When ready it prints exactly one line, `listening on http://HOST:PORT` (with
 * --json, one JSON object with url and pid). On a signal it stops accepting, lets in-flight requests
 * finish within the grace period, stops every child, and exits 0. With --control it also answers
 * commands on stdin (servers/control.ts) and stops at the end of its input, for a runner on another host.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { processTreeMemory } from "../experiments/server-load/server-readings.js";
import type { ControlReply } from "../servers/control.js";
import { processTreeCpuSeconds } from "../runtime/proc.js";
import { stringifyWithInfinity } from "../runtime/json-with-infinity.js";
import { UsageError } from "./args.js";
import { defineCommand } from "./command.js";
import type { Command, CommandGroup } from "./command.js";
import { startServer } from "../servers/start-server.js";
import { inapplicableOptions, ServerOptionsError } from "../servers/options.js";
import { acceptPolicies, architectureNames, type ArchitectureName, type ServerDiskOptions, type ServerOptions } from "../servers/types.js";
import type { ArchitectureOption } from "../servers/architecture.js";
import type { RunningServer } from "../servers/types.js";

const serveOptions = {
  arch: { type: "string", description: "the architecture", choices: architectureNames, valueName: "ARCH" },
  docroot: { type: "string", description: "folder of files to serve (make one with `flashlab docroot`)", valueName: "DIR" },
  host: { type: "string", description: "address to listen on", default: "127.0.0.1", valueName: "HOST" },
  port: { type: "integer", description: "port (0 picks a free one)", min: 0, max: 65535, default: 0 },
  workers: { type: "integer", description: "processes (mp, zeus), threads (mt) or initial processes (apache)", min: 1, max: 256 },
  helpers: { type: "integer", description: "helper processes (amped) or threads (amted)", min: 1, max: 256 },
  "max-processes": { type: "integer", description: "apache: most processes the pool grows to", min: 1, max: 256 },
  "threads-per-process": { type: "integer", description: "apache: serving threads in each process", min: 1, max: 256 },
  disk: { type: "string", description: "real file system, simulated disk, or real with the page cache dropped", choices: ["real", "sim", "cold"], default: "real" },
  "disk-latency-ms": { type: "number", description: "simulated disk: latency of one miss", min: 0 },
  "disk-mbps": { type: "number", description: "simulated disk: transfer rate in MB/s", min: 0, exclusiveMin: true },
  "cache-mb": { type: "number", description: "simulated disk: buffer-cache size in MB", min: 0 },
  "disk-parallelism": { type: "integer", description: "simulated disk: misses served at once (disk arms; default: unlimited)", min: 1 },
  "accept-policy": { type: "string", description: "mp: master-handoff (default) or reuseport", choices: acceptPolicies, valueName: "POLICY" },
  "data-cache-mb": { type: "number", description: "Flash's data cache size per context in MB", min: 0 },
  "no-path-cache": { type: "boolean", description: "switch off the pathname translation cache" },
  "no-header-cache": { type: "boolean", description: "switch off the response header cache" },
  "no-data-cache": { type: "boolean", description: "switch off the data (mapped-file) cache" },
  "no-gather": { type: "boolean", description: "send header and body in separate writes" },
  "no-timing": { type: "boolean", description: "do not time the pipeline's steps (no clock reads per step)" },
  "grace-ms": { type: "integer", description: "on SIGTERM, how long in-flight requests may take", min: 0, max: 600_000, default: 2000 },
  "max-connections": {
    type: "integer",
    description: "connections an event loop (sped, amped, amted, each zeus process) serves at once; more wait unread (default 10000)",
    min: 1,
    max: 1_000_000,
  },
  cpus: { type: "string", description: "pin the server (every process and thread) to these CPUs with taskset, e.g. 0 or 2-3", valueName: "LIST" },
  json: { type: "boolean", description: "print one JSON object {url, pid, …} instead of the line" },
  control: {
    type: "boolean",
    description: "answer `stats` and `usage` on stdin with one JSON line each on stdout, and stop at the end of stdin (for a runner on another host)",
  },
  "stats-file": { type: "string", description: "on SIGTERM/SIGINT, write the server's final stats (JSON) to this file", valueName: "FILE" },
} as const;

type ServeValues = {
  arch?: string;
  docroot?: string;
  host: string;
  port: number;
  workers?: number;
  helpers?: number;
  "max-processes"?: number;
  "threads-per-process"?: number;
  disk: string;
  "disk-latency-ms"?: number;
  "disk-mbps"?: number;
  "cache-mb"?: number;
  "disk-parallelism"?: number;
  "accept-policy"?: string;
  "data-cache-mb"?: number;
  "no-path-cache": boolean;
  "no-header-cache": boolean;
  "no-data-cache": boolean;
  "no-gather": boolean;
  "no-timing": boolean;
  "grace-ms": number;
  "max-connections"?: number;
  cpus?: string;
};

/** The flags that set each architecture-specific option, for messages. */
const flagsOf: Record<ArchitectureOption, string> = {
  workers: "--workers",
  helpers: "--helpers",
  apache: "--max-processes/--threads-per-process",
  maxConnections: "--max-connections",
  acceptPolicy: "--accept-policy",
};

/** The server options that the command line describes; throws UsageError for what does not fit. */
function serveOptionsFromFlags(values: ServeValues): ServerOptions {
  if (!values.arch) throw new UsageError(`--arch is required; one of ${architectureNames.join(", ")}`);
  if (!values.docroot) throw new UsageError("--docroot is required: the folder of files to serve");
  const simFlags = (["disk-latency-ms", "disk-mbps", "cache-mb", "disk-parallelism"] as const).filter((flag) => values[flag] !== undefined);
  if (values.disk !== "sim" && simFlags.length > 0) {
    throw new UsageError(`${simFlags.map((flag) => `--${flag}`).join(", ")}: for the simulated disk only; add --disk sim`);
  }
  const disk: ServerDiskOptions =
    values.disk === "sim"
      ? {
          kind: "sim",
          latencyMs: values["disk-latency-ms"],
          bandwidthMBps: values["disk-mbps"],
          cacheMB: values["cache-mb"],
          parallelism: values["disk-parallelism"],
        }
      : { kind: values.disk as "real" | "cold" };
  const options: ServerOptions = {
    arch: values.arch as ArchitectureName,
    docroot: values.docroot,
    host: values.host,
    port: values.port,
    workers: values.workers,
    helpers: values.helpers,
    disk,
    caches: {
      path: !values["no-path-cache"],
      header: !values["no-header-cache"],
      data: !values["no-data-cache"],
      dataMB: values["data-cache-mb"],
    },
    apache: { maxProcesses: values["max-processes"], threadsPerProcess: values["threads-per-process"] },
    acceptPolicy: values["accept-policy"] as ServerOptions["acceptPolicy"],
    gather: !values["no-gather"],
    timing: !values["no-timing"],
    graceMs: values["grace-ms"],
    maxConnections: values["max-connections"],
    ...(values.cpus !== undefined ? { cpus: values.cpus } : {}),
  };
  const inapplicable = inapplicableOptions(options);
  if (inapplicable.length > 0) {
    throw new UsageError(`${inapplicable.map((option) => flagsOf[option]).join(", ")}: not an option of --arch ${values.arch}`);
  }
  return options;
}

/** Answers control commands on stdin (see servers/control.ts); `ended` resolves when stdin ends, `close` stops listening. */
function serveControl(server: RunningServer, reply: (line: string) => void): { ended: Promise<void>; close(): void } {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const answer = async (command: string): Promise<ControlReply> => {
    switch (command) {
      case "stats":
        return { kind: "stats", stats: await server.stats() };
      case "usage": {
        const memory = processTreeMemory(server.pid);
        return {
          kind: "usage",
          cpuSeconds: processTreeCpuSeconds(server.pid) ?? null,
          elapsedMs: performance.now(),
          memory: memory ? { rssBytes: memory.rssBytes, pssBytes: memory.pssBytes ?? null, processes: memory.processes } : null,
        };
      }
      default:
        return { kind: "error", message: `unknown command ${JSON.stringify(command)}; accepted: stats, usage` };
    }
  };
  // Replies go out in the order of the commands.
  let previous = Promise.resolve();
  lines.on("line", (line) => {
    const command = line.trim();
    if (command === "") return;
    previous = previous.then(async () => {
      const message = await answer(command).catch((error: Error): ControlReply => ({ kind: "error", message: error.message }));
      reply(`${stringifyWithInfinity(message)}\n`);
    });
  });
  const ended = new Promise<void>((resolve) => lines.once("close", () => resolve()));
  return {
    ended,
    close() {
      lines.close();
      process.stdin.destroy();
    },
  };
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      resolve(signal);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}

const serveCommand = defineCommand({
  name: "serve",
  summary: "run a real server with one of the seven architectures until SIGTERM/SIGINT",
  details: [
    `Architectures: ${architectureNames.join(", ")}.`,
    "Prints `listening on http://HOST:PORT` when ready (with --json one JSON object), then serves until",
    "SIGTERM or SIGINT, lets in-flight requests finish within --grace-ms, stops every child and exits 0.",
    "--control: stdin takes `stats` (the server's stats) and `usage` (CPU time and memory of its processes, from",
    "/proc), each answered by one JSON line on stdout; the end of stdin stops the server as SIGTERM does.",
  ].join("\n"),
  options: serveOptions,
  async run({ options }, io) {
    const serverOptions = serveOptionsFromFlags(options);
    const signal = waitForSignal();
    let server;
    try {
      server = await startServer(serverOptions);
    } catch (error) {
      if (error instanceof ServerOptionsError) throw new UsageError(error.message);
      throw error;
    }
    if (serverOptions.disk?.kind === "cold") io.stderr(`serve: ${server.diskDescription}\n`);
    if (options.json) {
      io.stdout(`${JSON.stringify({ url: server.url, pid: process.pid, serverPid: server.pid, arch: server.arch, disk: server.diskDescription })}\n`);
    } else {
      io.stdout(`listening on ${server.url}\n`);
    }
    const control = options.control ? serveControl(server, io.stdout) : undefined;
    const endOfInput = control?.ended ?? new Promise<never>(() => undefined);
    const outcome = await Promise.race([signal.then(() => "signal" as const), endOfInput.then(() => "end of input" as const), server.exited.then(() => "died" as const)]);
    control?.close();
    if (outcome === "died") {
      io.stderr(`serve: the ${server.arch} server stopped unexpectedly\n`);
      return 1;
    }
    const statsFile = options["stats-file"];
    if (statsFile) {
      try {
        writeFileSync(statsFile, `${JSON.stringify(await server.stats(), null, 2)}\n`);
      } catch (error) {
        io.stderr(`serve: could not write --stats-file ${statsFile}: ${(error as Error).message}\n`);
      }
    }
    await server.stop();
    return 0;
  },
});

export const serveCommands: Array<Command<any> | CommandGroup> = [serveCommand];
