/**
 * What an execution context reports about itself when asked for stats: its identity and resource
 * usage (ContextStats), the pipeline counters it accumulated, and its disk counters. Reports from
 * every context of a server are merged by `mergeReports`.
 */
import { getHeapStatistics } from "node:v8";
import { isMainThread } from "node:worker_threads";
import { currentThreadId, readProcStatus } from "../runtime/proc.js";
import { emptyPipelineStats, sumPipelineStats, type PipelineStats } from "../http/index.js";
import type { DiskStats } from "../storage/index.js";
import type { ContextStats } from "./types.js";

export interface ContextReport {
  contexts: ContextStats[];
  counters: PipelineStats;
  /** Per-context disk counters, as lib/storage reports them. */
  disks: DiskStats[];
}

/** The report of nothing: the identity for `mergeReports`. */
export function emptyContextReport(): ContextReport {
  return { contexts: [], counters: emptyPipelineStats(), disks: [] };
}

/** The calling process's stats (RSS and context switches of the whole process). */
export function describeThisProcess(role: string, requests: number): ContextStats {
  const usage = readProcStatus(process.pid);
  return {
    kind: "process",
    role,
    pid: process.pid,
    requests,
    rssBytes: usage?.rssBytes ?? process.memoryUsage.rss(),
    voluntaryContextSwitches: usage?.voluntaryContextSwitches,
    involuntaryContextSwitches: usage?.involuntaryContextSwitches,
    alive: true,
  };
}

/**
 * The calling worker thread's stats: its own V8 heap (the memory it adds to the process) and the
 * context switches of its kernel thread, found through /proc/thread-self.
 */
function describeThisThread(role: string, requests: number): ContextStats {
  const tid = currentThreadId();
  const usage = tid === undefined ? undefined : readProcStatus(process.pid, tid);
  const heap = getHeapStatistics();
  return {
    kind: "thread",
    role,
    pid: process.pid,
    tid,
    requests,
    heapBytes: heap.total_heap_size + heap.external_memory,
    voluntaryContextSwitches: usage?.voluntaryContextSwitches,
    involuntaryContextSwitches: usage?.involuntaryContextSwitches,
    alive: true,
  };
}

/**
 * This context's stats, as a process or as a thread depending on where it runs, with what it did on
 * its disk (who blocked on misses, and for how long).
 */
export function describeThisContext(role: string, requests: number, disk: DiskStats): ContextStats {
  const context = isMainThread ? describeThisProcess(role, requests) : describeThisThread(role, requests);
  context.disk = { reads: disk.reads, misses: disk.misses, blockedMs: disk.blockedMs, simulatedWaitMs: disk.simulatedWaitMs };
  return context;
}

/** A context that did not answer (dead or stuck): reported, never silently dropped. */
export function describeUnresponsive(kind: "process" | "thread", role: string, pid: number): ContextStats {
  return { kind, role, pid, requests: 0, alive: false };
}

/** Merges the reports of several contexts into one. */
export function mergeReports(reports: ContextReport[]): ContextReport {
  return {
    contexts: reports.flatMap((report) => report.contexts),
    counters: sumPipelineStats(reports.map((report) => report.counters)),
    disks: reports.flatMap((report) => report.disks),
  };
}
