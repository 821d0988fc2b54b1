/**
 * Entry point of every child process a server forks (compiled to dist/servers/process-entry.js). The
 * role says what the process is: the server's top process ("root"), an MP worker, one of Zeus's SPED
 * processes, an Apache-like process hosting serving threads, or an AMPED helper. A child exits when
 * its parent goes away (the IPC pipe closes), so no process outlives its server.
 */
import { decodeDiskHandle } from "../storage/index.js";
import { startBlockingWorker } from "./blocking-worker.js";
import { answerRequests, parentProcessChannel } from "./channel.js";
import { launchDiskKey, launchEnvironmentKey } from "./child-context.js";
import { describeThisProcess, mergeReports } from "./context-report.js";
import { startEventLoopServer } from "./event-loop-server.js";
import { runHelperLoop } from "./helper-loop.js";
import { runServerRoot } from "./server-root.js";
import { ThreadGroup } from "./thread-group.js";
import type { ServerConfig } from "./types.js";

interface ProcessLaunch {
  role: string;
  config: ServerConfig;
  extra: { port?: number; threads?: number };
}

/** Answers "stop" by running `stop`, replying, and exiting. */
function exitOnStop(stop: (graceMs: number) => Promise<void>): Record<string, (message: { graceMs?: unknown }) => Promise<boolean>> {
  return {
    stop: async (message) => {
      await stop(Number(message.graceMs ?? 0));
      setTimeout(() => process.exit(0), 20);
      return true;
    },
  };
}

async function main(): Promise<void> {
  const launch = JSON.parse(process.env[launchEnvironmentKey] ?? "null") as ProcessLaunch | null;
  if (!launch) throw new Error("flashlab: process-entry needs its launch description in the environment");
  const channel = parentProcessChannel();
  process.on("disconnect", () => process.exit(0));
  // Ctrl-C in a terminal signals the whole process group: the top of the tree (the CLI or the caller)
  // stops the server gracefully, so the children must not die on SIGINT by themselves.
  process.on("SIGINT", () => undefined);
  const { config } = launch;
  if (launch.role === "root") {
    await runServerRoot(channel, config);
    return;
  }
  const disk = decodeDiskHandle(process.env[launchDiskKey] ?? "");
  switch (launch.role) {
    case "helper":
      runHelperLoop(channel, disk);
      return;
    case "mp-worker": {
      const worker = startBlockingWorker(config, disk, () => channel.post({ type: "idle" }));
      channel.onMessage((message, socket) => {
        if (message.type !== "connection" || !socket) return;
        channel.post({ type: "received" });
        // The master's accept time, moved to this process's clock: the accept step includes the queue wait.
        const acceptedAt = typeof message.acceptedAtMs === "number" ? message.acceptedAtMs - performance.timeOrigin : undefined;
        worker.accept(socket, acceptedAt);
      });
      answerRequests(channel, { stats: () => worker.report("worker"), ...exitOnStop(worker.stop) });
      channel.post({ type: "ready" });
      return;
    }
    case "sped-process": {
      const loop = await startEventLoopServer(config, disk, { port: launch.extra.port ?? 0, reusePort: true });
      answerRequests(channel, { stats: () => loop.report("event-loop"), ...exitOnStop(loop.stop) });
      channel.post({ type: "listening", port: loop.port });
      return;
    }
    case "apache-process": {
      const group = await ThreadGroup.start(config, disk, launch.extra.threads ?? 1, launch.extra.port ?? 0);
      answerRequests(channel, {
        load: () => ({ threads: group.size, busy: group.busy }),
        stats: async () => {
          const merged = mergeReports(await group.reports("thread"));
          return { ...merged, contexts: [describeThisProcess("process", 0), ...merged.contexts] };
        },
        ...exitOnStop((graceMs) => group.stop(graceMs)),
      });
      channel.post({ type: "listening", port: group.port });
      return;
    }
    default:
      throw new Error(`flashlab: unknown process role ${JSON.stringify(launch.role)}`);
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (process.connected) process.send?.({ type: "failed", message }, () => process.exit(1));
  else process.exit(1);
});
