/**
 * A server's per-request step trace as one list (`ServerOptions.trace`): every context's events from
 * its stats, each with the context that recorded it, in the order they began. The events share the
 * machine's monotonic clock (`monotonicClockMs`), so the steps of a loop and of its helpers, of several
 * processes, and the client's own times fall on one time axis.
 */
import type { StepTraceEvent } from "../http/index.js";
import type { ServerStats } from "./types.js";

/** One traced step and who ran it. */
export interface ServerTraceEvent extends StepTraceEvent {
  /** The role of the context that recorded it: "event-loop", "worker", "thread", "helper", … */
  role: string;
  /** Its process, and its kernel thread id when it is a worker thread. */
  pid: number;
  tid?: number;
}

/**
 * Every traced step in `stats`, by start time (ties in the order recorded), optionally only those that
 * began within [fromMs, toMs] (ms on the monotonic clock). Empty when the server keeps no
 * trace. Runs in O(n log n) over the events.
 */
export function serverTrace(stats: ServerStats, window: { fromMs?: number; toMs?: number } = {}): ServerTraceEvent[] {
  const fromMs = window.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = window.toMs ?? Number.POSITIVE_INFINITY;
  const events: ServerTraceEvent[] = [];
  for (const context of stats.contexts) {
    for (const event of context.trace ?? []) {
      if (event.startMs < fromMs || event.startMs > toMs) continue;
      events.push({ ...event, role: context.role, pid: context.pid, ...(context.tid === undefined ? {} : { tid: context.tid }) });
    }
  }
  return events.sort((a, b) => a.startMs - b.startMs);
}
