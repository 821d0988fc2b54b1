/**
 * The one reader of Linux's /proc in flashlab: a process's or thread's status (resident memory and
 * context switches, from /proc/<pid>/status or /proc/<pid>/task/<tid>/status), a process's stat fields
 * and CPU time (/proc/<pid>/stat), the calling thread's kernel id (/proc/thread-self), a process tree,
 * and the machine's /proc/stat. Parsing is pure and exported for tests; every reader returns undefined
 * where the file cannot be read (not Linux, or the process is gone) instead of failing.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux port in use). */
const clockTicksPerSecond = 100;

/** What /proc/<pid>/status tells about one process (or one of its threads). */
export interface ProcStatus {
  /** Resident set size in bytes (VmRSS; for a thread this is the whole process's RSS). */
  rssBytes?: number;
  /** The context gave up the CPU (blocked on I/O, a lock, a sleep). */
  voluntaryContextSwitches?: number;
  /** The kernel took the CPU away (time slice over, a higher-priority task woke). */
  involuntaryContextSwitches?: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function statusField(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The fields of a status file's text that flashlab uses; a field the kernel does not print is absent. */
export function parseProcStatus(text: string): ProcStatus {
  const rssKb = statusField(text, "VmRSS");
  return {
    rssBytes: rssKb === undefined ? undefined : rssKb * 1024,
    voluntaryContextSwitches: statusField(text, "voluntary_ctxt_switches"),
    involuntaryContextSwitches: statusField(text, "nonvoluntary_ctxt_switches"),
  };
}

/** Status of process `pid` ("self": the caller), or of its kernel thread `tid`; undefined when unreadable. */
export function readProcStatus(pid: number | "self", tid?: number): ProcStatus | undefined {
  const text = readText(tid === undefined ? `/proc/${pid}/status` : `/proc/${pid}/task/${tid}/status`);
  return text === undefined ? undefined : parseProcStatus(text);
}

/**
 * The fields of /proc/<pid>/stat after the command name, starting with the 3rd (state; the parent pid
 * is at index 1, utime at 11, stime at 12); undefined where the file cannot be read.
 */
export function readProcStatFields(pid: number): string[] | undefined {
  const text = readText(`/proc/${pid}/stat`);
  return text === undefined ? undefined : text.slice(text.lastIndexOf(")") + 2).split(" "); // the command name may hold ") "
}

/** CPU seconds (user + system, all threads) process `pid` has used so far; undefined where unreadable. */
export function readProcessCpuSeconds(pid: number): number | undefined {
  const fields = readProcStatFields(pid);
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** The kernel thread id of the calling thread (main or worker), or undefined off Linux. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The pid and every descendant of it, found by scanning /proc (empty off Linux). */
export function processTree(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
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
 * CPU seconds used so far by `pid` and its descendants, including those that have exited: each live
 * member's own user + system time plus that of the children it has reaped (cutime, cstime), so the
 * total never drops when a process of the tree ends (Apache's pool retiring one, say). Undefined off
 * Linux. Sample before and after a run: the difference is what the tree spent, whatever else the
 * machine did.
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  let ticks: number | undefined;
  for (const member of processTree(pid)) {
    const fields = readProcStatFields(member);
    if (fields !== undefined) ticks = (ticks ?? 0) + Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks === undefined ? undefined : ticks / clockTicksPerSecond;
}

/** The proportional set size of process `pid` (shared pages divided among those that map them), or undefined. */
export function readPssBytes(pid: number): number | undefined {
  const match = /^Pss:\s+(\d+) kB/m.exec(readText(`/proc/${pid}/smaps_rollup`) ?? "");
  return match ? Number(match[1]) * 1024 : undefined;
}

/** The text of /proc/stat (the machine's CPU counters), or undefined where there is none. */
export function readMachineStat(): string | undefined {
  return readText("/proc/stat");
}
