/**
 * Daemons a test starts and stops itself (munged, slurmctld, slurmd, sshd, JupyterHub): each runs in
 * the foreground as a child process, so the test holds its pid; its output goes to a log file that a
 * failure message can quote; stopping sends SIGTERM to that pid, waits for the exit, and sends SIGKILL
 * only if it does not come. Also a free loopback port for a daemon that needs one in its configuration.
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface Daemon {
  name: string;
  pid: number;
  log: string;
  /** True once the process has exited. */
  readonly exited: boolean;
  /** The log's last lines, for a failure message. */
  tail(lines?: number): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command` in the foreground with its stdout and stderr appended to `log`. */
export function startDaemon(name: string, command: string, args: readonly string[], log: string, options: SpawnOptions = {}): Daemon {
  const fd = openSync(log, "a");
  let child: ChildProcess;
  try {
    child = spawn(command, args, { ...options, stdio: ["ignore", fd, fd] });
  } finally {
    closeSync(fd);
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
    child.once("error", () => {
      exited = true;
      resolve();
    });
  });
  return {
    name,
    pid: child.pid ?? -1,
    log,
    get exited() {
      return exited;
    },
    tail(lines = 15) {
      try {
        return readFileSync(log, "utf8").trim().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no log)";
      }
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
