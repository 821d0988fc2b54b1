/**
 * A timeline of a few requests on a real server: the server's per-request step trace
 * (`ServerOptions.trace`) and the client's own times, on the machine's one monotonic clock. It is what
 * the lecture draws for requests C1, C2 and C3 interleaved on one event loop (§13), and for a loop whose
 * disk miss goes to a helper while the loop serves the others (§16), measured instead of drawn.
 *
 *   const timeline = await traceRequestTimeline({
 *     server: { arch: "sped", docroot },
 *     warm: ["/big-0.bin", "/small-0.bin"],
 *     requests: [
 *       { label: "C1", path: "/big-0.bin", atMs: 0, pauseReadingMs: 20 },
 *       { label: "C2", path: "/small-0.bin", atMs: 1, headPieces: 2, pieceGapMs: 3 },
 *     ],
 *   });
 *
 * Each request is a new connection (HTTP/1.0 style: Connection: close), started `atMs` after the first.
 * The server's connections are matched to the requests in the order the server began serving them,
 * which is the order their connections were opened; so the architectures whose one event loop serves
 * every connection (SPED, AMPED, AMTED) are the ones this takes, and requests should start at least a
 * millisecond apart.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { PipelineStep } from "../http/index.js";
import { monotonicClockMs } from "../runtime/monotonic-clock.js";
import { serverTrace, type ServerTraceEvent } from "../servers/server-trace.js";
import { startServer } from "../servers/start-server.js";
import type { ArchitectureName, ServerOptions } from "../servers/types.js";
import { checkTimedRequestOptions, timedRequest } from "./timed-request.js";

/** One request of the timeline. */
export interface TimelineRequest {
  /** Its name in tables and figures, e.g. "C1". */
  label: string;
  /** The URL path to GET. */
  path: string;
  /** When the client opens its connection, ms after the timeline's start (≥ 0). */
  atMs: number;
  /** The request head is sent in this many pieces (a slow client), `pieceGapMs` apart. Default 1. */
  headPieces?: number;
  /** ms between the pieces of the head. Default 5. */
  pieceGapMs?: number;
  /**
   * The client reads nothing of the response for this long after sending its head (a slow reader): once
   * the socket buffers are full, the server's sends wait for it. Default 0.
   */
  pauseReadingMs?: number;
}

export interface RequestTimelineOptions {
  /** The server to trace; its architecture must serve every connection on one event loop (sped, amped, amted). */
  server: Omit<ServerOptions, "trace" | "timing">;
  /** Paths fetched once first, one after the other (to bring them into the caches); not part of the timeline. */
  warm?: readonly string[];
  requests: readonly TimelineRequest[];
  /** A request not answered within this long fails the timeline. Default 10 000 ms. */
  timeoutMs?: number;
}

/** What the client saw of one request, in ms from the timeline's start. */
export interface TimelineClientRequest {
  label: string;
  path: string;
  status: number;
  /** Response bytes (head and body). */
  bytes: number;
  /** The client began to connect. */
  startMs: number;
  /** The client began writing the (last piece of the) request head: the server cannot have had the whole head before. */
  sentMs: number;
  /** The whole response had arrived. */
  doneMs: number;
}

/** One traced step of one request, in ms from the timeline's start. */
export interface TimelineStep {
  /** The request it belongs to (its label). */
  request: string;
  step: PipelineStep;
  /** Who ran it: "event-loop", or "helper 1", "helper 2", … (numbered in order of first use). */
  context: string;
  startMs: number;
  endMs: number;
}

export interface RequestTimeline {
  arch: ArchitectureName;
  /** When the first request began, on the monotonic clock (`monotonicClockMs`); every other time is relative to it. */
  originMs: number;
  requests: TimelineClientRequest[];
  /** Every traced step of the timeline's requests, by start time. */
  steps: TimelineStep[];
  /**
   * AMPED and AMTED: what the helpers did during the timeline (the warm-up excluded): reads sent to a
   * helper, and reads the loop served itself because the disk said the data was in memory.
   */
  helpers?: { helpers: number; dispatches: number; residentHits: number };
  /** The server's disk, in words. */
  diskDescription: string;
}

/** Architectures whose single event loop serves every connection, so connections match requests by order. */
const singleLoopArchitectures: readonly ArchitectureName[] = ["sped", "amped", "amted"];

/** Step events kept per context: far more than a timeline of a few requests makes. */
const traceCapacity = 20_000;

/** One request of the timeline, started at its time and reported in ms from `originMs`. */
async function clientRequest(port: number, request: TimelineRequest, originMs: number, timeoutMs: number): Promise<TimelineClientRequest> {
  checkTimedRequestOptions(request);
  await sleep(Math.max(0, originMs + request.atMs - monotonicClockMs()));
  const response = await timedRequest(port, { ...request, timeoutMs });
  return {
    label: request.label,
    path: request.path,
    status: response.status,
    bytes: response.bytes,
    startMs: response.startMs - originMs,
    sentMs: response.sentMs - originMs,
    doneMs: response.doneMs - originMs,
  };
}

/** Names the contexts of the trace: the loop keeps its role, helpers are numbered in order of first use. */
function contextNames(events: readonly ServerTraceEvent[]): (event: ServerTraceEvent) => string {
  const helpers = new Map<string, string>();
  return (event) => {
    if (event.role !== "helper") return event.role;
    const key = `${event.pid}/${event.tid ?? ""}`;
    if (!helpers.has(key)) helpers.set(key, `helper ${helpers.size + 1}`);
    return helpers.get(key)!;
  };
}

/**
 * Starts the server with a step trace, fetches `warm`, runs the requests (each on its own connection,
 * concurrently, from its start time), and returns what the client and the server saw, on one clock.
 * Throws when a request fails or is not answered, or when the server saw another number of connections
 * than there were requests.
 */
export async function traceRequestTimeline(options: RequestTimelineOptions): Promise<RequestTimeline> {
  const { arch } = options.server;
  if (!singleLoopArchitectures.includes(arch)) {
    throw new Error(`traceRequestTimeline matches connections to requests on one event loop; ${arch} has several serving contexts. Use one of ${singleLoopArchitectures.join(", ")}.`);
  }
  if (options.requests.length === 0) throw new Error("a request timeline needs at least one request");
  for (const request of options.requests) {
    if (!(request.atMs >= 0)) throw new RangeError(`${request.label}: atMs must be ≥ 0; got ${request.atMs}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const server = await startServer({ ...options.server, timing: true, trace: traceCapacity });
  try {
    const port = Number(new URL(server.url).port);
    const warmOrigin = monotonicClockMs();
    for (const path of options.warm ?? []) {
      const warmed = await clientRequest(port, { label: `warm ${path}`, path, atMs: 0 }, warmOrigin, timeoutMs);
      if (warmed.status !== 200) throw new Error(`warming ${path}: status ${warmed.status}`);
    }
    const helpersBefore = (await server.stats()).helpers;
    const plannedOriginMs = monotonicClockMs() + 5;
    const sent = await Promise.all(options.requests.map((request) => clientRequest(port, request, plannedOriginMs, timeoutMs)));
    // Timers may fire a little early or late: count from when the first request really began.
    const shift = Math.min(...sent.map((request) => request.startMs));
    const originMs = plannedOriginMs + shift;
    const requests = sent.map((request) => ({ ...request, startMs: request.startMs - shift, sentMs: request.sentMs - shift, doneMs: request.doneMs - shift }));
    const stats = await server.stats();
    const events = serverTrace(stats, { fromMs: originMs });
    const served = events.filter((event) => event.role !== "helper");
    const connections = [...new Set(served.map((event) => event.connection))].sort((a, b) => a - b);
    if (connections.length !== options.requests.length) {
      throw new Error(`the server served ${connections.length} connections during the timeline, and ${options.requests.length} requests were sent; start them further apart`);
    }
    const byStart = [...requests].sort((a, b) => a.startMs - b.startMs);
    const labelOf = new Map(connections.map((connection, index) => [connection, byStart[index]!.label]));
    const contextOf = contextNames(events);
    const steps: TimelineStep[] = events
      .filter((event) => labelOf.has(event.connection))
      .map((event) => ({ request: labelOf.get(event.connection)!, step: event.step, context: contextOf(event), startMs: event.startMs - originMs, endMs: event.endMs - originMs }));
    const after = stats.helpers;
    const helpers =
      after === undefined || helpersBefore === undefined
        ? undefined
        : { helpers: after.helpers, dispatches: after.dispatches - helpersBefore.dispatches, residentHits: after.residentHits - helpersBefore.residentHits };
    return { arch, originMs, requests, steps, ...(helpers === undefined ? {} : { helpers }), diskDescription: server.diskDescription };
  } finally {
    await server.stop();
  }
}

/** A stretch of the event loop's work on one request: the steps it ran for it, one after the other. */
export interface LoopRun {
  request: string;
  /** When the stretch began and ended, ms from the timeline's start. */
  fromMs: number;
  toMs: number;
  /** The steps, in order, with repeats counted ("read-file ×4, send-data ×4"). */
  steps: string;
}

/**
 * What the event loop did, in order, as stretches of work on one request each: the interleaving the
 * lecture draws. A step that waits is placed at the moment its wait ended: read-request at its end (the
 * loop has the whole head); before that the request was only arriving. Meant for SPED, whose loop
 * blocks on its reads; under AMPED and AMTED a missed read-file spans the helper's read, so the figure
 * shows those better. Runs in O(n log n).
 */
export function loopRuns(timeline: RequestTimeline): LoopRun[] {
  const loopSteps = timeline.steps
    .filter((step) => step.context === "event-loop")
    .map((step) => (step.step === "read-request" ? { ...step, startMs: step.endMs } : step))
    .sort((a, b) => a.startMs - b.startMs);
  const runs: Array<{ request: string; fromMs: number; toMs: number; counts: Map<string, number> }> = [];
  for (const step of loopSteps) {
    const last = runs.at(-1);
    if (last !== undefined && last.request === step.request) {
      last.toMs = Math.max(last.toMs, step.endMs);
      last.counts.set(step.step, (last.counts.get(step.step) ?? 0) + 1);
    } else {
      runs.push({ request: step.request, fromMs: step.startMs, toMs: step.endMs, counts: new Map([[step.step, 1]]) });
    }
  }
  return runs.map((run) => ({
    request: run.request,
    fromMs: run.fromMs,
    toMs: run.toMs,
    steps: [...run.counts].map(([name, count]) => (count === 1 ? name : `${name} ×${count}`)).join(", "),
  }));
}
