/**
 * Per execution context resource usage read from Linux's /proc: resident memory and voluntary /
 * involuntary context switches, for a process (`/proc/<pid>/status`) or one thread of it
 * (`/proc/<pid>/task/<tid>/status`). A worker thread learns its own kernel thread id from the
 * `/proc/thread-self` link, read synchronously on that thread. Also the CPU time of a server's whole
 * process tree (the pid and its descendants, from /proc/<pid>/stat). Where /proc is missing (not
 * Linux) every reader returns undefined instead of failing.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { readProcessCpuSeconds, readProcStatFields } from "../metrics/process-stat.js";

/** What /proc tells about one process or thread. */
export interface ProcUsage {
  /** Resident set size in bytes (VmRSS; for a thread this is the whole process's RSS). */
  rssBytes?: number;
  voluntaryContextSwitches?: number;
  involuntaryContextSwitches?: number;
}

function field(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}

function parseStatus(text: string): ProcUsage {
  const rssKb = field(text, "VmRSS");
  return {
    rssBytes: rssKb === undefined ? undefined : rssKb * 1024,
    voluntaryContextSwitches: field(text, "voluntary_ctxt_switches"),
    involuntaryContextSwitches: field(text, "nonvoluntary_ctxt_switches"),
  };
}

/** Usage of process `pid` (all its threads together), or undefined when /proc cannot be read. */
export function readProcessUsage(pid: number): ProcUsage | undefined {
  try {
    return parseStatus(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return undefined;
  }
}

/** Usage of kernel thread `tid` of process `pid`, or undefined when /proc cannot be read. */
export function readThreadUsage(pid: number, tid: number): ProcUsage | undefined {
  try {
    return parseStatus(readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8"));
  } catch {
    return undefined;
  }
}

/** The kernel thread id of the calling thread (main or worker), or undefined off Linux. */
export function currentThreadId(): number | undefined {
  try {
    const link = readlinkSync("/proc/thread-self");
    const tid = Number(link.split("/").pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The pid and every descendant of it, found by scanning /proc (empty off Linux). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    const parent = Number(readProcStatFields(Number(entry))?.[1]);
    if (Number.isInteger(parent)) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (current: number): void => {
    tree.push(current);
    for (const child of children.get(current) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/**
 * CPU seconds (user + system, all threads) used so far by `pid` and its descendants alive now, from
 * /proc/<pid>/stat; undefined off Linux. Sample before and after a run: the difference is what the
 * process tree spent, whatever else the machine was doing.
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  let seconds: number | undefined;
  for (const member of processTree(pid)) {
    const memberSeconds = readProcessCpuSeconds(member);
    if (memberSeconds !== undefined) seconds = (seconds ?? 0) + memberSeconds;
  }
  return seconds;
}
