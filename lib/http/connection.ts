/**
 * One client connection running the pipeline: reads request heads from the socket, answers them in
 * order, and closes the connection when HTTP says so, when the client misbehaves, or on a timeout.
 *
 * Requests are served one at a time per connection. When the file source answers with a Promise (a
 * helper reads the file), or when the socket's send buffer is full, the connection stops reading and
 * processing until that is over, so pipelined responses keep their order and a client that does not
 * read cannot make the server buffer without bound. Other connections carry on meanwhile.
 */
import type { Socket } from "node:net";
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

/** What a connection is waiting for, and so which timeout applies. */
export const Deadline = { none: 0, header: 1, idle: 2, send: 3, closing: 4, read: 5 } as const;
type DeadlineKind = (typeof Deadline)[keyof typeof Deadline];

/** Mutable counters a connection updates (the pipeline turns them into `PipelineStats`). */
export interface ConnectionCounters {
  requests: number;
  bytesSent: number;
  responsesByStatus: Record<string, number>;
  errors: number;
  timedOut: number;
  idleClosed: number;
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
  /**
   * May this connection stay open after a response, having served `requestsServed` requests? False
   * while the pipeline shuts down, after `maxRequestsPerConnection`, or when other connections wait.
   */
  keepAliveAllowed(requestsServed: number): boolean;
  /** The sweeper's clock, in ticks. */
  readonly tick: number;
  /** Ticks until each kind of deadline expires (indexed by `Deadline`). */
  readonly deadlineTicks: readonly number[];
  connectionClosed(connection: Connection): void;
}

/** With gather writes, bodies up to this size are copied behind the head; larger ones go out by writev. */
const gatherCopyLimit = 16 * 1024;

/** Above this many bytes waiting in the socket, stop serving the connection until it drains. */
const sendBufferLimit = 256 * 1024;

/** A socket being served by the pipeline. */
export class Connection {
  /** Unconsumed request bytes (a view into `input`), or null when there are none. */
  private buffered: Buffer | null = null;
  private readonly input = new InputBuffer();
  private readonly scan = new RequestHeadScan();
  private readonly head = new RequestHead();
  private readonly okHead = new OkHead();
  private awaitingRead = false;
  private awaitingDrain = false;
  /** No more requests will be served; the socket is ending. */
  private ending = false;
  private readEnded = false;
  /** Requests whose head was complete on this connection (the one being served included). */
  private requestsServed = 0;
  private requestStart = 0;
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
    this.setDeadline(Deadline.header);
    if (host.timing && acceptedAt !== undefined) host.timer.record(StepIndex.accept, Math.max(0, performance.now() - acceptedAt));
    socket.resume();
  }

  /** True while a request is in progress (waiting for a read or for the socket to drain). */
  get busy(): boolean {
    return this.awaitingRead || this.awaitingDrain;
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
    } else if (kind === Deadline.send) {
      this.host.counters.timedOut++;
      this.socket.destroy();
    } else if (kind === Deadline.closing) {
      this.socket.destroy();
    } else if (kind === Deadline.read) {
      // The file source never answered (a helper hung or died without saying so): give up on this client.
      this.host.counters.errors++;
      this.socket.destroy();
    }
  }

  /** Ends the connection as soon as it is idle (graceful shutdown): now if nothing is in progress. */
  endWhenIdle(): void {
    if (!this.busy && !this.ending && !this.closed) this.end();
  }

  /** Ends the connection now if it is an idle keep-alive connection (between requests, nothing buffered). */
  endIfIdleKeepAlive(): void {
    if (this.deadlineKind === Deadline.idle && !this.busy && !this.ending && !this.closed) this.end();
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
    this.input.clear();
    this.host.connectionClosed(this);
    this.onClosed?.();
  }

  private onDrain(): void {
    if (!this.awaitingDrain) return;
    this.awaitingDrain = false;
    this.continueAfterWait();
  }

  /** After a deferred read or a drain: read again and serve what is buffered. */
  private continueAfterWait(): void {
    if (this.busy || this.closed) return;
    if (!this.ending) this.socket.resume();
    this.processBuffered();
  }

  /** Serves every complete request in the buffer, in order, until one has to wait. */
  private processBuffered(): void {
    try {
      while (!this.busy && !this.ending) {
        const buffer = this.buffered;
        if (buffer === null) {
          const served = this.requestsServed > 0;
          // An idle keep-alive connection gives up its slot when others wait (or the pipeline closes).
          if (this.readEnded || (served && !this.host.keepAliveAllowed(this.requestsServed - 1))) this.end();
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
    const timing = host.timing;
    let lap = timing ? performance.now() : 0;

    const rejection = parseRequestHead(buffer, this.scan, head);
    if (timing) lap = this.record(StepIndex.parse, lap);
    if (rejection !== undefined) {
      this.reject(rejection, head.isHead, head.minorVersion, false);
      return;
    }
    const keepAlive = head.keepAlive && host.keepAliveAllowed(this.requestsServed);

    let file = host.caches.path?.get(head.path);
    if (file === undefined) {
      const translated = host.translator.translate(head.path);
      if (timing) lap = this.record(StepIndex.translatePath, lap);
      if (translated instanceof RequestRejection) {
        this.reject(translated, head.isHead, head.minorVersion, keepAlive);
        return;
      }
      file = translated;
      host.caches.path?.set(head.path, file);
    } else if (timing) {
      lap = this.record(StepIndex.translatePath, lap);
    }

    const tail = connectionTail(keepAlive, head.minorVersion);
    if (head.ifModifiedSince !== undefined && notModifiedSince(file, head.ifModifiedSince)) {
      const notModified = notModifiedHead(file, tail);
      if (timing) lap = this.record(StepIndex.computeHeader, lap);
      this.socket.write(notModified);
      if (timing) this.record(StepIndex.sendHeader, lap);
      this.responded(304, notModified.length, keepAlive);
      return;
    }

    let fields = host.caches.header?.get(file.path);
    if (fields === undefined || fields.mtimeMs !== file.mtimeMs || fields.size !== file.size) {
      fields = fileHeaderFields(file);
      host.caches.header?.set(file.path, fields, fields.bytes.length);
    }
    this.okHead.compose(fields, tail);
    if (timing) lap = this.record(StepIndex.computeHeader, lap);

    if (head.isHead) {
      const headBytes = this.okHead.bytes();
      this.socket.write(headBytes);
      if (timing) this.record(StepIndex.sendHeader, lap);
      this.responded(200, headBytes.length, keepAlive);
      return;
    }
    const gather = host.gatherWrites;
    if (!gather) {
      this.socket.write(this.okHead.bytes());
      if (timing) lap = this.record(StepIndex.sendHeader, lap);
    }
    this.readFile(file, gather, keepAlive, lap);
  }

  /** The read-file step: the data cache first, then the file source (inline or deferred). */
  private readFile(file: ResolvedFile, gather: boolean, keepAlive: boolean, lap: number): void {
    const host = this.host;
    const cached = host.caches.data?.get(file.path);
    if (cached !== undefined && cached.mtimeMs === file.mtimeMs && cached.size === file.size) {
      if (host.timing) lap = this.record(StepIndex.readFile, lap);
      this.sendBody(file, gather, cached.data, keepAlive, lap);
      return;
    }
    let result: Buffer | Promise<Buffer>;
    try {
      result = host.source.read(file);
    } catch (error) {
      this.readFailed(file, error, !gather, keepAlive);
      return;
    }
    if (Buffer.isBuffer(result)) {
      host.counters.inlineReads++;
      this.fileRead(file, result);
      if (host.timing) lap = this.record(StepIndex.readFile, lap);
      this.sendBody(file, gather, result, keepAlive, lap);
      return;
    }
    host.counters.deferredReads++;
    this.awaitingRead = true;
    this.socket.pause();
    this.setDeadline(Deadline.read);
    result.then(
      (data) => {
        this.awaitingRead = false;
        if (this.closed) return;
        try {
          this.fileRead(file, data);
          const now = this.host.timing ? this.record(StepIndex.readFile, lap) : 0;
          this.sendBody(file, gather, data, keepAlive, now);
        } catch (error) {
          this.internalError(error);
          return;
        }
        this.continueAfterWait();
      },
      (error: unknown) => {
        this.awaitingRead = false;
        if (this.closed) return;
        this.readFailed(file, error, !gather, keepAlive);
        this.continueAfterWait();
      },
    );
  }

  /** Keeps what was read in the data cache (when on). */
  private fileRead(file: ResolvedFile, data: Buffer): void {
    if (data.length === file.size) this.host.caches.data?.set(file.path, { size: file.size, mtimeMs: file.mtimeMs, data }, data.length);
  }

  /** The send-data step (with gather writes, the head goes out in the same write). */
  private sendBody(file: ResolvedFile, gather: boolean, data: Buffer, keepAlive: boolean, lap: number): void {
    if (data.length !== file.size) {
      // The file changed since it was translated: the announced Content-Length cannot be honoured.
      this.forgetFile(file);
      this.host.counters.errors++;
      if (gather) {
        this.reject(new RequestRejection(500, "the file changed while it was being served; retry."), false, 1, false);
      } else {
        this.socket.destroy();
      }
      return;
    }
    const socket = this.socket;
    if (!gather) {
      socket.write(data);
    } else if (data.length <= gatherCopyLimit) {
      // One write of one buffer: copying a small body is cheaper than the writev machinery.
      socket.write(this.okHead.bytes(data));
    } else {
      socket.cork(); // head and body leave in one writev, without copying the body
      socket.write(this.okHead.bytes());
      socket.write(data);
      socket.uncork();
    }
    if (this.host.timing) this.record(StepIndex.sendData, lap);
    this.responded(200, this.okHead.length + data.length, keepAlive);
  }

  private forgetFile(file: ResolvedFile): void {
    const caches = this.host.caches;
    caches.path?.delete(this.head.path);
    caches.header?.delete(file.path);
    caches.data?.delete(file.path);
  }

  private readFailed(file: ResolvedFile, error: unknown, headSent: boolean, keepAlive: boolean): void {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const vanished = code === "ENOENT" || code === "ENOTDIR";
    this.forgetFile(file);
    if (!vanished) this.host.counters.errors++;
    if (headSent) {
      this.socket.destroy(); // the head went out already: the only honest answer left is to cut the response
      return;
    }
    if (vanished) {
      this.reject(new RequestRejection(404, "no such file under the docroot."), false, this.head.minorVersion, keepAlive);
    } else if (code === "EACCES" || code === "EPERM") {
      this.reject(new RequestRejection(403, "the file cannot be opened."), false, this.head.minorVersion, keepAlive);
    } else {
      this.reject(new RequestRejection(500, `the file could not be read (${code ?? String(error)}).`), false, 1, false);
    }
  }

  private internalError(error: unknown): void {
    this.host.counters.errors++;
    if (this.closed) return;
    if (this.ending) {
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
    const response = errorResponse(rejection.status, rejection.detail, rejection.extraHeaders, connectionTail(keep, minorVersion), isHead);
    this.socket.write(response);
    this.responded(rejection.status, response.length, keep);
  }

  /** Accounts for a response and decides what happens to the connection next. */
  private responded(status: number, bytes: number, keepAlive: boolean): void {
    const counters = this.host.counters;
    counters.requests++;
    counters.bytesSent += bytes;
    counters.responsesByStatus[status] = (counters.responsesByStatus[status] ?? 0) + 1;
    if (!keepAlive) {
      this.end();
    } else if (this.socket.writableLength > sendBufferLimit) {
      this.awaitingDrain = true;
      this.socket.pause();
      this.setDeadline(Deadline.send);
    }
  }

  /** Stops serving: flushes what was written, sends FIN, and destroys the socket if it lingers. */
  private end(): void {
    if (this.ending) return;
    this.ending = true;
    this.buffered = null;
    this.input.clear();
    this.socket.resume(); // keep draining the client's bytes so that our FIN is not turned into a RST
    this.socket.end();
    this.setDeadline(Deadline.closing);
  }

  /** Records the time since `since` for `step` and returns now (0 = timing was off when the step began). */
  private record(step: number, since: number): number {
    const now = performance.now();
    if (since !== 0) this.host.timer.record(step, now - since);
    return now;
  }
}
