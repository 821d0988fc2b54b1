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
 * Clock: times are ms since the run's start, from `performance.now()` shifted by the difference
 * between this thread's time origin and the main thread's start instant, so threads agree.
 */
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
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
}

/** One client (closed loop) or connection slot (open loop) and its connection. */
export class Slot {
  socket: Socket | undefined = undefined;
  connected = false;
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
  return { completed: 0, errors: emptyErrorCounts(), connections: 0 };
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
    if (request === undefined) return { intendedMs, startMs, connectMs: Number.NaN, firstByteMs: Number.NaN, pathIndex, measured, newConnection: 0 };
    request.intendedMs = intendedMs;
    request.startMs = startMs;
    request.connectMs = Number.NaN;
    request.firstByteMs = Number.NaN;
    request.pathIndex = pathIndex;
    request.measured = measured;
    request.newConnection = 0;
    return request;
  }

  /** Sends `request` on `slot`, opening a connection when the slot has none. */
  protected send(slot: Slot, request: InFlightRequest): void {
    slot.inflight.push(request);
    this.outstanding++;
    const socket = slot.socket;
    if (socket === undefined) this.open(slot, request);
    else if (slot.connected) socket.write(this.requestBytes[request.pathIndex] as Buffer);
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
      this.writer.append(request.intendedMs, request.startMs, request.connectMs, request.firstByteMs, endMs, bytes, status, errorCode, request.pathIndex, clientId, request.newConnection);
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
    slot.lastError = undefined;
    slot.parser.reset();
    // Reads land in one buffer shared by every socket of this thread (onread): each read is parsed
    // before the next one arrives and the parser copies what it keeps, so no per-read allocation is needed.
    const socket: Socket = connect({
      host: this.config.address,
      port: this.config.port,
      onread: { buffer: this.readBuffer, callback: (bytesRead: number, buffer: Uint8Array) => this.onData(slot, socket, buffer as Buffer, bytesRead) },
    });
    socket.setNoDelay(true);
    slot.socket = socket;
    socket.on("connect", () => {
      if (slot.socket !== socket) return;
      slot.connected = true;
      const t = this.now();
      if (slot.inflight.length > 1) socket.cork();
      for (const waiting of slot.inflight) {
        if (waiting.connectMs !== waiting.connectMs) waiting.connectMs = t;
        socket.write(this.requestBytes[waiting.pathIndex] as Buffer);
      }
      if (slot.inflight.length > 1) socket.uncork();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (slot.socket === socket) slot.lastError = classifySocketError(error, slot.connected);
    });
    socket.on("close", () => this.onClose(slot, socket));
  }

  /** Handles the bytes chunk[0, length) read from the slot's socket; one clock read serves them all. */
  private onData(slot: Slot, socket: Socket, chunk: Buffer, length: number): boolean {
    if (slot.socket !== socket) return true;
    const t = this.now();
    const parser = slot.parser;
    let offset = 0;
    let ended = 0;
    while (offset < length) {
      const request = slot.inflight[0];
      if (request === undefined) {
        // Bytes that no request asked for: the connection's framing is lost, so it is dropped.
        this.dropConnection(slot);
        break;
      }
      if (request.firstByteMs !== request.firstByteMs) request.firstByteMs = t;
      offset = parser.feed(chunk, offset, length);
      const state = parser.state;
      if (state === "complete") {
        removeOldest(slot.inflight);
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

  private onClose(slot: Slot, socket: Socket): void {
    if (slot.socket !== socket) return;
    slot.socket = undefined;
    const wasConnected = slot.connected;
    slot.connected = false;
    const pending = slot.inflight.splice(0);
    if (pending.length === 0) return;
    const t = this.now();
    const parser = slot.parser;
    const head = pending[0] as InFlightRequest;
    const streamEnd = slot.lastError === undefined ? parser.endOfStream() : "nothing";
    if (streamEnd === "complete") {
      const status = parser.status;
      this.endRequest(slot.clientId, head, t, parser.bytes, status, statusErrorCode(status));
    } else {
      const kind: LoadErrorKind = slot.lastError ?? (streamEnd === "short-body" ? "short-body" : wasConnected ? "reset" : "connect");
      this.endRequest(slot.clientId, head, t, parser.bytes, parser.status, errorKindCode(kind));
    }
    const restKind = errorKindCode(slot.lastError ?? (wasConnected ? "reset" : "connect"));
    for (let i = 1; i < pending.length; i++) this.endRequest(slot.clientId, pending[i] as InFlightRequest, t, 0, 0, restKind);
    parser.reset();
    for (let i = 0; i < pending.length; i++) this.requestFinished(slot, t);
    this.maybeFinish();
  }

  /** Closes the slot's connection without letting its close event count anything. */
  private dropConnection(slot: Slot): void {
    const socket = slot.socket;
    slot.socket = undefined;
    slot.connected = false;
    slot.parser.reset();
    socket?.destroy();
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
