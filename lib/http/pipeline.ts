/**
 * The request pipeline that every architecture shares: one instance per execution context (a process,
 * a thread, an event loop) serves the sockets handed to it, with that context's caches and file source.
 *
 * The pipeline owns what is per context: the connection count and cap (with a wait queue, so a full
 * server applies backpressure instead of dropping), who gives a slot up to whom (keep-alive yielding),
 * the timeouts (one sweeper timer for all connections, so a request sets a number instead of arming a
 * timer), shutdown (drain, close), the step timer, the optional per-request step trace and the
 * counters.
 */
import type { Socket } from "node:net";
import { pipelineCacheNames, type PipelineCaches } from "./cache-types.js";
import { Connection, Deadline, type ConnectionCounters, type ConnectionHost } from "./connection.js";
import { syncRealFileSource, type FileSource } from "./file-source.js";
import { PathTranslator } from "./path-translation.js";
import { emptyCacheCounters, type PipelineStats } from "./pipeline-stats.js";
import { defaultRequestLimits, type RequestLimits } from "./request-framing.js";
import { connectionTail, errorResponse } from "./response-header.js";
import { StepTimer } from "./steps.js";
import { StepTrace, type StepTraceEvent } from "./step-trace.js";

/** How a pipeline serves requests. Only `docroot` is required. */
export interface PipelineOptions {
  /** The folder whose files are served. Must exist. */
  docroot: string;
  /** Where file bytes come from (the architecture's read strategy). Default: the real fs, synchronously. */
  source?: FileSource;
  /** Flash's caches (see `createFlashCaches`); each absent one is off. Default: none. */
  caches?: PipelineCaches;
  /** Send the head and the body in one write (writev). Default true. */
  gatherWrites?: boolean;
  /** Time each step of each request. Default true. Can be switched with `setTiming`. */
  timing?: boolean;
  /**
   * Keep a per-request step trace of the last `trace` step events (connection, request, step, start,
   * end; see `traceEvents`). 0 or absent: off, and nothing is recorded or allocated for it. The trace
   * reuses the step timer's clock reads, so it needs `timing`.
   */
  trace?: number;
  /** A request head must arrive within this time from its first byte (or from accept). Default 10 000 ms. */
  headerTimeoutMs?: number;
  /** A keep-alive connection with no request for this long is closed. Default 5 000 ms. */
  idleTimeoutMs?: number;
  /**
   * A response (or our closing FIN) that makes no progress, no byte taken by the client, for this long
   * closes the connection. Progress restarts it: a slow client that keeps reading is never cut off.
   * Default 30 000 ms.
   */
  sendTimeoutMs?: number;
  /** A deferred read (a Promise from the source) not settled within this time closes the connection. Default 30 000 ms. */
  readTimeoutMs?: number;
  /**
   * A cached translation older than this is looked up again (realpath + stat), as nginx's
   * open_file_cache_valid: an edited file is served fresh at the latest this long after the edit.
   * (Every read also checks the file's identity, so a replaced file is never read through a stale
   * translation.) Default 1 000 ms.
   */
  pathCacheValidMs?: number;
  /** Connections served at once; more wait in a queue (backpressure). Default: no limit. */
  maxConnections?: number;
  /** Connections allowed to wait for a slot; beyond, they get 503 and are closed. Default 1024. */
  maxQueuedConnections?: number;
  /**
   * While connections wait for a slot (in this queue, or elsewhere: `setWaitingElsewhere`), keep-alive
   * connections give theirs up: the next response says Connection: close, and one that stays idle
   * between requests for `idleYieldMs` is closed gracefully. Without it, a context that serves one
   * connection at a time (MP, MT) would serve one busy keep-alive client forever. Default true.
   */
  yieldToQueued?: boolean;
  /**
   * How long a keep-alive connection must have been idle between requests before it is closed for a
   * waiting one. A client's next request follows its last response within a round trip plus its own
   * turnaround (well under a millisecond on loopback, a few on a LAN), so one idle this long is
   * thinking, not sending: closing it rarely races a request in flight, and a waiting connection pays
   * at most about twice this for the slot. Default 100 ms.
   */
  idleYieldMs?: number;
  /** After this many requests a connection is closed (Connection: close), as nginx's keepalive_requests. Default: no limit. */
  maxRequestsPerConnection?: number;
  /** Request head size limits (defaults: 8 KB request line, 16 KB and 100 lines of headers). */
  limits?: Partial<RequestLimits>;
}

/** Per-connection options of `serveConnection`. */
export interface ServeConnectionOptions {
  /**
   * When the connection was accepted (`performance.now()` in this thread). The accept step is timed
   * from here until serving starts (so it includes any wait in the queue). Default: now.
   */
  acceptedAt?: number;
  /** Called once when the connection has closed (for a context that serves one connection at a time). */
  onClose?: () => void;
}

/** How long a closed socket may linger (reading and discarding) after our last byte was flushed, before it is destroyed. */
const closingLingerMs = 2_000;

/** A connection waiting for a slot, and the listeners that watch it meanwhile. */
interface QueuedConnection {
  socket: Socket;
  options: ServeConnectionOptions | undefined;
  acceptedAt: number;
  onEnd: () => void;
  onClose: () => void;
}

/** A pipeline instance: hand it sockets, read its stats, drain or close it. */
export class RequestPipeline implements ConnectionHost {
  readonly limits: RequestLimits;
  readonly translator: PathTranslator;
  readonly caches: PipelineCaches;
  readonly source: FileSource;
  readonly gatherWrites: boolean;
  readonly timer = new StepTimer();
  /** The step trace, when `trace` asked for one. */
  readonly trace: StepTrace | undefined;
  readonly counters: ConnectionCounters = newCounters();
  readonly deadlineTicks: number[];
  readonly sendTimeoutMs: number;
  readonly pathCacheValidMs: number;
  readonly maxConnections: number;
  readonly maxQueuedConnections: number;
  readonly yieldToQueued: boolean;
  readonly idleYieldMs: number;
  readonly maxRequestsPerConnection: number;
  timing: boolean;
  /** No more keep-alive: set by `drain` (and `close`). */
  draining = false;
  /** New connections are refused: set by `close`. */
  closing = false;
  tick = 0;

  private readonly connections = new Set<Connection>();
  private readonly queue: QueuedConnection[] = [];
  private waitingElsewhere = 0;
  private accepted = 0;
  /** Connections this pipeline began serving (numbers them for the trace). */
  private started = 0;
  private refused = 0;
  private abandoned = 0;
  private readonly sweeper: NodeJS.Timeout;
  private yieldCheck: NodeJS.Timeout | undefined;
  private readonly idleWaiters: Array<() => void> = [];

  /** Throws an Error saying what is wrong when the docroot or a number is invalid. */
  constructor(options: PipelineOptions) {
    this.translator = new PathTranslator(options.docroot);
    this.source = options.source ?? syncRealFileSource;
    this.caches = options.caches ?? {};
    this.gatherWrites = options.gatherWrites ?? true;
    this.timing = options.timing ?? true;
    const traceCapacity = options.trace ?? 0;
    if (traceCapacity !== 0 && !this.timing) throw new RangeError("trace needs timing: the trace records the step timer's clock readings (timing: true)");
    this.trace = traceCapacity === 0 ? undefined : new StepTrace(traceCapacity);
    this.limits = { ...defaultRequestLimits, ...options.limits };
    const headerTimeoutMs = positive("headerTimeoutMs", options.headerTimeoutMs ?? 10_000);
    const idleTimeoutMs = positive("idleTimeoutMs", options.idleTimeoutMs ?? 5_000);
    this.sendTimeoutMs = positive("sendTimeoutMs", options.sendTimeoutMs ?? 30_000);
    const readTimeoutMs = positive("readTimeoutMs", options.readTimeoutMs ?? 30_000);
    this.pathCacheValidMs = nonNegative("pathCacheValidMs", options.pathCacheValidMs ?? 1_000);
    this.maxConnections = positive("maxConnections", options.maxConnections ?? Number.POSITIVE_INFINITY);
    this.maxQueuedConnections = Math.max(0, options.maxQueuedConnections ?? 1024);
    this.yieldToQueued = options.yieldToQueued ?? true;
    this.idleYieldMs = positive("idleYieldMs", options.idleYieldMs ?? 100);
    this.maxRequestsPerConnection = positive("maxRequestsPerConnection", options.maxRequestsPerConnection ?? Number.POSITIVE_INFINITY);
    for (const [name, value] of Object.entries(this.limits)) positive(`limits.${name}`, value);
    // One sweep every eighth of the shortest timeout (5 ms to 250 ms). A deadline set between two sweeps
    // gets one extra tick, so a timeout never fires early and at most one tick late.
    const tickMs = Math.min(250, Math.max(5, Math.min(headerTimeoutMs, idleTimeoutMs, readTimeoutMs) / 8));
    const ticks = (ms: number) => Math.ceil(ms / tickMs) + 1;
    this.deadlineTicks = [];
    this.deadlineTicks[Deadline.none] = Number.POSITIVE_INFINITY;
    this.deadlineTicks[Deadline.header] = ticks(headerTimeoutMs);
    this.deadlineTicks[Deadline.idle] = ticks(idleTimeoutMs);
    this.deadlineTicks[Deadline.closing] = ticks(closingLingerMs);
    this.deadlineTicks[Deadline.read] = ticks(readTimeoutMs);
    this.sweeper = setInterval(() => this.sweep(), tickMs);
    this.sweeper.unref();
  }

  /** Connections being served now. */
  get openConnections(): number {
    return this.connections.size;
  }

  /** Connections waiting for a slot under `maxConnections`. */
  get queuedConnections(): number {
    return this.queue.length;
  }

  /** Switches step timing on or off (off: no clock reads on the hot path). */
  setTiming(on: boolean): void {
    this.timing = on;
  }

  /**
   * Says how many connections wait for this context outside the pipeline (e.g. in MP's master, which
   * keeps the queue itself). They count as waiting for keep-alive yielding, as the pipeline's own queue does.
   */
  setWaitingElsewhere(count: number): void {
    this.waitingElsewhere = Math.max(0, count);
    this.scheduleYieldCheck();
  }

  /**
   * Serves `socket` until it closes: every request on it, in order. Never throws; a failure closes only
   * this connection. Over `maxConnections` the socket waits in a queue (see `enqueue`); over
   * `maxQueuedConnections`, or once the pipeline is closing, it gets a 503 and is closed.
   */
  serveConnection(socket: Socket, options?: ServeConnectionOptions): void {
    this.accepted++;
    const acceptedAt = options?.acceptedAt ?? (this.timing ? performance.now() : 0);
    if (this.closing || (this.connections.size >= this.maxConnections && this.queue.length >= this.maxQueuedConnections)) {
      this.refuse(socket, options);
      return;
    }
    if (this.connections.size >= this.maxConnections) {
      this.enqueue(socket, options, acceptedAt);
      return;
    }
    this.start(socket, options, acceptedAt);
  }

  /**
   * Puts a socket in the wait queue. It is not read from (no request is parsed), but it is watched from
   * now on: what the client sends stays in the socket's own read buffer (bounded by its high-water mark;
   * beyond, the kernel holds it back), ready for the connection that later serves it, and a client that
   * leaves having sent nothing is noticed at once and dropped rather than served a header timeout later.
   */
  private enqueue(socket: Socket, options: ServeConnectionOptions | undefined, acceptedAt: number): void {
    socket.pause();
    socket.on("error", ignoreError); // a queued client may vanish; its socket must not crash the process
    const waiting: QueuedConnection = {
      socket,
      options,
      acceptedAt,
      // "end" while paused comes only with nothing buffered: the client closed without sending a byte.
      onEnd: () => {
        this.abandoned++;
        socket.destroy();
      },
      onClose: () => {
        this.unqueue(waiting);
        options?.onClose?.();
        this.resolveIfIdle();
      },
    };
    socket.once("end", waiting.onEnd);
    socket.once("close", waiting.onClose);
    this.queue.push(waiting);
    this.scheduleYieldCheck();
  }

  private unqueue(waiting: QueuedConnection): void {
    const index = this.queue.indexOf(waiting);
    if (index >= 0) this.queue.splice(index, 1);
    const socket = waiting.socket;
    socket.off("end", waiting.onEnd);
    socket.off("close", waiting.onClose);
    socket.off("error", ignoreError);
  }

  private start(socket: Socket, options: ServeConnectionOptions | undefined, acceptedAt: number): void {
    if (socket.destroyed) {
      options?.onClose?.();
      return;
    }
    const connection = new Connection(this, socket, ++this.started, options?.onClose, this.timing ? acceptedAt : undefined);
    this.connections.add(connection);
    this.scheduleYieldCheck();
  }

  private refuse(socket: Socket, options: ServeConnectionOptions | undefined): void {
    this.refused++;
    this.counters.errors++;
    socket.on("error", ignoreError);
    socket.on("close", () => options?.onClose?.());
    socket.resume(); // read and discard what the client sends, so that closing does not reset the connection
    const why = this.closing ? "the server is shutting down" : `the server is at its limit of ${this.maxConnections} connections and ${this.maxQueuedConnections} waiting`;
    socket.end(errorResponse(503, `${why}; try again later.`, "", connectionTail(false, 1), false));
    socket.once("finish", () => setTimeout(() => socket.destroy(), closingLingerMs).unref());
  }

  /** @internal Called by a connection before each response. */
  keepAliveAllowed(requestsServed: number): boolean {
    if (this.draining || requestsServed >= this.maxRequestsPerConnection) return false;
    return !this.othersWaiting();
  }

  /** @internal True while connections wait for a slot (here or elsewhere) and keep-alive ones yield to them. */
  othersWaiting(): boolean {
    return this.yieldToQueued && this.queue.length + this.waitingElsewhere > 0;
  }

  /** @internal Called by a connection when its socket has closed. */
  connectionClosed(connection: Connection): void {
    this.connections.delete(connection);
    while (this.queue.length > 0 && this.connections.size < this.maxConnections) {
      const next = this.queue[0]!;
      this.unqueue(next);
      this.start(next.socket, next.options, next.acceptedAt);
    }
    this.resolveIfIdle();
  }

  private resolveIfIdle(): void {
    if (this.connections.size === 0 && this.queue.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * While others wait, every `idleYieldMs`: a keep-alive connection idle between requests at two checks
   * in a row (so for at least `idleYieldMs`) is closed gracefully to give its slot up.
   */
  private scheduleYieldCheck(): void {
    if (this.yieldCheck !== undefined || !this.othersWaiting() || this.connections.size === 0) return;
    this.yieldCheck = setTimeout(() => {
      this.yieldCheck = undefined;
      if (!this.othersWaiting()) return;
      for (const connection of this.connections) connection.yieldIfStillIdle();
      this.scheduleYieldCheck();
    }, this.idleYieldMs);
    this.yieldCheck.unref();
  }

  private sweep(): void {
    const tick = ++this.tick;
    for (const connection of this.connections) {
      if (connection.deadlineKind === Deadline.none || tick < connection.deadlineTick) continue;
      try {
        connection.expire();
      } catch {
        this.counters.errors++;
        connection.socket.destroy();
      }
    }
  }

  /** A JSON-able snapshot of this pipeline's counters, timings and cache counts. */
  stats(): PipelineStats {
    const c = this.counters;
    const caches = {} as PipelineStats["caches"];
    for (const name of pipelineCacheNames) caches[name] = this.caches[name]?.counters() ?? emptyCacheCounters();
    let waitingForClient = 0;
    for (const connection of this.connections) if (connection.waitingForClient) waitingForClient++;
    return {
      requests: c.requests,
      bytesSent: c.bytesSent,
      responsesByStatus: { ...c.responsesByStatus },
      errors: c.errors,
      connections: {
        accepted: this.accepted,
        open: this.connections.size,
        queued: this.queue.length,
        waitingForClient,
        refused: this.refused,
        abandoned: this.abandoned,
        timedOut: c.timedOut,
        idleClosed: c.idleClosed,
        yielded: c.yielded,
      },
      fileReads: { inline: c.inlineReads, deferred: c.deferredReads },
      steps: this.timer.snapshot(),
      caches,
    };
  }

  /**
   * The step trace: the last events kept, oldest first, on the machine's monotonic clock (lib/runtime's
   * `monotonicClockMs`); undefined when the pipeline keeps no trace.
   */
  traceEvents(): StepTraceEvent[] | undefined {
    return this.trace?.events();
  }

  /** Zeroes counters, timings, the trace and cache hit/miss counts (cache contents stay). */
  resetStats(): void {
    Object.assign(this.counters, newCounters());
    this.accepted = 0;
    this.refused = 0;
    this.abandoned = 0;
    this.timer.reset();
    this.trace?.clear();
    for (const name of pipelineCacheNames) this.caches[name]?.resetCounters();
  }

  /**
   * Stops keep-alive, for good: every response from now on says Connection: close, and connections idle
   * between requests are closed gracefully (FIN, then reading and discarding). Everything else goes on:
   * requests in progress and requests already buffered are answered, queued connections are served in
   * turn, and connections handed in later are still served (each for one request). For a context whose
   * connections still arrive while it winds down, such as an MP worker whose master drains its own queue.
   */
  drain(): void {
    this.draining = true;
    for (const connection of this.connections) connection.endIfIdleBetweenRequests();
  }

  /**
   * Graceful shutdown: `drain`, and refuse connections handed in from now on (503). Every request
   * received is still answered: in progress, buffered, or on a queued connection (served in turn); a
   * connection that has not sent its first request yet may still send it, within its header timeout.
   * After `graceMs`, whatever is left (queued or open) is destroyed. Resolves when every connection has
   * closed.
   */
  close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    this.drain();
    const allClosed = new Promise<void>((resolve) => {
      this.idleWaiters.push(resolve);
      this.resolveIfIdle();
    });
    const grace = setTimeout(() => {
      for (const waiting of [...this.queue]) waiting.socket.destroy();
      for (const connection of this.connections) connection.socket.destroy();
    }, graceMs);
    grace.unref();
    return allClosed.finally(() => {
      clearTimeout(grace);
      clearInterval(this.sweeper);
      clearTimeout(this.yieldCheck);
    });
  }
}

/** Creates a pipeline (see `PipelineOptions`). Throws when the docroot is missing or an option is invalid. */
export function createPipeline(options: PipelineOptions): RequestPipeline {
  return new RequestPipeline(options);
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new RangeError(`${name} must be a positive number; got ${value}.`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new RangeError(`${name} must be 0 or more; got ${value}.`);
  return value;
}

function ignoreError(): void {}

function newCounters(): ConnectionCounters {
  return { requests: 0, bytesSent: 0, responsesByStatus: {}, errors: 0, timedOut: 0, idleClosed: 0, yielded: 0, inlineReads: 0, deferredReads: 0 };
}
