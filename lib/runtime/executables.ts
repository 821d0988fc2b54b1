/**
 * Finding outside programs (taskset, nginx, wrk, ab) on this machine: on PATH first, then at the
 * usual Debian locations, so that servers, peers and benches agree on what is installed.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The absolute path of `name` on PATH, else the first of `fallbacks` that exists, else undefined. */
export function findExecutable(name: string, fallbacks: readonly string[] = []): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", 'command -v "$0"', name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (found.startsWith("/")) return found;
  } catch {
    // not on PATH
  }
  return fallbacks.find((path) => existsSync(path));
}

let taskset: { path: string | undefined } | undefined;

/**
 * The path of taskset (util-linux), which pins a process and its children to CPUs; undefined when it is
 * not installed. Looked up once per process.
 */
export function findTaskset(): string | undefined {
  taskset ??= { path: findExecutable("taskset", ["/usr/bin/taskset", "/bin/taskset"]) };
  return taskset.path;
}
