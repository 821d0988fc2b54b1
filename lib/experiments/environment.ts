/**
 * Environment capture: a JSON-able record of the machine and the run context, stored next to every
 * result so that a number can be traced to where it was measured (lecture §20: the testbed is part of
 * the result). Capturing never throws: anything that cannot be found on this machine becomes null, and
 * `unavailable` says why.
 *
 * Every outside source (commands, files, the os module, the environment) goes through a probe, so tests
 * can take any of them away.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { parseCpuList } from "../runtime/cpu-list.js";
import { projectRoot } from "../runtime/paths.js";

/** The CPUs this process may run on. */
export interface CpuAffinity {
  /** CPU numbers, ascending. */
  cpus: number[];
  /** The list as the source printed it, e.g. "0-1". */
  list: string;
  source: "taskset" | "/proc/self/status";
}

/** The machine and run context of one measurement. */
export interface EnvironmentRecord {
  /** ISO 8601 time of capture. */
  capturedAt: string;
  /** The machine's host name (two hosts of one sweep tell themselves apart by it). */
  hostname: string | null;
  cpuModel: string | null;
  logicalCores: number | null;
  cpuAffinity: CpuAffinity | null;
  loadAverage: { oneMinute: number; fiveMinutes: number; fifteenMinutes: number } | null;
  memory: { totalBytes: number; freeBytes: number } | null;
  os: { platform: string; type: string; release: string; version: string; arch: string } | null;
  nodeVersion: string;
  flashlabVersion: string | null;
  /** The checked-out commit, when the project is a git checkout. */
  gitCommit: string | null;
  /** Whether tracked files differ from that commit. */
  gitDirty: boolean | null;
  /** Environment variables that change what a run does. */
  env: { FLASHLAB_PROFILE: string | null; CI: string | null };
  /** For each field that is null: why it could not be found. */
  unavailable: Record<string, string>;
}

/** The outside sources captureEnvironment reads; each can be replaced. */
export interface EnvironmentProbes {
  /** Runs a command and returns its stdout; throws when it cannot run or exits non-zero. */
  runCommand(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> }): string;
  readTextFile(path: string): string;
  os: Pick<typeof os, "cpus" | "loadavg" | "totalmem" | "freemem" | "platform" | "type" | "release" | "version" | "arch" | "hostname">;
  env: Record<string, string | undefined>;
  pid: number;
  nodeVersion: string;
  /** The folder holding flashlab's package.json (and .git, in a checkout). */
  projectRoot: string;
  now(): Date;
}

/** The real sources of this process. */
export const realEnvironmentProbes: EnvironmentProbes = {
  runCommand: (command, args, options) =>
    execFileSync(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 5000,
    }),
  readTextFile: (path) => readFileSync(path, "utf8"),
  os,
  env: process.env,
  pid: process.pid,
  nodeVersion: process.version,
  projectRoot,
  now: () => new Date(),
};

/** Captures the environment; never throws. Pass probes to replace any outside source. */
export function captureEnvironment(probes: Partial<EnvironmentProbes> = {}): EnvironmentRecord {
  const probe: EnvironmentProbes = { ...realEnvironmentProbes, ...probes };
  const unavailable: Record<string, string> = {};
  /** Runs one lookup; on failure records the reason under `field` and gives null. */
  const attempt = <T>(field: string, lookup: () => T): T | null => {
    try {
      return lookup();
    } catch (error) {
      unavailable[field] = reasonOf(error);
      return null;
    }
  };
  const gitCommit = attempt("gitCommit", () => gitCommitOf(probe));
  return {
    capturedAt: probe.now().toISOString(),
    hostname: attempt("hostname", () => probe.os.hostname()),
    cpuModel: attempt("cpuModel", () => cpuModelOf(probe)),
    logicalCores: attempt("logicalCores", () => logicalCoresOf(probe)),
    cpuAffinity: attempt("cpuAffinity", () => cpuAffinityOf(probe)),
    loadAverage: attempt("loadAverage", () => loadAverageOf(probe)),
    memory: attempt("memory", () => ({ totalBytes: probe.os.totalmem(), freeBytes: probe.os.freemem() })),
    os: attempt("os", () => ({
      platform: probe.os.platform(),
      type: probe.os.type(),
      release: probe.os.release(),
      version: probe.os.version(),
      arch: probe.os.arch(),
    })),
    nodeVersion: probe.nodeVersion,
    flashlabVersion: attempt("flashlabVersion", () => flashlabVersionOf(probe)),
    gitCommit,
    gitDirty: gitCommit === null ? skip(unavailable, "gitDirty", "no git commit") : attempt("gitDirty", () => gitDirtyOf(probe)),
    env: { FLASHLAB_PROFILE: probe.env.FLASHLAB_PROFILE ?? null, CI: probe.env.CI ?? null },
    unavailable,
  };
}

/** The CPU list from `taskset -pc <pid>` output ("pid 42's current affinity list: 0,1"). */
export function parseTasksetAffinity(output: string): string {
  const match = /affinity list:\s*(\S+)/.exec(output);
  if (match?.[1] === undefined) throw new Error(`unexpected taskset output: ${JSON.stringify(output.trim())}`);
  return match[1];
}

function cpuModelOf(probe: EnvironmentProbes): string {
  const model = probe.os.cpus()[0]?.model?.trim();
  if (model === undefined || model === "") throw new Error("os.cpus() reports no CPU model");
  return model;
}

function logicalCoresOf(probe: EnvironmentProbes): number {
  const cores = probe.os.cpus().length;
  if (cores === 0) throw new Error("os.cpus() reports no CPUs");
  return cores;
}

function cpuAffinityOf(probe: EnvironmentProbes): CpuAffinity {
  let tasksetProblem: string;
  try {
    const list = parseTasksetAffinity(probe.runCommand("taskset", ["-pc", String(probe.pid)], {}));
    return { cpus: parseCpuList(list), list, source: "taskset" };
  } catch (error) {
    tasksetProblem = reasonOf(error);
  }
  try {
    const status = probe.readTextFile("/proc/self/status");
    const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1];
    if (list === undefined) throw new Error("no Cpus_allowed_list line");
    return { cpus: parseCpuList(list), list, source: "/proc/self/status" };
  } catch (error) {
    throw new Error(`taskset: ${tasksetProblem}; /proc/self/status: ${reasonOf(error)}`);
  }
}

function loadAverageOf(probe: EnvironmentProbes): EnvironmentRecord["loadAverage"] {
  if (probe.os.platform() === "win32") throw new Error("Windows has no load average");
  const [oneMinute, fiveMinutes, fifteenMinutes] = probe.os.loadavg();
  if (oneMinute === undefined || fiveMinutes === undefined || fifteenMinutes === undefined) {
    throw new Error("os.loadavg() returned fewer than 3 values");
  }
  return { oneMinute, fiveMinutes, fifteenMinutes };
}

function flashlabVersionOf(probe: EnvironmentProbes): string {
  const manifest = JSON.parse(probe.readTextFile(join(probe.projectRoot, "package.json"))) as { version?: unknown };
  if (typeof manifest.version !== "string") throw new Error("package.json has no version");
  return manifest.version;
}

function gitCommitOf(probe: EnvironmentProbes): string {
  const commit = probe.runCommand("git", ["rev-parse", "HEAD"], { cwd: probe.projectRoot }).trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`git rev-parse printed ${JSON.stringify(commit)}`);
  return commit;
}

function gitDirtyOf(probe: EnvironmentProbes): boolean {
  // GIT_OPTIONAL_LOCKS=0 keeps `git status` from refreshing (writing) the index.
  const status = probe.runCommand("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: probe.projectRoot,
    env: { GIT_OPTIONAL_LOCKS: "0" },
  });
  return status.trim() !== "";
}

/** Records why `field` was not looked up, and gives null. */
function skip(unavailable: Record<string, string>, field: string, reason: string): null {
  unavailable[field] = reason;
  return null;
}

/** A one-line reason from anything thrown; a missing command reads "… not found". */
function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && "path" in error) return `${String((error as NodeJS.ErrnoException).path)} not found`;
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail = typeof stderr === "string" && stderr.trim() !== "" ? `: ${stderr.trim().split("\n")[0]}` : "";
    return `${error.message.split("\n")[0]}${detail}`;
  }
  return String(error);
}
