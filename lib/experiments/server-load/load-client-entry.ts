/**
 * Entry point of a sweep's load-client process (compiled to dist/experiments/server-load/
 * load-client-entry.js). The sweep starts it pinned to the client's CPUs, so the load generator and
 * its worker threads never share the server's core; it runs one load per command (see
 * load-client-protocol.ts) and exits when its stdin closes, so it cannot outlive the sweep.
 */
import { createInterface } from "node:readline";
import { type LoadOptions, runLoad } from "../../loadgen/index.js";
import { type LoadedWorkload, loadWorkload } from "../../workloads/loader.js";
import type { ClientLoad, LoadClientCommand, LoadClientReply } from "./load-client-protocol.js";

const workloads = new Map<string, Promise<LoadedWorkload>>();

function workloadAt(folder: string): Promise<LoadedWorkload> {
  let loaded = workloads.get(folder);
  if (loaded === undefined) {
    loaded = loadWorkload(folder);
    workloads.set(folder, loaded);
  }
  return loaded;
}

/** The stream begun at position `startAt` (wrapping past its end). */
function streamFrom(stream: Array<{ path: string }>, startAt: number): Array<{ path: string }> {
  const start = stream.length === 0 ? 0 : startAt % stream.length;
  return start === 0 ? stream : [...stream.slice(start), ...stream.slice(0, start)];
}

/** Each path the stream requests, once, in the order it first asks for them. */
function everyFileOnce(workload: LoadedWorkload): Array<{ path: string }> {
  return [...new Set(workload.requests.map((request) => request.path))].map((path) => ({ path }));
}

async function runPhase(load: ClientLoad): Promise<Omit<Extract<LoadClientReply, { type: "result" }>, "id">> {
  const workload = await workloadAt(load.workloadFolder);
  // Untimed: a timed trace is replayed here as a closed loop, as the paper's clients did.
  const stream = workload.requests.map((request) => ({ path: request.path }));
  const paths = load.requests === "every-file-once" ? everyFileOnce(workload) : streamFrom(stream, load.startAt ?? 0);
  let measuredStartEpochMs: number | null = null;
  const options: LoadOptions = {
    url: load.url,
    workload: paths,
    mode: "closed",
    clients: load.requests === "every-file-once" ? Math.min(load.clients, paths.length) : load.clients,
    thinkMs: load.thinkMs,
    http: load.http,
    timeoutMs: load.timeoutMs,
    threads: load.threads,
    seed: load.seed,
    ...(load.requests === "every-file-once" ? { requests: paths.length } : { durationS: load.durationS }),
    ...(load.clientDelayMs ? { clientDelayMs: load.clientDelayMs } : {}),
    ...(load.clientKbps ? { clientKbps: load.clientKbps } : {}),
    // Each progress report says how long ago the measured phase began, on the run's own fixed origin.
    onProgress: (progress) => {
      if (progress.elapsedS >= 0) measuredStartEpochMs = performance.timeOrigin + performance.now() - progress.elapsedS * 1000;
    },
  };
  const result = await runLoad(options);
  return { type: "result", summary: result.summary, parameters: result.parameters, measuredStartEpochMs };
}

// Ctrl-C in a terminal signals the whole process group: the sweep then stops this process itself, after
// it has noted that the run under way was interrupted (and not that its client died).
process.on("SIGINT", () => undefined);
const lines = createInterface({ input: process.stdin });
lines.on("close", () => process.exit(0));
lines.on("line", (line) => {
  let command: LoadClientCommand;
  try {
    command = JSON.parse(line) as LoadClientCommand;
  } catch {
    return;
  }
  runPhase(command.load).then(
    (result) => {
      const reply: LoadClientReply = { id: command.id, ...result };
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    },
    (error: unknown) => {
      const reply: LoadClientReply = { id: command.id, type: "error", message: error instanceof Error ? error.message : String(error) };
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    },
  );
});
