/**
 * A tiny HTTP/1.x client for tests and notebooks: it writes raw bytes (so it can send anything,
 * malformed or pipelined) and collects the responses that come back, whole, with their headers.
 *
 * Framing is the load generator's: each response goes through `ResponseParser` (status line,
 * Content-Length, chunked, a body delimited by the close, no body for 304 and 204), so this client and
 * the load generator agree on where a response ends. What the parser leaves out, this adds: the head's
 * header fields as a record, the body's bytes, and the no-body rule for answers to HEAD (which only the
 * sender knows it asked). A chunked body is kept as it arrived, chunk framing included.
 */
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ResponseParser } from "./response-parser.js";

/** One parsed response. Header names are lower-case; repeated fields are joined with ", ". */
export interface RawHttpResponse {
  version: string;
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
}

const headTerminator = Buffer.from("\r\n\r\n", "latin1");
const emptyBody = Buffer.alloc(0);

/**
 * Reassembles responses from a byte stream, one after another. `isHeadAnswer(i)` says whether the i-th
 * response answers a HEAD request (it has no body, whatever its Content-Length says).
 */
class ResponseAssembler {
  private readonly parser = new ResponseParser();
  /** Bytes of the current response's head received so far (until its blank line). */
  private headPieces: Buffer[] = [];
  private headLength = 0;
  /** The current response once its head is parsed, and its body pieces. */
  private current: RawHttpResponse | undefined;
  private currentHead: Buffer = emptyBody;
  /** The current response answers a HEAD request: it ends with its head. */
  private noBody = false;
  private bodyPieces: Buffer[] = [];
  private count = 0;

  constructor(private readonly isHeadAnswer: (index: number) => boolean) {}

  /** Feeds a chunk; returns the responses it completed. Throws on a malformed response. */
  push(chunk: Buffer): RawHttpResponse[] {
    const done: RawHttpResponse[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.current === undefined) {
        offset = this.takeHead(chunk, offset);
      } else {
        const end = this.parser.feed(chunk, offset);
        if (end > offset) this.bodyPieces.push(chunk.subarray(offset, end));
        offset = end;
      }
      if (this.current !== undefined && (this.noBody || this.parser.state === "complete")) done.push(this.finish());
    }
    return done;
  }

  /** The stream has ended: the response in progress, if its body ran until the close. */
  end(): RawHttpResponse | undefined {
    if (this.current === undefined || this.parser.endOfStream() !== "complete") return undefined;
    return this.finish();
  }

  /** Bytes received that do not (yet) form a whole response. */
  get unparsed(): Buffer {
    return Buffer.concat([...this.headPieces, ...(this.current === undefined ? [] : [this.currentHead]), ...this.bodyPieces]);
  }

  /** Collects head bytes from chunk[offset…]; once its blank line is in, parses the head. Returns where it stopped. */
  private takeHead(chunk: Buffer, offset: number): number {
    const piece = chunk.subarray(offset);
    const pending = this.headLength === 0 ? piece : Buffer.concat([...this.headPieces, piece]);
    // Search from 3 bytes before the new piece: the blank line may straddle two chunks.
    const terminator = pending.indexOf(headTerminator, Math.max(0, this.headLength - 3));
    if (terminator < 0) {
      this.headPieces = [pending];
      this.headLength = pending.length;
      return chunk.length;
    }
    const head = pending.subarray(0, terminator + 4);
    const taken = head.length - this.headLength;
    this.headPieces = [];
    this.headLength = 0;
    this.parser.reset();
    this.parser.feed(head, 0);
    if (this.parser.state === "malformed") throw new Error(`not an HTTP response: ${this.parser.problem}`);
    if (this.parser.state !== "header") {
      // (Still "header" after an interim 1xx response: the final response's head follows.)
      this.current = { ...parseHead(head), body: emptyBody };
      this.currentHead = head;
      this.noBody = this.isHeadAnswer(this.count);
    }
    return offset + taken;
  }

  private finish(): RawHttpResponse {
    const response = this.current!;
    response.body = this.bodyPieces.length === 1 ? this.bodyPieces[0]! : Buffer.concat(this.bodyPieces);
    this.noBody = false;
    this.current = undefined;
    this.bodyPieces = [];
    this.count++;
    return response;
  }
}

/** Status line and header fields of a head that `ResponseParser` accepted. */
function parseHead(head: Buffer): Omit<RawHttpResponse, "body"> {
  const lines = head.toString("latin1", 0, head.length - 4).split("\r\n");
  const statusLine = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(lines[0] ?? "");
  if (statusLine === null) throw new Error(`not an HTTP response: ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`malformed response header line: ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { version: statusLine[1]!, status: Number(statusLine[2]), reason: statusLine[3]!, headers };
}

/**
 * Parses the complete responses in `data`. `headRequests[i]` marks the i-th response as an answer to
 * HEAD (no body). With `closed`, a response without a length ends at the end of data. Returns the
 * responses and how many bytes they used.
 */
export function parseHttpResponses(
  data: Buffer,
  headRequests: readonly boolean[] = [],
  closed = false,
): { responses: RawHttpResponse[]; consumed: number } {
  const assembler = new ResponseAssembler((index) => headRequests[index] === true);
  const responses = assembler.push(data);
  const last = closed ? assembler.end() : undefined;
  if (last !== undefined) responses.push(last);
  return { responses, consumed: data.length - assembler.unparsed.length };
}

/** A raw connection to a server: write bytes, wait for responses, see whether the server closed. */
export class RawHttpConnection {
  private readonly assembler: ResponseAssembler;
  private readonly parsed: RawHttpResponse[] = [];
  private readonly headRequests: boolean[] = [];
  private closedFlag = false;
  private endedFlag = false;
  private waiters: Array<() => void> = [];
  /** A socket error seen (ECONNRESET, …) or a malformed response, if any. */
  error: string | undefined;

  private constructor(readonly socket: Socket) {
    this.assembler = new ResponseAssembler((index) => this.headRequests[index] === true);
    socket.on("data", (chunk: Buffer) => this.receive(() => this.assembler.push(chunk)));
    socket.on("end", () => {
      this.endedFlag = true;
      this.wake();
    });
    socket.on("error", (error) => (this.error = error.message));
    socket.on("close", () => {
      this.closedFlag = true;
      this.receive(() => {
        const last = this.assembler.end();
        return last === undefined ? [] : [last];
      });
    });
  }

  /** Connects to host:port (default host 127.0.0.1). */
  static open(port: number, host = "127.0.0.1"): Promise<RawHttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, noDelay: true });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new RawHttpConnection(socket));
      });
    });
  }

  /** True once the connection has closed (the server closed it, it failed, or we destroyed it). */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** True once the server has sent its FIN (it will send nothing more), even if the socket is still open. */
  get ended(): boolean {
    return this.endedFlag;
  }

  /** Every response parsed so far, in order. */
  get responses(): readonly RawHttpResponse[] {
    return this.parsed;
  }

  /** Bytes received and not yet parsed as a whole response. */
  get unparsed(): Buffer {
    return this.assembler.unparsed;
  }

  /** Writes raw bytes. Mark `headRequests` for each request in them that is a HEAD (its response has no body). */
  send(data: string | Buffer, headRequests: boolean[] = []): void {
    this.headRequests.push(...headRequests);
    this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /**
   * Waits until `count` responses in total have arrived, the server closes, or `timeoutMs` passes.
   * Returns the responses so far (check `.length`).
   */
  async waitForResponses(count: number, timeoutMs = 5_000): Promise<readonly RawHttpResponse[]> {
    await this.waitUntil(() => this.parsed.length >= count || this.closedFlag, timeoutMs);
    return this.parsed;
  }

  /** Waits until the server closes the connection; resolves true if it did within `timeoutMs`. */
  async waitForClose(timeoutMs = 5_000): Promise<boolean> {
    await this.waitUntil(() => this.closedFlag, timeoutMs);
    return this.closedFlag;
  }

  /** Waits until the server has sent its FIN; resolves true if it did within `timeoutMs`. */
  async waitForEnd(timeoutMs = 5_000): Promise<boolean> {
    await this.waitUntil(() => this.endedFlag || this.closedFlag, timeoutMs);
    return this.endedFlag;
  }

  /** Closes our side and forgets the socket. */
  destroy(): void {
    this.socket.destroy();
  }

  private receive(collect: () => RawHttpResponse[]): void {
    try {
      this.parsed.push(...collect());
    } catch (error) {
      this.error = (error as Error).message;
    }
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, timeoutMs);
      const check = () => (done() ? finish() : this.waiters.push(check));
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      check();
    });
  }
}

/** Options of `exchangeRaw`. */
export interface RawExchange {
  port: number;
  host?: string;
  /** Bytes to write; an array is written piece by piece, `delayMs` apart. */
  send: string | Buffer | Array<string | Buffer>;
  delayMs?: number;
  /** How many responses to wait for (default 1). */
  expect?: number;
  /** Which responses answer HEAD requests (by index). */
  headRequests?: boolean[];
  /** After the expected responses, also wait for the server to close. */
  waitForClose?: boolean;
  /** Give up after this long (default 5 000 ms). */
  timeoutMs?: number;
}

/** The outcome of `exchangeRaw`. */
export interface RawExchangeResult {
  responses: readonly RawHttpResponse[];
  /** The server closed the connection. */
  closed: boolean;
  /** Bytes left over that did not form a whole response. */
  unparsed: Buffer;
  error: string | undefined;
}

/** Opens a connection, writes `send`, collects responses, and closes. For one-shot tests. */
export async function exchangeRaw(exchange: RawExchange): Promise<RawExchangeResult> {
  const connection = await RawHttpConnection.open(exchange.port, exchange.host);
  const pieces = Array.isArray(exchange.send) ? exchange.send : [exchange.send];
  const timeoutMs = exchange.timeoutMs ?? 5_000;
  try {
    connection.send(pieces[0] ?? "", exchange.headRequests ?? []);
    for (const piece of pieces.slice(1)) {
      await sleep(exchange.delayMs ?? 10);
      if (connection.closed) break;
      connection.send(piece);
    }
    await connection.waitForResponses(exchange.expect ?? 1, timeoutMs);
    if (exchange.waitForClose) await connection.waitForClose(timeoutMs);
    return { responses: connection.responses, closed: connection.closed, unparsed: connection.unparsed, error: connection.error };
  } finally {
    connection.destroy();
  }
}

/** One request for `path` with the given method and version; Host is added for HTTP/1.1. */
export function rawRequest(path: string, options: { method?: string; version?: "1.0" | "1.1"; headers?: Record<string, string> } = {}): string {
  const version = options.version ?? "1.1";
  const headers: Record<string, string> = { ...(version === "1.1" ? { Host: "127.0.0.1" } : {}), ...options.headers };
  const fields = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  return `${options.method ?? "GET"} ${path} HTTP/${version}\r\n${fields}\r\n`;
}
