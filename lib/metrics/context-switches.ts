/**
 * Context switches of a process, from Linux's /proc/<pid>/status. A context switch is what the lecture
 * charges multi-threaded and multi-process servers for: the kernel saves one execution context and
 * restores another. The counters come in two kinds:
 *
 * - voluntary: the process gave up the CPU (it blocked on I/O, a lock, a sleep);
 * - nonvoluntary: the kernel took the CPU away (its time slice ran out, or a higher-priority task woke).
 *
 * They count since the process started; compare two readings with `contextSwitchesBetween`.
 * Parsing is pure; `readContextSwitches` reads the counters (through lib/runtime's /proc reader) and
 * returns null where there are none.
 * O(size of the text).
 */
import { readProcStatus } from "../runtime/proc.js";
import { MetricInputError } from "./metric-input-error.js";

/** Voluntary and nonvoluntary context switches of one process. */
export interface ContextSwitchCounts {
  voluntary: number;
  nonvoluntary: number;
}

/** Reads the two counters from the text of /proc/<pid>/status. */
export function parseContextSwitches(statusText: string): ContextSwitchCounts {
  const counter = (name: string): number => {
    const value = new RegExp(`^${name}:\\s*(\\d+)\\s*$`, "m").exec(statusText)?.[1];
    if (value === undefined) {
      throw new MetricInputError("parseContextSwitches", `no "${name}:" line`, "the text of /proc/<pid>/status (Linux ≥ 2.6.23)");
    }
    return Number(value);
  };
  return { voluntary: counter("voluntary_ctxt_switches"), nonvoluntary: counter("nonvoluntary_ctxt_switches") };
}

/** Context switches between two readings of the same process, earlier one first. */
export function contextSwitchesBetween(before: ContextSwitchCounts, after: ContextSwitchCounts): ContextSwitchCounts {
  if (after.voluntary < before.voluntary || after.nonvoluntary < before.nonvoluntary) {
    throw new MetricInputError("contextSwitchesBetween", "the 'after' reading has fewer switches than the 'before' reading", "the earlier reading of the same process first");
  }
  return { voluntary: after.voluntary - before.voluntary, nonvoluntary: after.nonvoluntary - before.nonvoluntary };
}

/** Reads a process's counters now ("self" by default); null where /proc/<pid>/status does not exist. */
export function readContextSwitches(pid: number | "self" = "self"): ContextSwitchCounts | null {
  const status = readProcStatus(pid);
  if (status?.voluntaryContextSwitches === undefined || status.involuntaryContextSwitches === undefined) return null;
  return { voluntary: status.voluntaryContextSwitches, nonvoluntary: status.involuntaryContextSwitches };
}
