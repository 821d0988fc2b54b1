/**
 * The socket machinery of one load-generating thread, shared by the closed and the open loop.
 *
 * A thread owns a fixed set of slots (closed loop: clients; open loop: connection slots). Each slot
 * holds at most one TCP connection, made with raw `net` sockets, and a FIFO of requests in flight on it
 * (more than one only when pipelining). Request bytes are precomputed; responses go through the
 * incremental `ResponseParser`, which checks the status line and counts the body against
 * Content-Length. Every request ends exactly once, as a completion or as an error of one kind, and a
 * measured request becomes one record row (the main thread adds it to the HDR histograms).
 *
 * What the subclasses decide is only *when* to send: `begin()` starts the traffic and
 * `requestFinished(slot)` hears about every request that ended on a slot.
 *
 * Keep-alive race: a server may close an idle keep-alive connection just as the next request goes out
 * on it. As HTTP/1.1 allows for idempotent requests (RFC 9112 §9.3.1, RFC 9110 §9.2.2), a request whose
 * connection closes or resets before any byte of its response arrived is sent again, once, on a fresh
 * connection, when that connection had already answered a request (so the client had reason to reuse
 * it): a request sent on a reused connection, or one pipelined behind the last answered one. The retry
 * keeps the request's original times, so its latency includes the lost attempt, and it is counted
 * (`retries` in the counts and the records). Everything else stays an error: a refused connection, a
 * reset or close mid-response, a timeout, a close on a connection that never answered, a second failure.
 *
 * Slow or distant clients: with `clientDelayMs` or `clientKbps`, each connection goes through an
 * `EmulatedClientLink` (client-link.ts), which delays and paces what the engine sees; without them the
 * engine reads the socket directly, as fast as it can.
 *
 * Clock: times are ms since the run's start, from `performance.now()` shifted by the difference
 * between this thread's time origin and the main thread's start instant, so threads agree.
 */
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { type ClientLinkProfile, clientLinkProfile, EmulatedClientLink } from "./client-link.js";
import type { EngineConfig, EnginePhaseCounts, EngineProgress, EngineReport } from "./engine-config.js";
import { classifySocketError, emptyErrorCounts, errorKindCode, type LoadErrorKind, loadErrorKinds } from "./error-kinds.js";
import { type RecordBlock, RecordBlockWriter } from "./record-columns.js";
import { buildRequestBytesForPaths } from "./request-bytes.js";
import { ResponseParser } from "./response-parser.js";

/** A request from the moment it is due until it ends. */
export interface InFlightRequest {
  intendedMs: number;
  startMs: number;
  connectMs: number;
  firstByteMs: number;
  pathIndex: number;
  measured: boolean;
  newConnection: number;
  /** 1 once the request was sent again after a keep-alive race (it is retried at most once). */
  retries: number;
}

/** One client (closed loop) or connection slot (open loop) and its connection. */
export class Slot {
  socket: Socket | undefined = undefined;
  /** The emulated link carrying `socket`, when client emulation is on. */
  link: EmulatedClientLink | undefined = undefined;
  connected = false;
  /** Responses completed on the current connection. */
  answered = 0;
  lastError: LoadErrorKind | undefined = undefined;
  /** Used by the open loop: true while the slot sits in its free list. */
  free = false;
  readonly parser = new ResponseParser();
  readonly inflight: InFlightRequest[] = [];
  constructor(readonly clientId: number) {}
}

/** Callbacks through which a thread hands out records and progress. */
export interface EngineSinks {
  onBlock(block: RecordBlock): void;
  onProgress?(progress: EngineProgress): void;
}

const badStatusCode = errorKindCode("bad-status");
const progressIntervalMs = 200;
/** Ended requests' objects kept for reuse, at most. */
const maxSpareRequests = 1024;

/**
 * Removes a slot's oldest request. With one request in flight (no pipelining) `pop` does it without
 * `shift`'s cost: V8 trims an array's storage on `shift` and must regrow it on the next `push`.
 */
function removeOldest(inflight: InFlightRequest[]): void {
  if (inflight.length === 1) inflight.pop();
  else inflight.shift();
}

/** The error code of a response with `status`: 0 (none) for 2xx and 3xx, else "bad-status". */
function statusErrorCode(status: number): number {
  return status >= 200 && status < 400 ? 0 : badStatusCode;
}

function phaseCounts(): EnginePhaseCounts {
  return { completed: 0, errors: emptyErrorCounts(), connections: 0, retries: 0 };
}

/** The shared engine; see the module header. */
export abstract class LoadEngine {
  protected readonly slots: Slot[] = [];
  /** False once no new request may start (end of the measured phase, request limit, or stop()). */
  protected issuing = true;
  protected readonly endMs: number;
  protected measuredIssued = 0;
  private readonly requestBytes: Buffer[];
  private readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  /** The client emulation of every connection, or undefined for direct connections. */
  private readonly linkProfile: ClientLinkProfile | undefined;
  private readonly clockOffset: number;
  private readonly writer: RecordBlockWriter;
  private readonly measured = phaseCounts();
  private readonly warmup = phaseCounts();
  private outstanding = 0;
  private readonly spareRequests: InFlightRequest[] = [];
  private finished = false;
  private timers: NodeJS.Timeout[] = [];
  private resolveRun: ((report: EngineReport) => void) | undefined;

  constructor(
    protected readonly config: EngineConfig,
    private readonly sinks: EngineSinks,
  ) {
    this.requestBytes = buildRequestBytesForPaths(config.plan.paths, config.hostHeader, config.http);
    this.clockOffset = config.startAtEpochMs - performance.timeOrigin;
    this.writer = new RecordBlockWriter(config.rowsPerBlock, sinks.onBlock);
    this.endMs = config.warmupMs + config.durationMs;
    this.linkProfile = clientLinkProfile({ delayMs: config.clientDelayMs, kbps: config.clientKbps }, this.readBuffer);
    for (let i = 0; i < config.clients; i++) this.slots.push(new Slot(config.clientIdOffset + i));
  }

  /** Milliseconds since the run's start. */
  now(): number {
    return performance.now() - this.clockOffset;
  }

  /** Runs the thread's share of the load; resolves with its counts and histograms. */
  run(): Promise<EngineReport> {
    return new Promise((resolve) => {
      this.resolveRun = resolve;
      this.startAtZero();
    });
  }

  /** Starts the traffic at time 0 exactly: timers may fire a little early, so the last stretch polls. */
  private startAtZero(): void {
    const wait = -this.now();
    if (wait <= 0) this.startTraffic();
    else if (wait >= 2) setTimeout(() => this.startAtZero(), Math.floor(wait) - 1);
    else setImmediate(() => this.startAtZero());
  }

  /** Stops starting requests; those in flight still end (or time out). */
  stop(): void {
    if (!this.issuing) return;
    this.issuing = false;
    const drainDeadline = this.config.timeoutMs + 250;
    this.timers.push(setTimeout(() => this.forceFinish(), drainDeadline));
    this.maybeFinish();
  }

  /** Starts the traffic (subclass). */
  protected abstract begin(): void;
  /** Hears that a request on `slot` ended, successfully or not, at `nowMs` (subclass). */
  protected abstract requestFinished(slot: Slot, nowMs: number): void;
  /** Requests due but not yet sent (the open loop's queue). */
  protected queuedCount(): number {
    return 0;
  }
  /** Ends every queued, never-sent request as a timeout at `nowMs` (the open loop overrides). */
  protected expireQueued(_nowMs: number): void {}

  /** The bookkeeping of a request that is due now (an ended request's object is reused, so none is allocated). */
  protected newRequest(intendedMs: number, startMs: number, pathIndex: number): InFlightRequest {
    const measured = intendedMs >= this.config.warmupMs;
    const request = this.spareRequests.pop();
    if (request === undefined) return { intendedMs, startMs, connectMs: Number.NaN, firstByteMs: Number.NaN, pathIndex, measured, newConnection: 0, retries: 0 };
    request.intendedMs = intendedMs;
    request.startMs = startMs;
    request.connectMs = Number.NaN;
    request.firstByteMs = Number.NaN;
    request.pathIndex = pathIndex;
    request.measured = measured;
    request.newConnection = 0;
    request.retries = 0;
    return request;
  }

  /** Sends `request` on `slot`, opening a connection when the slot has none. */
  protected send(slot: Slot, request: InFlightRequest): void {
    slot.inflight.push(request);
    this.outstanding++;
    const socket = slot.socket;
    if (socket === undefined) this.open(slot, request);
    else if (slot.connected) {
      const bytes = this.requestBytes[request.pathIndex] as Buffer;
      const link = slot.link;
      if (link === undefined) socket.write(bytes);
      else link.send(bytes, request.startMs);
    }
  }

  /**
   * Ends a request: counts it, and records it when it belongs to the measured phase. The caller must
   * not use `request` afterwards: its object goes back to the spares for the next request.
   */
  protected endRequest(clientId: number, request: InFlightRequest, endMs: number, bytes: number, status: number, errorCode: number): void {
    this.outstanding--;
    const phase = request.measured ? this.measured : this.warmup;
    if (errorCode === 0) phase.completed++;
    else phase.errors[loadErrorKinds[errorCode - 1] as LoadErrorKind]++;
    if (request.measured) {
      this.writer.append(request.intendedMs, request.startMs, request.connectMs, request.firstByteMs, endMs, bytes, status, errorCode, request.pathIndex, clientId, request.newConnection, request.retries);
    }
    if (this.spareRequests.length < maxSpareRequests) this.spareRequests.push(request);
  }

  /** Finishes the run when nothing is left to send or wait for. */
  protected maybeFinish(): void {
    if (!this.issuing && this.outstanding === 0 && this.queuedCount() === 0) this.finish();
  }

  private startTraffic(): void {
    if (this.finished) return;
    if (!this.issuing) {
      // Stopped before the start: nothing was sent.
      this.finish();
      return;
    }
    const sweepEvery = Math.max(5, Math.min(100, this.config.timeoutMs / 4));
    this.timers.push(setInterval(() => this.sweepTimeouts(), sweepEvery));
    this.timers.push(setInterval(() => this.reportProgress(), progressIntervalMs));
    if (Number.isFinite(this.endMs)) {
      const wait = this.endMs - this.now();
      this.timers.push(setTimeout(() => this.stop(), wait > 0 ? wait : 0));
    }
    this.begin();
  }

  private open(slot: Slot, request: InFlightRequest): void {
    request.newConnection = 1;
    (request.measured ? this.measured : this.warmup).connections++;
    slot.connected = false;
    slot.answered = 0;
    slot.lastError = undefined;
    slot.parser.reset();
    if (this.linkProfile === undefined) this.connectDirect(slot);
    else this.connectEmulated(slot, this.linkProfile);
  }

  private connectDirect(slot: Slot): void {
    // Reads land in one buffer shared by every socket of this thread (onread): each read is parsed
    // before the next one arrives and the parser copies what it keeps, so no per-read allocation is needed.
    const socket: Socket = connect({
      host: this.config.address,
      port: this.config.port,
      onread: { buffer: this.readBuffer, callback: (bytesRead: number, buffer: Uint8Array) => this.onData(slot, socket, buffer as Buffer, bytesRead, this.now(), 0) },
    });
    socket.setNoDelay(true);
    slot.socket = socket;
    slot.link = undefined;
    socket.on("connect", () => this.onConnect(slot, socket, this.now()));
    socket.on("error", (error: NodeJS.ErrnoException) => this.onSocketError(slot, socket, error));
    socket.on("close", () => this.onClose(slot, socket, this.now()));
  }

  private connectEmulated(slot: Slot, profile: ClientLinkProfile): void {
    const link: EmulatedClientLink = new EmulatedClientLink(profile, () => this.now(), {
      connected: (atMs) => this.onConnect(slot, link.socket, atMs),
      data: (chunk, length, firstByteAtMs, msPerByte) => this.onData(slot, link.socket, chunk, length, firstByteAtMs, msPerByte),
      error: (error) => this.onSocketError(slot, link.socket, error),
      closed: (atMs) => this.onClose(slot, link.socket, atMs),
    });
    slot.socket = link.socket;
    slot.link = link;
    link.connect(this.config.address, this.config.port);
  }

  /** The connection is up at `t`: the requests that waited for it go out together. */
  private onConnect(slot: Slot, socket: Socket, t: number): void {
    if (slot.socket !== socket) return;
    slot.connected = true;
    if (slot.inflight.length > 1) socket.cork();
    for (const waiting of slot.inflight) {
      if (waiting.connectMs !== waiting.connectMs) waiting.connectMs = t;
      socket.write(this.requestBytes[waiting.pathIndex] as Buffer);
    }
    if (slot.inflight.length > 1) socket.uncork();
  }

  private onSocketError(slot: Slot, socket: Socket, error: NodeJS.ErrnoException): void {
    if (slot.socket === socket) slot.lastError = classifySocketError(error, slot.connected);
  }

  /**
   * Handles the bytes chunk[0, length) read from the slot's socket. Byte k arrived at
   * firstByteAtMs + k · msPerByte: read directly, the whole chunk arrived at one instant (msPerByte 0,
   * one clock read for all of it); through an emulated slow link, byte by byte.
   */
  private onData(slot: Slot, socket: Socket, chunk: Buffer, length: number, firstByteAtMs: number, msPerByte: number): boolean {
    if (slot.socket !== socket) return true;
    const parser = slot.parser;
    let offset = 0;
    let ended = 0;
    let t = firstByteAtMs;
    while (offset < length) {
      const request = slot.inflight[0];
      if (request === undefined) {
        // Bytes that no request asked for: the connection's framing is lost, so it is dropped.
        this.dropConnection(slot);
        break;
      }
      if (request.firstByteMs !== request.firstByteMs) request.firstByteMs = firstByteAtMs + offset * msPerByte;
      offset = parser.feed(chunk, offset, length);
      const state = parser.state;
      if (state === "complete") {
        t = firstByteAtMs + (offset - 1) * msPerByte;
        removeOldest(slot.inflight);
        slot.answered++;
        const status = parser.status;
        this.endRequest(slot.clientId, request, t, parser.bytes, status, statusErrorCode(status));
        ended++;
        const closeAfter = parser.closeAfter || this.config.http === "1.0";
        parser.reset();
        if (closeAfter) {
          this.dropConnection(slot);
          this.resendInflight(slot);
          break;
        }
      } else if (state === "malformed") {
        t = firstByteAtMs + (offset - 1) * msPerByte;
        removeOldest(slot.inflight);
        this.endRequest(slot.clientId, request, t, parser.bytes, parser.status, badStatusCode);
        ended++;
        this.dropConnection(slot);
        this.resendInflight(slot);
        break;
      }
    }
    for (let i = 0; i < ended; i++) this.requestFinished(slot, t);
    this.maybeFinish();
    // true: keep reading (onread pauses the socket on false).
    return true;
  }

  /**
   * The connection closed at `t`. The response in progress ends (complete when the close delimits its
   * body, else an error); requests without any byte of their response are retried when the keep-alive
   * race explains them (see the module header), and end as errors otherwise.
   */
  private onClose(slot: Slot, socket: Socket, t: number): void {
    if (slot.socket !== socket) return;
    slot.socket = undefined;
    // An emulated link may still hold requests on their way out: they went nowhere.
    slot.link?.destroy();
    slot.link = undefined;
    const wasConnected = slot.connected;
    slot.connected = false;
    const pending = slot.inflight.splice(0);
    if (pending.length === 0) return;
    const parser = slot.parser;
    const lastError = slot.lastError;
    let ended = 0;
    let first = 0;
    const head = pending[0] as InFlightRequest;
    if (head.firstByteMs === head.firstByteMs) {
      // Part of the head's response arrived: it ends here, complete or not.
      const streamEnd = lastError === undefined ? parser.endOfStream() : "nothing";
      if (streamEnd === "complete") {
        slot.answered++;
        const status = parser.status;
        this.endRequest(slot.clientId, head, t, parser.bytes, status, statusErrorCode(status));
      } else {
        const kind: LoadErrorKind = lastError ?? (streamEnd === "short-body" ? "short-body" : "reset");
        this.endRequest(slot.clientId, head, t, parser.bytes, parser.status, errorKindCode(kind));
      }
      ended++;
      first = 1;
    }
    parser.reset();
    // The keep-alive race: the connection had answered before, and closed (or reset) without a byte for these.
    const raceClosed = slot.answered > 0 && (lastError === undefined || lastError === "reset");
    const failedKind = errorKindCode(lastError ?? (wasConnected ? "reset" : "connect"));
    let retried = 0;
    for (let i = first; i < pending.length; i++) {
      const request = pending[i] as InFlightRequest;
      if (raceClosed && request.retries === 0) {
        // Kept in order at the front of pending for the resend below.
        pending[first + retried++] = request;
      } else {
        this.endRequest(slot.clientId, request, t, 0, 0, failedKind);
        ended++;
      }
    }
    for (let i = first; i < first + retried; i++) this.retry(slot, pending[i] as InFlightRequest);
    for (let i = 0; i < ended; i++) this.requestFinished(slot, t);
    this.maybeFinish();
  }

  /** Sends `request` again on a fresh connection (the slot has none now), keeping its original times. */
  private retry(slot: Slot, request: InFlightRequest): void {
    request.retries = 1;
    request.connectMs = Number.NaN;
    (request.measured ? this.measured : this.warmup).retries++;
    this.outstanding--;
    this.send(slot, request);
  }

  /** Closes the slot's connection without letting its close event count anything. */
  private dropConnection(slot: Slot): void {
    const socket = slot.socket;
    const link = slot.link;
    slot.socket = undefined;
    slot.link = undefined;
    slot.connected = false;
    slot.parser.reset();
    if (link !== undefined) link.destroy();
    else socket?.destroy();
  }

  /** Requests pipelined behind a response that closed the connection go out again on a new one. */
  private resendInflight(slot: Slot): void {
    if (slot.inflight.length === 0) return;
    const again = slot.inflight.splice(0);
    this.outstanding -= again.length;
    for (const request of again) {
      request.connectMs = Number.NaN;
      this.send(slot, request);
    }
  }

  private sweepTimeouts(): void {
    const t = this.now();
    const limit = this.config.timeoutMs;
    const timeoutCode = errorKindCode("timeout");
    for (const slot of this.slots) {
      const head = slot.inflight[0];
      if (head === undefined || t - head.startMs < limit) continue;
      const pending = slot.inflight.splice(0);
      this.dropConnection(slot);
      for (const request of pending) this.endRequest(slot.clientId, request, t, 0, 0, timeoutCode);
      for (let i = 0; i < pending.length; i++) this.requestFinished(slot, t);
    }
    this.maybeFinish();
  }

  /** At the drain deadline, whatever has not ended is a timeout. */
  private forceFinish(): void {
    if (this.finished) return;
    const t = this.now();
    const timeoutCode = errorKindCode("timeout");
    this.expireQueued(t);
    for (const slot of this.slots) {
      const pending = slot.inflight.splice(0);
      this.dropConnection(slot);
      for (const request of pending) this.endRequest(slot.clientId, request, t, 0, 0, timeoutCode);
    }
    this.finish();
  }

  private reportProgress(): void {
    this.writer.flushNow();
    const errors = this.measured.errors;
    let failed = 0;
    for (const kind of loadErrorKinds) failed += errors[kind];
    this.sinks.onProgress?.({ completed: this.measured.completed, failed });
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    for (const slot of this.slots) this.dropConnection(slot);
    this.reportProgress();
    this.resolveRun?.({
      threadIndex: this.config.threadIndex,
      measured: this.measured,
      warmup: this.warmup,
    });
  }
}
