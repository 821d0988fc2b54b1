/**
 * One client connection running the pipeline: reads request heads from the socket, answers them in
 * order, and closes the connection when HTTP says so, when the client misbehaves, or on a timeout.
 *
 * Requests are served one at a time per connection. A response body is streamed one chunk
 * (`fileChunkBytes`, 256 KB) at a time: the next chunk is read only once the socket has taken the last
 * one (backpressure), so a connection holds at most about two chunks of memory whatever the file's size.
 * When the file source answers with a Promise (a helper reads the chunk), when the socket's send buffer
 * is full, or when a long response lets other connections have a turn, the connection stops reading and
 * processing until that is over, so pipelined responses keep their order and a client that does not
 * read cannot make the server buffer without bound. Other connections carry on meanwhile.
 *
 * Waiting for the client to read is timed by progress, not by duration: the send timeout is Node's
 * socket timeout, which every byte the kernel takes from us (a partial write included) restarts, so a
 * response finishes as long as the client keeps reading. Closing is graceful: our FIN goes out after
 * the last byte, and only once everything is flushed do we linger, reading and discarding what the
 * client still sends, before the socket is destroyed, so that a closing socket never answers with RST.
 * The one exception is nginx's: right after a small last response, when the client had sent nothing
 * more, there is nothing to read and discard, and the socket closes at once.
 */
import type { Socket } from "node:net";
import { fileChunkBytes } from "../storage/index.js";
import { dataCacheKey } from "./cache-types.js";
import type { PipelineCaches } from "./cache-types.js";
import type { FileSource } from "./file-source.js";
import { InputBuffer } from "./input-buffer.js";
import type { PathTranslator } from "./path-translation.js";
import { RequestHeadScan, scanRequestHead, type RequestLimits } from "./request-framing.js";
import { parseRequestHead, RequestHead } from "./request-parser.js";
import type { ResolvedFile } from "./resolved-file.js";
import { connectionTail, errorResponse, fileHeaderFields, notModifiedHead, notModifiedSince, OkHead } from "./response-header.js";
import { RequestRejection, statusClosesConnection } from "./status.js";
import { StepIndex, type StepTimer } from "./steps.js";

/** What a connection's sweeper deadline is for, and so which timeout applies. */
export const Deadline = { none: 0, header: 1, idle: 2, closing: 3, read: 4 } as const;
type DeadlineKind = (typeof Deadline)[keyof typeof Deadline];

/** What a busy connection waits for before it goes on. */
const Wait = { none: 0, read: 1, drain: 2, turn: 3 } as const;
type WaitKind = (typeof Wait)[keyof typeof Wait];

/** Mutable counters a connection updates (the pipeline turns them into `PipelineStats`). */
export interface ConnectionCounters {
  requests: number;
  bytesSent: number;
  responsesByStatus: Record<string, number>;
  errors: number;
  timedOut: number;
  idleClosed: number;
  yielded: number;
  inlineReads: number;
  deferredReads: number;
}

/** What a connection needs from the pipeline that owns it. */
export interface ConnectionHost {
  readonly limits: RequestLimits;
  readonly translator: PathTranslator;
  readonly caches: PipelineCaches;
  readonly source: FileSource;
  readonly gatherWrites: boolean;
  readonly timing: boolean;
  readonly timer: StepTimer;
  readonly counters: ConnectionCounters;
  /** A response that makes no progress for this long closes the connection. */
  readonly sendTimeoutMs: number;
  /** A cached translation older than this is looked up again. */
  readonly pathCacheValidMs: number;
  /**
   * May this connection stay open after a response, having served `requestsServed` requests? False
   * while the pipeline drains or closes, after `maxRequestsPerConnection`, or when others wait.
   */
  keepAliveAllowed(requestsServed: number): boolean;
  /** True while connections wait for a slot (here or elsewhere) and keep-alive connections yield. */
  othersWaiting(): boolean;
  /** True once the pipeline drains (or closes): no more keep-alive. */
  readonly draining: boolean;
  /** The sweeper's clock, in ticks. */
  readonly tick: number;
  /** Ticks until each kind of deadline expires (indexed by `Deadline`). */
  readonly deadlineTicks: readonly number[];
  connectionClosed(connection: Connection): void;
}

/** With gather writes, bodies up to this size are copied behind the head; larger ones go out by writev. */
const gatherCopyLimit = 16 * 1024;

/** Above this many bytes waiting in the socket after a response, stop serving the connection until it drains. */
const sendBufferLimit = 256 * 1024;

/** Chunks one connection sends in one turn of the event loop when the socket takes them all at once. */
const chunksPerTurn = 4;

/** Connections that wrote at most this much may close at once after their last response (see `end`). */
const fastCloseMaxBytes = 64 * 1024;

/** A socket being served by the pipeline. */
export class Connection {
  /** Unconsumed request bytes (a view into `input`), or null when there are none. */
  private buffered: Buffer | null = null;
  private readonly input = new InputBuffer();
  private readonly scan = new RequestHeadScan();
  private readonly head = new RequestHead();
  private readonly okHead = new OkHead();
  private waiting: WaitKind = Wait.none;
  /** No more requests will be served; the socket is ending. */
  private ending = false;
  /** Everything we wrote, our FIN included, has been flushed to the kernel. */
  private flushed = false;
  /** When the connection ended, the client had sent nothing beyond what was served: no need to linger. */
  private nothingUnread = false;
  private readEnded = false;
  /** Requests whose head was complete on this connection (the one being served included). */
  private requestsServed = 0;
  private requestStart = 0;
  /** `requestsServed` when the pipeline last saw this connection idle while others waited (-1: not seen). */
  private yieldMark = -1;

  // The response body being streamed, if any.
  private bodyFile: ResolvedFile | null = null;
  private bodyOffset = 0;
  private bodyKeepAlive = false;
  /** The head still has to go out, in front of the first chunk (gather writes). */
  private bodyHeadPending = false;
  /** The file was translated again once already for this request (it changed while being served). */
  private bodyRetried = false;
  /** The path key of the request being served (for forgetting a stale translation). */
  private pathKey = "";
  /** Step timing of the body: when the current part began (0 = timing off), and the totals so far. */
  private bodyLap = 0;
  private readFileMs = 0;
  private sendDataMs = 0;

  closed = false;
  deadlineKind: DeadlineKind = Deadline.none;
  deadlineTick = 0;

  constructor(
    private readonly host: ConnectionHost,
    readonly socket: Socket,
    private readonly onClosed: (() => void) | undefined,
    acceptedAt: number | undefined,
  ) {
    socket.setNoDelay(true);
    // The pipeline decides when to end its side: a client that half-closes after sending its requests
    // still gets every response, even one that waits for a deferred read (sockets from a server or an
    // IPC handle without allowHalfOpen would otherwise refuse writes after the client's FIN).
    socket.allowHalfOpen = true;
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("end", () => this.onEnd());
    socket.on("error", (error: NodeJS.ErrnoException) => this.onError(error));
    socket.on("close", () => this.onClose());
    socket.on("drain", () => this.onDrain());
    socket.on("timeout", () => this.onSendTimeout());
    socket.on("finish", () => this.onFlushed());
    this.setDeadline(Deadline.header);
    if (host.timing && acceptedAt !== undefined) host.timer.record(StepIndex.accept, Math.max(0, performance.now() - acceptedAt));
    socket.resume();
    // The client may have closed before the pipeline took the socket (with nothing left to read).
    if (socket.readableEnded) this.onEnd();
  }

  /** True while a request is in progress (waiting for a read, for the client, or for a turn). */
  get busy(): boolean {
    return this.waiting !== Wait.none;
  }

  /** True while a response waits for the client to read it (send buffer full, or our close not yet flushed). */
  get waitingForClient(): boolean {
    return this.waiting === Wait.drain || (this.ending && !this.flushed && !this.closed);
  }

  /** Called by the pipeline's sweeper when `deadlineTick` has passed. */
  expire(): void {
    const kind = this.deadlineKind;
    this.deadlineKind = Deadline.none;
    if (this.closed) return;
    if (kind === Deadline.header) {
      this.host.counters.timedOut++;
      if (this.buffered !== null) {
        this.reject(new RequestRejection(408, `the request head did not arrive within the header timeout.`), false, 1, false);
      } else {
        this.end();
      }
    } else if (kind === Deadline.idle) {
      this.host.counters.idleClosed++;
      this.end();
    } else if (kind === Deadline.closing) {
      this.socket.destroy();
    } else if (kind === Deadline.read) {
      // The file source never answered (a helper hung or died without saying so): give up on this client.
      this.host.counters.errors++;
      this.socket.destroy();
    }
  }

  /**
   * Ends the connection (gracefully) if it is a keep-alive connection idle between requests: it has
   * answered at least one request, holds no byte of the next one, and nothing is in progress. A fresh
   * connection that has not sent its first request yet is left to send it. Returns whether it ended.
   */
  endIfIdleBetweenRequests(): boolean {
    if (!this.idleBetweenRequests()) return false;
    this.end();
    return true;
  }

  /**
   * For the pipeline's yield check, run every `idleYieldMs` while others wait: ends the connection when it
   * was idle between requests at the previous check and still is, with no request served in between (so
   * it has been idle at least that long), and counts it as yielded.
   */
  yieldIfStillIdle(): void {
    if (!this.idleBetweenRequests()) {
      this.yieldMark = -1;
      return;
    }
    if (this.yieldMark !== this.requestsServed) {
      this.yieldMark = this.requestsServed;
      return;
    }
    this.host.counters.yielded++;
    this.end();
  }

  private idleBetweenRequests(): boolean {
    return this.requestsServed > 0 && this.buffered === null && this.waiting === Wait.none && !this.ending && !this.closed && this.bodyFile === null;
  }

  private setDeadline(kind: DeadlineKind): void {
    this.deadlineKind = kind;
    this.deadlineTick = this.host.tick + this.host.deadlineTicks[kind]!;
  }

  private onData(chunk: Buffer): void {
    if (this.ending) return; // discard what arrives after we decided to close
    if (this.buffered === null) {
      this.requestStart = this.host.timing ? performance.now() : 0;
      // The header timeout runs from the first byte of a request and is not reset by later bytes.
      if (!this.busy && this.deadlineKind !== Deadline.header) this.setDeadline(Deadline.header);
    }
    this.buffered = this.input.append(chunk);
    if (!this.busy) this.processBuffered();
  }

  private onEnd(): void {
    if (this.readEnded) return;
    this.readEnded = true;
    if (!this.busy && !this.ending) this.processBuffered();
  }

  private onError(error: NodeJS.ErrnoException): void {
    // A client resetting or vanishing is routine under load; anything else is a failure worth counting.
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") this.host.counters.errors++;
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = null;
    this.bodyFile = null;
    this.input.clear();
    this.host.connectionClosed(this);
    this.onClosed?.();
  }

  private onDrain(): void {
    if (this.waiting !== Wait.drain) return;
    this.waiting = Wait.none;
    this.socket.setTimeout(0);
    this.continueAfterWait();
  }

  /** No byte flushed for `sendTimeoutMs` while we waited for the client to read. */
  private onSendTimeout(): void {
    if (this.closed) return;
    this.host.counters.timedOut++;
    this.socket.destroy();
  }

  /** Our FIN and everything before it have left: linger, reading and discarding, until the client closes. */
  private onFlushed(): void {
    this.flushed = true;
    if (this.closed) return;
    if (this.nothingUnread) {
      // The client had sent nothing beyond the request just answered (a GET or HEAD has no body): there
      // is nothing to read and discard, so close now, as nginx does, instead of lingering. The kernel
      // still delivers what is queued, then our FIN. Saves a read, a wake-up and a shutdown's wait.
      this.socket.destroy();
      return;
    }
    this.socket.setTimeout(0);
    this.socket.resume();
    this.setDeadline(Deadline.closing);
  }

  /** After a deferred read, a drain or a turn: finish the body in progress, then serve what is buffered. */
  private continueAfterWait(): void {
    if (this.busy || this.closed || this.ending) return;
    if (this.bodyFile !== null) {
      this.streamBody();
      if (this.busy || this.bodyFile !== null || this.ending) return;
    }
    this.socket.resume();
    this.processBuffered();
  }

  /** Stops reading and processing until `kind` is over. */
  private wait(kind: WaitKind): void {
    this.waiting = kind;
    this.socket.pause();
  }

  /** Waits for the send buffer to drain; the send timeout (Node's socket timeout) runs from the last byte flushed. */
  private waitForClient(): void {
    this.wait(Wait.drain);
    this.socket.setTimeout(this.host.sendTimeoutMs);
  }

  /** Serves every complete request in the buffer, in order, until one has to wait. */
  private processBuffered(): void {
    try {
      while (!this.busy && !this.ending) {
        const buffer = this.buffered;
        if (buffer === null) {
          const served = this.requestsServed > 0;
          // Between requests while the pipeline drains or closes: nothing more to serve here. (While others
          // merely wait for a slot, the pipeline's yield check closes the connection once it is really idle.)
          if (this.readEnded || (served && this.host.draining)) this.end();
          else this.setDeadline(served ? Deadline.idle : Deadline.header);
          return;
        }
        const end = scanRequestHead(buffer, this.scan, this.host.limits);
        if (end === 0) {
          if (this.readEnded) this.end(); // the head can never complete
          else if (this.deadlineKind !== Deadline.header) this.setDeadline(Deadline.header);
          return;
        }
        if (end instanceof RequestRejection) {
          this.reject(end, false, 1, false);
          return;
        }
        if (this.host.timing) this.record(StepIndex.readRequest, this.requestStart);
        this.buffered = this.input.consume(end);
        this.deadlineKind = Deadline.none;
        this.requestsServed++;
        this.serve(buffer);
        this.scan.reset();
        if (this.buffered !== null) this.requestStart = this.host.timing ? performance.now() : 0;
      }
    } catch (error) {
      this.internalError(error);
    }
  }

  /** Runs parse → translate-path → compute-header → send-header → read-file → send-data for one request. */
  private serve(buffer: Buffer): void {
    const host = this.host;
    const head = this.head;
    let lap = host.timing ? performance.now() : 0;

    const rejection = parseRequestHead(buffer, this.scan, head);
    if (lap !== 0) lap = this.record(StepIndex.parse, lap);
    if (rejection !== undefined) {
      this.reject(rejection, head.isHead, head.minorVersion, false);
      return;
    }
    let keepAlive = head.keepAlive;
    if (keepAlive && !host.keepAliveAllowed(this.requestsServed)) {
      keepAlive = false;
      if (host.othersWaiting()) host.counters.yielded++; // this response gives the slot up to a waiting connection
    }

    const key = host.translator.normalize(head.path);
    const file = typeof key === "string" ? this.translate(key) : key;
    if (lap !== 0) lap = this.record(StepIndex.translatePath, lap);
    if (file instanceof RequestRejection) {
      this.reject(file, head.isHead, head.minorVersion, keepAlive);
      return;
    }
    this.bodyRetried = false;
    this.respondWithFile(file, keepAlive, lap);
  }

  /** The translate-path step for a normalized path: the path cache while it is valid, else the file system. */
  private translate(key: string): ResolvedFile | RequestRejection {
    this.pathKey = key;
    const cache = this.host.caches.path;
    const cached = cache?.get(key);
    const now = cache === undefined ? 0 : performance.now();
    if (cached !== undefined && now - cached.checkedAt < this.host.pathCacheValidMs) return cached.file;
    const translated = this.host.translator.translateNormalized(key);
    if (translated instanceof RequestRejection) cache?.delete(key);
    else cache?.set(key, { file: translated, checkedAt: now });
    return translated;
  }

  /** compute-header, then send-header and the body (or a 304, or a HEAD's head alone). */
  private respondWithFile(file: ResolvedFile, keepAlive: boolean, lap: number): void {
    const host = this.host;
    const head = this.head;
    const tail = connectionTail(keepAlive, head.minorVersion);
    if (head.ifModifiedSince !== undefined && notModifiedSince(file, head.ifModifiedSince)) {
      const notModified = notModifiedHead(file, tail);
      if (lap !== 0) lap = this.record(StepIndex.computeHeader, lap);
      this.write(notModified);
      if (lap !== 0) this.record(StepIndex.sendHeader, lap);
      this.responded(304, keepAlive);
      return;
    }

    let fields = host.caches.header?.get(file.path);
    if (fields === undefined || fields.mtimeMs !== file.mtimeMs || fields.size !== file.size) {
      fields = fileHeaderFields(file);
      host.caches.header?.set(file.path, fields, fields.bytes.length);
    }
    this.okHead.compose(fields, tail);
    if (lap !== 0) lap = this.record(StepIndex.computeHeader, lap);

    const gather = host.gatherWrites;
    if (head.isHead || !gather || file.size === 0) {
      this.write(this.okHead.bytes());
      if (lap !== 0) lap = this.record(StepIndex.sendHeader, lap);
      if (head.isHead) {
        this.responded(200, keepAlive);
        return;
      }
    }
    this.bodyFile = file;
    this.bodyOffset = 0;
    this.bodyKeepAlive = keepAlive;
    this.bodyHeadPending = gather && file.size > 0;
    this.bodyLap = lap;
    this.readFileMs = 0;
    this.sendDataMs = 0;
    this.streamBody();
  }

  /**
   * The read-file and send-data steps, chunk after chunk: the data cache first, then the file source
   * (inline or deferred). Returns when the body is done or when the connection has to wait.
   */
  private streamBody(): void {
    const host = this.host;
    for (let sent = 0; ; sent++) {
      const file = this.bodyFile!;
      if (this.bodyOffset >= file.size) {
        this.finishBody();
        return;
      }
      if (sent === chunksPerTurn) {
        // The socket took every chunk at once: let other connections have a turn before the next.
        this.wait(Wait.turn);
        setImmediate(() => this.endTurn());
        return;
      }
      if (this.bodyLap !== 0) this.bodyLap = performance.now();
      const length = Math.min(fileChunkBytes, file.size - this.bodyOffset);
      const index = this.bodyOffset / fileChunkBytes;
      let data = this.cachedChunk(file, index);
      if (data === undefined) {
        let result: Buffer | Promise<Buffer>;
        try {
          result = host.source.read(file, this.bodyOffset, length);
        } catch (error) {
          this.chunkFailed(error);
          return;
        }
        if (!Buffer.isBuffer(result)) {
          host.counters.deferredReads++;
          this.awaitChunk(result, file, index, length);
          return;
        }
        host.counters.inlineReads++;
        if (!this.chunkRead(file, index, length, result)) return;
        data = result;
      }
      this.sendChunk(data);
      if (this.socket.writableNeedDrain) {
        if (this.bodyOffset >= file.size) this.finishBody(); // the last chunk: wait at the response boundary instead
        else this.waitForClient();
        return;
      }
    }
  }

  private endTurn(): void {
    if (this.waiting !== Wait.turn) return;
    this.waiting = Wait.none;
    this.continueAfterWait();
  }

  /** A chunk from the data cache, when it holds this version of the file's chunk. */
  private cachedChunk(file: ResolvedFile, index: number): Buffer | undefined {
    const cache = this.host.caches.data;
    if (cache === undefined) return undefined;
    const cached = cache.get(dataCacheKey(file.path, index));
    if (cached === undefined) return undefined;
    const version = cached.version;
    if (version === file || (version.ino === file.ino && version.dev === file.dev && version.size === file.size && version.mtimeMs === file.mtimeMs)) {
      return cached.data;
    }
    return undefined;
  }

  /** Waits for a deferred chunk, then sends it and goes on. */
  private awaitChunk(pending: Promise<Buffer>, file: ResolvedFile, index: number, length: number): void {
    this.wait(Wait.read);
    this.setDeadline(Deadline.read);
    pending.then(
      (data) => {
        if (this.waiting !== Wait.read || this.closed || this.bodyFile !== file) return;
        this.waiting = Wait.none;
        this.deadlineKind = Deadline.none;
        try {
          if (!this.chunkRead(file, index, length, data)) return;
          this.sendChunk(data);
          if (this.socket.writableNeedDrain && this.bodyOffset < file.size) this.waitForClient();
          else this.continueAfterWait();
        } catch (error) {
          this.internalError(error);
        }
      },
      (error: unknown) => {
        if (this.waiting !== Wait.read || this.closed || this.bodyFile !== file) return;
        this.waiting = Wait.none;
        this.deadlineKind = Deadline.none;
        this.chunkFailed(error);
        this.continueAfterWait();
      },
    );
  }

  /** Checks a chunk the source returned and keeps it in the data cache; false when the file changed under us. */
  private chunkRead(file: ResolvedFile, index: number, length: number, data: Buffer): boolean {
    if (this.bodyLap !== 0) {
      const now = performance.now();
      this.readFileMs += now - this.bodyLap;
      this.bodyLap = now;
    }
    if (data.length !== length) {
      // A source that does not check versions read a file that shrank or grew since its translation.
      this.chunkFailed(Object.assign(new Error("the file changed while it was being served"), { code: "ESTALE" }));
      return false;
    }
    this.host.caches.data?.set(dataCacheKey(file.path, index), { version: file, data }, length);
    return true;
  }

  /** The send-data step for one chunk (with gather writes, the head goes out with the first). */
  private sendChunk(data: Buffer): void {
    const socket = this.socket;
    if (!this.bodyHeadPending) {
      this.write(data);
    } else if (data.length <= gatherCopyLimit) {
      // One write of one buffer: copying a small body is cheaper than the writev machinery.
      this.write(this.okHead.bytes(data));
    } else {
      socket.cork(); // head and body leave in one writev, without copying the body
      this.write(this.okHead.bytes());
      this.write(data);
      socket.uncork();
    }
    this.bodyHeadPending = false;
    this.bodyOffset += data.length;
    if (this.bodyLap !== 0) {
      const now = performance.now();
      this.sendDataMs += now - this.bodyLap;
      this.bodyLap = now;
    }
  }

  private finishBody(): void {
    if (this.bodyLap !== 0) {
      this.host.timer.record(StepIndex.readFile, this.readFileMs);
      this.host.timer.record(StepIndex.sendData, this.sendDataMs);
    }
    this.bodyFile = null;
    this.responded(200, this.bodyKeepAlive);
  }

  /**
   * A chunk could not be read. Before any byte of the response went out, a changed file is translated
   * again (once) and answered afresh, a vanished one gets 404, an unreadable one 403, anything else 500;
   * after, the only honest answer left is to cut the connection.
   */
  private chunkFailed(error: unknown): void {
    const file = this.bodyFile!;
    this.bodyFile = null;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const vanished = code === "ENOENT" || code === "ENOTDIR";
    this.forgetFile(file);
    const headSent = !this.bodyHeadPending || this.bodyOffset > 0;
    if (headSent) {
      if (!vanished) this.host.counters.errors++;
      this.socket.destroy();
      return;
    }
    const head = this.head;
    if (code === "ESTALE" && !this.bodyRetried) {
      this.bodyRetried = true;
      const fresh = this.translate(this.pathKey);
      if (fresh instanceof RequestRejection) this.reject(fresh, false, head.minorVersion, this.bodyKeepAlive);
      else this.respondWithFile(fresh, this.bodyKeepAlive, this.bodyLap);
    } else if (vanished) {
      this.reject(new RequestRejection(404, "no such file under the docroot."), false, head.minorVersion, this.bodyKeepAlive);
    } else if (code === "EACCES" || code === "EPERM") {
      this.reject(new RequestRejection(403, "the file cannot be opened."), false, head.minorVersion, this.bodyKeepAlive);
    } else {
      this.host.counters.errors++;
      const why = code === "ESTALE" ? "the file kept changing while it was being served; retry." : `the file could not be read (${code ?? String(error)}).`;
      this.reject(new RequestRejection(500, why), false, 1, false);
    }
  }

  /** Forgets what the caches hold about a file that changed or vanished, so the next request looks again. */
  private forgetFile(file: ResolvedFile): void {
    const caches = this.host.caches;
    caches.path?.delete(this.pathKey);
    caches.header?.delete(file.path);
    if (caches.data !== undefined) {
      for (let index = 0; index * fileChunkBytes < file.size; index++) caches.data.delete(dataCacheKey(file.path, index));
    }
  }

  private internalError(error: unknown): void {
    this.host.counters.errors++;
    if (this.closed) return;
    if (this.ending || this.bodyFile !== null) {
      this.bodyFile = null;
      this.socket.destroy();
      return;
    }
    try {
      this.reject(new RequestRejection(500, `internal error: ${(error as Error | undefined)?.message ?? String(error)}`), false, 1, false);
    } catch {
      this.socket.destroy();
    }
  }

  /** Sends an error response; closes unless the status allows keep-alive and the client asked for it. */
  private reject(rejection: RequestRejection, isHead: boolean, minorVersion: number, keepAlive: boolean): void {
    const keep = keepAlive && !statusClosesConnection(rejection.status);
    this.write(errorResponse(rejection.status, rejection.detail, rejection.extraHeaders, connectionTail(keep, minorVersion), isHead));
    this.responded(rejection.status, keep);
  }

  /** Hands bytes to the socket and counts them. */
  private write(bytes: Buffer): void {
    this.host.counters.bytesSent += bytes.length;
    this.socket.write(bytes);
  }

  /** Accounts for a response and decides what happens to the connection next. */
  private responded(status: number, keepAlive: boolean): void {
    const counters = this.host.counters;
    counters.requests++;
    counters.responsesByStatus[status] = (counters.responsesByStatus[status] ?? 0) + 1;
    if (!keepAlive) {
      this.end(true);
    } else if (this.socket.writableLength > sendBufferLimit) {
      this.waitForClient();
    }
  }

  /**
   * Stops serving: our FIN follows what was written. Until all of it has been flushed the send timeout
   * (progress-based) applies and nothing is read; then the socket lingers, reading and discarding, until
   * the client closes or the closing deadline destroys it.
   */
  private end(afterResponse = false): void {
    if (this.ending) return;
    this.ending = true;
    // Only right after a response: closing an idle keep-alive connection must linger, since the client
    // may be sending its next request just now (reading and discarding it keeps it from a reset).
    // And only for small responses, which the kernel's send buffer takes whole: a large one to a slow
    // client keeps its socket (not an orphan the kernel may reset under memory pressure) until it is read.
    this.nothingUnread = afterResponse && this.buffered === null && !this.readEnded && this.socket.bytesWritten <= fastCloseMaxBytes;
    this.waiting = Wait.none;
    this.bodyFile = null;
    this.buffered = null;
    this.input.clear();
    this.deadlineKind = Deadline.none;
    this.socket.pause();
    // Bytes still waiting for the client: the send timeout applies until they are gone.
    if (this.socket.writableLength > 0) this.socket.setTimeout(this.host.sendTimeoutMs);
    this.socket.end(); // "finish" (onFlushed) follows once everything, our FIN included, is flushed
  }

  /** Records the time since `since` for `step` and returns now (0 = timing was off when the step began). */
  private record(step: number, since: number): number {
    const now = performance.now();
    if (since !== 0) this.host.timer.record(step, now - since);
    return now;
  }
}
