/**
 * Entry point of every worker thread a server starts (compiled to dist/servers/thread-entry.js). The
 * role in workerData says what the thread is: a serving thread of MT or Apache (one connection at a
 * time, its own SO_REUSEPORT listener, blocking reads), or an AMTED helper.
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkDiskHandle } from "../storage/index.js";
import { startBlockingWorker } from "./blocking-worker.js";
import { answerRequests, threadChannel } from "./channel.js";
import { runHelperLoop } from "./helper-loop.js";
import type { ServerConfig } from "./types.js";

interface ThreadLaunch {
  role: string;
  config: ServerConfig;
  disk: unknown;
  extra: { port?: number };
}

async function main(): Promise<void> {
  if (!parentPort) throw new Error("flashlab: thread-entry must run as a worker thread");
  const launch = workerData as ThreadLaunch;
  const channel = threadChannel(parentPort);
  const disk = checkDiskHandle(launch.disk);
  switch (launch.role) {
    case "helper":
      runHelperLoop(channel, disk);
      return;
    case "serving-thread": {
      const worker = startBlockingWorker(launch.config, disk, () => channel.post({ type: "busy", busy: false }), () =>
        channel.post({ type: "busy", busy: true }),
      );
      answerRequests(channel, {
        stats: (message) => worker.report(String(message.role ?? "thread")),
        stop: async (message) => {
          await worker.stop(Number(message.graceMs ?? 0));
          setImmediate(() => process.exit(0));
          return true;
        },
      });
      const port = await worker.listenOwn(launch.extra.port ?? 0);
      channel.post({ type: "listening", port });
      return;
    }
    default:
      throw new Error(`flashlab: unknown thread role ${JSON.stringify(launch.role)}`);
  }
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
