/**
 * Starting execution contexts from compiled code: a child process (`child_process.fork`, spoken to over
 * its IPC pipe, which can also carry sockets) or a worker thread (spoken to with postMessage). Both run
 * `dist/servers/context-entry.js`, which looks the role up in the role registry, and both look the same
 * to a supervisor: a typed channel, an exit notice and a way to end them. A child process exits by
 * itself when its parent goes away, so a killed server leaves no orphans.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { Worker } from "node:worker_threads";
import { findTaskset } from "../runtime/executables.js";
import { parseWithInfinity, stringifyWithInfinity } from "../runtime/json-with-infinity.js";
import { compiledModule } from "../runtime/paths.js";
import { checkDiskHandle, type DiskHandle } from "../storage/index.js";
import { childProcessChannel, threadChannel, type Channel } from "./channel.js";
import type { ServerConfig } from "./types.js";

/** Role-specific data a context starts with. */
export interface LaunchExtra {
  /** The context's role as the stats name it ("worker", "thread", "helper", …). */
  label?: string;
  /** The port to listen on (0: pick one), for contexts with a listener of their own. */
  port?: number;
  /** Serving threads to host (a process of the Apache-like pool). */
  threads?: number;
}

/** What a new context needs to know: its role, the server's config and disk, and role-specific data. */
export interface ContextLaunch {
  role: string;
  config: ServerConfig;
  /** The server's disk (absent for the server's top process, which creates it). */
  disk?: DiskHandle;
  extra?: LaunchExtra;
}

/** A started context, as its starter sees it. */
export interface ChildContext<Send, Receive> {
  kind: "process" | "thread";
  /** The process id (for a thread, the id of the process that hosts it). */
  pid: number;
  channel: Channel<Send, Receive>;
  /** True once the context has exited. */
  readonly exited: boolean;
  /** Runs once when the context exits (by itself, by a kill, or by `kill`). */
  onExit(listener: (code: number | null) => void): void;
  /** Ends the context at once (SIGKILL / terminate). */
  kill(): void;
  /** Resolves when the context has exited, killing it after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<void>;
}

const launchEnvironmentKey = "FLASHLAB_CONTEXT";
const entryModule = "servers/context-entry";

/**
 * A ChildContext over an exit event (`subscribe` registers the handler) and a way to end the context
 * at once (`end`, called only while it has not exited).
 */
function contextOf<Send, Receive>(
  kind: ChildContext<Send, Receive>["kind"],
  pid: number,
  channel: Channel<Send, Receive>,
  subscribe: (handler: (code: number | null) => void) => void,
  end: () => void,
): ChildContext<Send, Receive> {
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

/** Forks a child process running `launch.role`; `cpus` pins it (and what it starts) with taskset -c. */
export function forkContext<Send, Receive>(launch: ContextLaunch, cpus?: string): ChildContext<Send, Receive> {
  const entry = compiledModule(entryModule);
  const options = {
    env: { ...process.env, [launchEnvironmentKey]: stringifyWithInfinity(launch) },
    stdio: ["ignore", "inherit", "inherit", "ipc"] as ("ignore" | "inherit" | "ipc")[],
  };
  const child: ChildProcess =
    cpus === undefined
      ? fork(entry, [launch.role], options)
      : spawn(tasksetPath(), ["-c", cpus, process.execPath, ...process.execArgv, entry, launch.role], options);
  return contextOf("process", child.pid ?? -1, childProcessChannel<Send, Receive>(child), (handler) => child.once("exit", handler), () => {
    child.kill("SIGKILL");
  });
}

/** Starts a worker thread running `launch.role`. */
export function spawnThreadContext<Send, Receive>(launch: ContextLaunch): ChildContext<Send, Receive> {
  const worker = new Worker(compiledModule(entryModule), { workerData: launch });
  worker.on("error", (error) => console.error(`flashlab: ${launch.role} thread failed: ${error.message}`));
  return contextOf("thread", process.pid, threadChannel<Send, Receive>(worker), (handler) => worker.once("exit", handler), () => {
    void worker.terminate();
  });
}

/** In a forked child process: the launch description its parent put in the environment. */
export function launchFromEnvironment(): ContextLaunch {
  const text = process.env[launchEnvironmentKey];
  if (!text) throw new Error(`flashlab: a server context process needs its launch description in ${launchEnvironmentKey}`);
  return checkedLaunch(parseWithInfinity(text));
}

/** Checks a launch description that came from another context (environment or workerData). */
export function checkedLaunch(value: unknown): ContextLaunch {
  const launch = value as Partial<ContextLaunch> | null;
  if (!launch || typeof launch.role !== "string" || typeof launch.config !== "object" || launch.config === null) {
    throw new Error("flashlab: a context launch needs a role and the server's config");
  }
  return {
    role: launch.role,
    config: launch.config,
    ...(launch.disk === undefined ? {} : { disk: checkDiskHandle(launch.disk) }),
    extra: launch.extra ?? {},
  };
}

/**
 * Resolves with the first message of `type` from a context, or rejects if it reports "failed", exits
 * first, or stays silent for `timeoutMs`.
 */
export function waitForMessage<Receive extends { type: string }, Type extends Receive["type"]>(
  context: ChildContext<unknown, Receive>,
  type: Type,
  timeoutMs = 15_000,
): Promise<Extract<Receive, { type: Type }>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`flashlab: no "${type}" from a ${context.kind} within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error, value?: Extract<Receive, { type: Type }>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value!);
    };
    context.channel.onMessage((message) => {
      if (message.type === type) finish(undefined, message as Extract<Receive, { type: Type }>);
      else if (message.type === "failed") finish(new Error(String((message as { message?: unknown }).message)));
    });
    context.onExit((code) => finish(new Error(`flashlab: a ${context.kind} context exited (code ${code}) before "${type}"`)));
  });
}
