/**
 * Running an outside tool (wrk, ab, autocannon, nginx) as a child process: pinning it to CPUs with
 * taskset, bounding it with a timeout, and sampling its CPU time from /proc while it runs, so
 * that a peer's own CPU use can be reported next to its results.
 */
import { spawn } from "node:child_process";
import { readProcessCpuSeconds } from "../runtime/proc.js";
import { parseCpuList } from "../runtime/cpu-list.js";
import { findTaskset } from "../runtime/executables.js";

/** [command, args] that run `command args` pinned to `cpus` (a taskset -c list) when given. */
export function withCpuPlacement(command: string, args: readonly string[], cpus: string | undefined): [string, string[]] {
  if (cpus === undefined) return [command, [...args]];
  try {
    parseCpuList(cpus);
  } catch (error) {
    throw new Error(`cannot pin ${command} to CPUs: ${(error as Error).message}`);
  }
  const taskset = findTaskset();
  if (taskset === undefined) throw new Error(`cannot pin ${command} to CPUs ${cpus}: taskset is not installed (Debian: util-linux)`);
  return [taskset, ["-c", cpus, command, ...args]];
}

/** What a finished tool run gave. */
export interface ToolRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Wall-clock time from spawn to exit, ms. */
  wallMs: number;
  /**
   * The tool's CPU time in % of one core, from its last /proc sample (taken every 100 ms) over the
   * time until that sample; null when /proc was not readable.
   */
  cpuPct: number | null;
}

/** Options for runTool. */
export interface RunToolOptions {
  cpus?: string;
  /** Kill the tool (SIGKILL) after this long. Default 120 s. */
  timeoutMs?: number;
}

/** Runs a tool to completion and returns its output; rejects only when it cannot be started. */
export function runTool(command: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolRun> {
  const [file, argv] = withCpuPlacement(command, args, options.cpus);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let lastSample: { cpuSeconds: number; wallMs: number } | undefined;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      const cpuSeconds = readProcessCpuSeconds(child.pid);
      if (cpuSeconds !== undefined) lastSample = { cpuSeconds, wallMs: performance.now() - started };
    }, 100);
    const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.once("error", (error) => {
      clearInterval(sampler);
      clearTimeout(killer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.once("close", (exitCode) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({
        stdout,
        stderr,
        exitCode,
        wallMs: performance.now() - started,
        cpuPct: lastSample === undefined || lastSample.wallMs === 0 ? null : (100 * lastSample.cpuSeconds * 1000) / lastSample.wallMs,
      });
    });
  });
}

/**
 * Runs a tool that must be installed and must succeed: throws with `installHint` when `path` is
 * undefined (the tool was not found), and with its output when it exits non-zero.
 */
export async function runRequiredTool(name: string, path: string | undefined, installHint: string, args: readonly string[], options: RunToolOptions): Promise<ToolRun> {
  if (path === undefined) throw new Error(`${name} is not installed (${installHint})`);
  const run = await runTool(path, args, options);
  if (run.exitCode !== 0) throw new Error(`${name} exited with ${run.exitCode}: ${(run.stderr || run.stdout).trim().slice(0, 500)}`);
  return run;
}
