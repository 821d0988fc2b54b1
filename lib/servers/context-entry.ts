/**
 * Entry point of every execution context a server starts, process or thread (compiled to
 * dist/servers/context-entry.js): it reads its launch description (the environment for a process,
 * workerData for a thread), looks its role up in the role registry, and runs it. A failure to start
 * is reported to the parent as a "failed" message. A child process exits when its parent goes away
 * (the IPC pipe closes), so no process outlives its server.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { parentProcessChannel, threadChannel, type Channel } from "./channel.js";
import { checkedLaunch, launchFromEnvironment } from "./context-launch.js";
import { roleNamed } from "./roles.js";

function parentChannel<Send, Receive>(): Channel<Send, Receive> {
  if (isMainThread) return parentProcessChannel<Send, Receive>();
  if (!parentPort) throw new Error("flashlab: a server thread needs its parent port");
  return threadChannel<Send, Receive>(parentPort);
}

async function main(): Promise<void> {
  if (isMainThread) {
    process.on("disconnect", () => process.exit(0));
    // Ctrl-C in a terminal signals the whole process group: the top of the tree (the CLI or the caller)
    // stops the server gracefully, so the children must not die on SIGINT by themselves.
    process.on("SIGINT", () => undefined);
  }
  const launch = isMainThread ? launchFromEnvironment() : checkedLaunch(workerData);
  await roleNamed(launch.role).run({ config: launch.config, disk: launch.disk, extra: launch.extra ?? {}, parent: parentChannel });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const channel = parentChannel<{ type: "failed"; message: string }, unknown>();
  channel.post({ type: "failed", message });
  // Let the message leave before the context ends.
  setTimeout(() => process.exit(1), 50);
});
