/**
 * The request pipeline that every architecture shares: one instance per execution context (a process,
 * a thread, an event loop) serves the sockets handed to it, with that context's caches and file source.
 *
 * The pipeline owns what is per context: the connection count and cap (with a wait queue, so a full
 * server applies backpressure instead of dropping), the timeouts (one sweeper timer for all
 * connections, so a request sets a number instead of arming a timer), the step timer and the counters.
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

/** How a pipeline serves requests. Only `docroot` is required. */
export interface PipelineOptions {
  /** The folder whose files are served. Must exist. */
  docroot: string;
  /** Where file bytes come from (the architecture's read strategy). Default: the real fs, synchronously. */
  source?: FileSource;
  /** Flash's caches (see createFlashCaches in lib/storage/caches); each absent one is off. Default: none. */
  caches?: PipelineCaches;
  /** Send the head and the body in one write (writev). Default true. */
  gatherWrites?: boolean;
  /** Time each step of each request. Default true. Can be switched with `setTiming`. */
  timing?: boolean;
  /** A request head must arrive within this time from its first byte (or from accept). Default 10 000 ms. */
  headerTimeoutMs?: number;
  /** A keep-alive connection with no request for this long is closed. Default 5 000 ms. */
  idleTimeoutMs?: number;
  /** A response the client does not read for this long (send buffer full) closes the connection. Default 30 000 ms. */
  sendTimeoutMs?: number;
  /** A deferred read (a Promise from the source) not settled within this time closes the connection. Default 30 000 ms. */
  readTimeoutMs?: number;
  /** Connections served at once; more wait, paused, in a queue (backpressure). Default: no limit. */
  maxConnections?: number;
  /** Connections allowed to wait for a slot; beyond, they get 503 and are closed. Default 1024. */
  maxQueuedConnections?: number;
  /**
   * While connections wait for a slot, keep-alive connections give theirs up: the next response says
   * Connection: close, and an idle one is closed at once. Without it, a context that serves one
   * connection at a time (MP, MT) would serve one busy keep-alive client forever. Default true.
   */
  yieldToQueued?: boolean;
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

/** How long a closing socket may linger (reading and discarding) before it is destroyed. */
const closingLingerMs = 2_000;

/** A pipeline instance: hand it sockets, read its stats, close it. */
export class RequestPipeline implements ConnectionHost {
  readonly limits: RequestLimits;
  readonly translator: PathTranslator;
  readonly caches: PipelineCaches;
  readonly source: FileSource;
  readonly gatherWrites: boolean;
  readonly timer = new StepTimer();
  readonly counters: ConnectionCounters = newCounters();
  readonly deadlineTicks: number[];
  readonly maxConnections: number;
  readonly maxQueuedConnections: number;
  readonly yieldToQueued: boolean;
  readonly maxRequestsPerConnection: number;
  timing: boolean;
  closing = false;
  tick = 0;

  private readonly connections = new Set<Connection>();
  private readonly queue: Array<{ socket: Socket; options: ServeConnectionOptions | undefined; acceptedAt: number }> = [];
  private accepted = 0;
  private refused = 0;
  /** Connections waiting for this context outside the pipeline (MP's master queue). */
  private waitingElsewhere = 0;
  /** Draining for shutdown: no more keep-alive. */
  private draining = false;
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleWaiters: Array<() => void> = [];

  /** Throws an Error saying what is wrong when the docroot or a number is invalid. */
  constructor(options: PipelineOptions) {
    this.translator = new PathTranslator(options.docroot);
    this.source = options.source ?? syncRealFileSource;
    this.caches = options.caches ?? {};
    this.gatherWrites = options.gatherWrites ?? true;
    this.timing = options.timing ?? true;
    this.limits = { ...defaultRequestLimits, ...options.limits };
    const headerTimeoutMs = positive("headerTimeoutMs", options.headerTimeoutMs ?? 10_000);
    const idleTimeoutMs = positive("idleTimeoutMs", options.idleTimeoutMs ?? 5_000);
    const sendTimeoutMs = positive("sendTimeoutMs", options.sendTimeoutMs ?? 30_000);
    const readTimeoutMs = positive("readTimeoutMs", options.readTimeoutMs ?? 30_000);
    this.maxConnections = positive("maxConnections", options.maxConnections ?? Number.POSITIVE_INFINITY);
    this.maxQueuedConnections = Math.max(0, options.maxQueuedConnections ?? 1024);
    this.yieldToQueued = options.yieldToQueued ?? true;
    this.maxRequestsPerConnection = positive("maxRequestsPerConnection", options.maxRequestsPerConnection ?? Number.POSITIVE_INFINITY);
    for (const [name, value] of Object.entries(this.limits)) positive(`limits.${name}`, value);
    // One sweep every eighth of the shortest timeout (5 ms to 250 ms). A deadline set between two sweeps
    // gets one extra tick, so a timeout never fires early and at most one tick late.
    const tickMs = Math.min(250, Math.max(5, Math.min(headerTimeoutMs, idleTimeoutMs, sendTimeoutMs, readTimeoutMs) / 8));
    const ticks = (ms: number) => Math.ceil(ms / tickMs) + 1;
    this.deadlineTicks = [];
    this.deadlineTicks[Deadline.none] = Number.POSITIVE_INFINITY;
    this.deadlineTicks[Deadline.header] = ticks(headerTimeoutMs);
    this.deadlineTicks[Deadline.idle] = ticks(idleTimeoutMs);
    this.deadlineTicks[Deadline.send] = ticks(sendTimeoutMs);
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
   * Serves `socket` until it closes: every request on it, in order. Never throws; a failure closes only
   * this connection. Over `maxConnections` the socket waits, paused, in a queue; over
   * `maxQueuedConnections` (or once the pipeline is closing) it gets a 503 and is closed.
   */
  serveConnection(socket: Socket, options?: ServeConnectionOptions): void {
    this.accepted++;
    const acceptedAt = options?.acceptedAt ?? (this.timing ? performance.now() : 0);
    if (this.closing || (this.connections.size >= this.maxConnections && this.queue.length >= this.maxQueuedConnections)) {
      this.refuse(socket, options);
      return;
    }
    if (this.connections.size >= this.maxConnections) {
      socket.pause();
      socket.on("error", ignoreError); // a queued client may vanish; its socket must not crash the process
      this.queue.push({ socket, options, acceptedAt });
      if (this.yieldToQueued) for (const connection of this.connections) connection.endIfIdleKeepAlive();
      return;
    }
    this.start(socket, options, acceptedAt);
  }

  private start(socket: Socket, options: ServeConnectionOptions | undefined, acceptedAt: number): void {
    if (socket.destroyed) {
      options?.onClose?.();
      return;
    }
    const connection = new Connection(this, socket, options?.onClose, this.timing ? acceptedAt : undefined);
    this.connections.add(connection);
  }

  private refuse(socket: Socket, options: ServeConnectionOptions | undefined): void {
    this.refused++;
    this.counters.errors++;
    socket.on("error", ignoreError);
    socket.on("close", () => options?.onClose?.());
    const why = this.closing ? "the server is shutting down" : `the server is at its limit of ${this.maxConnections} connections and ${this.maxQueuedConnections} waiting`;
    socket.end(errorResponse(503, `${why}; try again later.`, "", connectionTail(false, 1), false));
    setTimeout(() => socket.destroy(), closingLingerMs).unref();
  }

  /** Tells the pipeline how many connections wait for this context elsewhere (MP's master queue). */
  setWaitingElsewhere(count: number): void {
    const before = this.waitingElsewhere;
    this.waitingElsewhere = count;
    if (before === 0 && count > 0 && this.yieldToQueued) for (const connection of this.connections) connection.endIfIdleKeepAlive();
  }

  /** Shutdown is coming: no more keep-alive, idle keep-alive connections close; new connections are still served. */
  drain(): void {
    this.draining = true;
    for (const connection of this.connections) connection.endIfIdleKeepAlive();
  }

  /** @internal Called by a connection before each response. */
  keepAliveAllowed(requestsServed: number): boolean {
    if (this.closing || this.draining || requestsServed >= this.maxRequestsPerConnection) return false;
    return !(this.yieldToQueued && this.queue.length + this.waitingElsewhere > 0);
  }

  /** @internal Called by a connection when its socket has closed. */
  connectionClosed(connection: Connection): void {
    this.connections.delete(connection);
    while (this.queue.length > 0 && this.connections.size < this.maxConnections) {
      const next = this.queue.shift()!;
      next.socket.off("error", ignoreError);
      this.start(next.socket, next.options, next.acceptedAt);
    }
    if (this.connections.size === 0 && this.queue.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
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
    return {
      requests: c.requests,
      bytesSent: c.bytesSent,
      responsesByStatus: { ...c.responsesByStatus },
      errors: c.errors,
      connections: {
        accepted: this.accepted,
        open: this.connections.size,
        queued: this.queue.length,
        refused: this.refused,
        timedOut: c.timedOut,
        idleClosed: c.idleClosed,
      },
      fileReads: { inline: c.inlineReads, deferred: c.deferredReads },
      steps: this.timer.snapshot(),
      caches,
    };
  }

  /** Zeroes counters, timings and cache hit/miss counts (cache contents stay). */
  resetStats(): void {
    Object.assign(this.counters, newCounters());
    this.accepted = 0;
    this.refused = 0;
    this.timer.reset();
    for (const name of pipelineCacheNames) this.caches[name]?.resetCounters();
  }

  /**
   * Graceful shutdown: refuses new connections, closes idle ones, lets requests in progress finish
   * (their responses say Connection: close), and after `graceMs` destroys whatever is left. Resolves
   * when every connection has closed.
   */
  close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    for (const waiting of this.queue.splice(0)) waiting.socket.destroy();
    for (const connection of this.connections) connection.endWhenIdle();
    const allClosed = new Promise<void>((resolve) => {
      if (this.connections.size === 0) resolve();
      else this.idleWaiters.push(resolve);
    });
    const grace = setTimeout(() => {
      for (const connection of this.connections) connection.socket.destroy();
    }, graceMs);
    grace.unref();
    return allClosed.finally(() => {
      clearTimeout(grace);
      clearInterval(this.sweeper);
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

function ignoreError(): void {}

function newCounters(): ConnectionCounters {
  return { requests: 0, bytesSent: 0, responsesByStatus: {}, errors: 0, timedOut: 0, idleClosed: 0, inlineReads: 0, deferredReads: 0 };
}
