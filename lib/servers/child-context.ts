/**
 * Starting execution contexts from compiled code: a child process (`child_process.fork`, spoken to over
 * its IPC pipe, which can also carry sockets) or a worker thread (spoken to with postMessage). Both
 * look the same to the architectures: a channel, an exit notice and a way to end them. A child process
 * exits by itself when its parent goes away, so a killed server leaves no orphans.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { Worker } from "node:worker_threads";
import { findTaskset } from "../runtime/executables.js";
import { compiledModule } from "../runtime/paths.js";
import type { DiskHandle } from "../storage/index.js";
import { encodeDiskHandle } from "../storage/index.js";
import { childProcessChannel, threadChannel, type Channel } from "./channel.js";
import type { ServerConfig } from "./types.js";

/** What a new context needs to know: its role, the server's config and disk, and role-specific data. */
export interface ContextLaunch {
  role: string;
  config: ServerConfig;
  /** The server's disk (absent for the server's top process, which creates it). */
  disk?: DiskHandle;
  extra?: Record<string, unknown>;
  /** Start the process pinned to these CPUs (taskset -c); its children and threads inherit the placement. */
  cpus?: string;
}

export interface ChildContext {
  kind: "process" | "thread";
  /** The process id (for a thread, the id of the process that hosts it). */
  pid: number;
  channel: Channel;
  /** True once the context has exited. */
  readonly exited: boolean;
  /** Runs once when the context exits (by itself, by a kill, or by `end`). */
  onExit(listener: (code: number | null) => void): void;
  /** Ends the context at once (SIGKILL / terminate). */
  kill(): void;
  /** Resolves when the context has exited, killing it after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<void>;
}

export const launchEnvironmentKey = "FLASHLAB_CONTEXT";
export const launchDiskKey = "FLASHLAB_DISK";

/**
 * A ChildContext over an exit event (`subscribe` registers the handler) and a way to end the context
 * at once (`end`, called only while it has not exited).
 */
function contextOf(
  kind: ChildContext["kind"],
  pid: number,
  channel: Channel,
  subscribe: (handler: (code: number | null) => void) => void,
  end: () => void,
): ChildContext {
  let exited = false;
  const listeners: Array<(code: number | null) => void> = [];
  const waiters: Array<() => void> = [];
  subscribe((code) => {
    exited = true;
    for (const listener of listeners) listener(code);
    for (const resolve of waiters.splice(0)) resolve();
  });
  const kill = (): void => {
    if (!exited) end();
  };
  return {
    kind,
    pid,
    channel,
    get exited() {
      return exited;
    },
    onExit: (listener) => listeners.push(listener),
    kill,
    waitForExit: (timeoutMs) =>
      exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(kill, timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
  };
}

function tasksetPath(): string {
  const path = findTaskset();
  if (!path) throw new Error("flashlab: cannot pin the server to CPUs: taskset is not installed (Debian: util-linux)");
  return path;
}

/** Forks `dist/servers/process-entry.js` as a context with the given role. */
export function forkContext(launch: ContextLaunch): ChildContext {
  const entry = compiledModule("servers/process-entry");
  const options = {
    env: {
      ...process.env,
      [launchEnvironmentKey]: JSON.stringify({ role: launch.role, config: launch.config, extra: launch.extra ?? {} }),
      ...(launch.disk ? { [launchDiskKey]: encodeDiskHandle(launch.disk) } : {}),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"] as ("ignore" | "inherit" | "ipc")[],
  };
  const child: ChildProcess =
    launch.cpus === undefined
      ? fork(entry, [launch.role], options)
      : spawn(tasksetPath(), ["-c", launch.cpus, process.execPath, ...process.execArgv, entry, launch.role], options);
  return contextOf("process", child.pid ?? -1, childProcessChannel(child), (handler) => child.once("exit", handler), () => child.kill("SIGKILL"));
}

/** Starts `dist/servers/thread-entry.js` as a worker thread with the given role. */
export function spawnThreadContext(launch: ContextLaunch): ChildContext {
  const worker = new Worker(compiledModule("servers/thread-entry"), {
    workerData: { role: launch.role, config: launch.config, disk: launch.disk, extra: launch.extra ?? {} },
  });
  worker.on("error", (error) => console.error(`flashlab: ${launch.role} thread failed: ${error.message}`));
  return contextOf("thread", process.pid, threadChannel(worker), (handler) => worker.once("exit", handler), () => void worker.terminate());
}

/** Resolves with the first message of `type` from a context, or rejects if it exits first. */
export function waitForMessage<T>(context: ChildContext, type: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`flashlab: no "${type}" from a ${context.kind} within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error, value?: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value as T);
    };
    context.channel.onMessage((message) => {
      if (message.type === type) finish(undefined, message as T);
      if (message.type === "failed") finish(new Error(String(message.message)));
    });
    context.onExit((code) => finish(new Error(`flashlab: a ${context.kind} context exited (code ${code}) before "${type}"`)));
  });
}
