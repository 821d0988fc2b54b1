/**
 * Every message that crosses a channel between a server's execution contexts, as typed unions: one
 * pair for the caller and the server's top process, one pair for a supervisor and the contexts it
 * started (workers, event-loop processes, serving threads, helpers). Requests carry an id and get a
 * reply whose body type is fixed by the request's kind (`ContextReplies`, `RootReplies`).
 */
import type { ReadOrigin } from "../http/index.js";
import type { ContextReport } from "./context-report.js";
import type { ServerStats } from "./types.js";

/** How busy a process that hosts serving threads is (Apache-like pool maintenance). */
export interface ThreadLoad {
  threads: number;
  busy: number;
}

/** What a supervisor can ask a context, and what each answer holds. */
export type ContextRequest =
  | { kind: "stats" }
  /** Stop accepting, finish what was received within `graceMs`, exit; the reply is the final report. */
  | { kind: "stop"; graceMs: number }
  | { kind: "load" };
export interface ContextReplies {
  stats: ContextReport;
  stop: ContextReport;
  load: ThreadLoad;
}

/** What the caller of `startServer` can ask the server's top process. */
export type RootRequest = { kind: "stats" } | { kind: "stop"; graceMs: number };
export interface RootReplies {
  stats: ServerStats;
  stop: true;
}

/** A read job for a helper: a chunk of a file, of the version the loop's translation found. */
export interface ReadJob {
  type: "read";
  jobId: number;
  path: string;
  offset: number;
  length: number;
  version: { dev: number; ino: number; size: number; mtimeMs: number };
  /** Memory shared with the loop to read the chunk into (helper threads only). */
  into?: SharedArrayBuffer;
  /** The loop's request this read is for (only while the server traces), for the helper's own trace. */
  origin?: ReadOrigin;
}

/** A helper's answer to a read job. */
export interface ReadDone {
  type: "read-done";
  jobId: number;
  /** Bytes read (into `into`, when the job had it). */
  bytes: number;
  /** Set when the read failed (the file vanished or changed, the disk closed, …), with its code if any. */
  error?: string;
  code?: string;
}

/** A request on the wire. */
export interface RequestEnvelope<Request> {
  type: "request";
  requestId: number;
  request: Request;
}

/** A reply on the wire: the body, or why there is none. */
export interface ReplyEnvelope {
  type: "reply";
  requestId: number;
  body?: unknown;
  error?: string;
}

/** Supervisor → context. */
export type ToContext =
  | RequestEnvelope<ContextRequest>
  /** MP: a connection handed over (the socket travels with the message); accepted at this time of the monotonic clock (monotonicClockMs). */
  | { type: "connection"; acceptedAtMs?: number }
  /** MP: how many connections wait in the master's queue (keep-alive connections yield while any do). */
  | { type: "waiting-elsewhere"; count: number }
  /** The server is stopping: no keep-alive, idle connections close, what was received is still served. */
  | { type: "drain" }
  | ReadJob;

/** Context → supervisor. */
export type FromContext =
  | ReplyEnvelope
  /** Started and ready for work (contexts without a listener of their own). */
  | { type: "ready" }
  /** Listening on `port` (contexts with a listener of their own). */
  | { type: "listening"; port: number }
  /** Could not start. */
  | { type: "failed"; message: string }
  /** The counters so far, sent now and then so that a context that dies is still accounted for. */
  | { type: "checkpoint"; report: ContextReport }
  /** MP: the handed connection arrived (the master may close its copy). */
  | { type: "received" }
  /** MP: the worker has no connection left and can take the next one. */
  | { type: "idle" }
  /** A serving thread started (true) or finished (false) its connections. */
  | { type: "busy"; busy: boolean }
  | ReadDone;

/** Caller → server top process. */
export type ToRoot = RequestEnvelope<RootRequest>;

/** Server top process → caller. */
export type FromRoot = ReplyEnvelope | { type: "listening"; port: number; disk: string } | { type: "failed"; message: string };
