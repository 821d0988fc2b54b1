/**
 * A tiny HTTP/1.x client for tests and notebooks: it writes raw bytes (so it can send anything,
 * malformed or pipelined) and parses the responses that come back, framed by Content-Length (or by
 * the close of the connection), with the no-body rules for HEAD and 304.
 */
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** One parsed response. Header names are lower-case; repeated fields are joined with ", ". */
export interface RawHttpResponse {
  version: string;
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Parses the complete responses at the start of `data`. `headRequests[i]` marks the i-th response as an
 * answer to HEAD (no body). With `closed`, a response without Content-Length ends at the end of data.
 * Returns the responses and how many bytes they used.
 */
export function parseHttpResponses(
  data: Buffer,
  headRequests: readonly boolean[] = [],
  closed = false,
  firstIndex = 0,
): { responses: RawHttpResponse[]; consumed: number } {
  const responses: RawHttpResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf("\r\n\r\n", offset, "latin1");
    if (headEnd === -1) break;
    const lines = data.toString("latin1", offset, headEnd).split("\r\n");
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
    const status = Number(statusLine[2]);
    const bodyStart = headEnd + 4;
    const noBody = headRequests[firstIndex + responses.length] === true || status === 304 || status === 204 || status < 200;
    let bodyEnd: number;
    if (noBody) bodyEnd = bodyStart;
    else if (headers["content-length"] !== undefined) bodyEnd = bodyStart + Number(headers["content-length"]);
    else if (closed) bodyEnd = data.length;
    else break;
    if (bodyEnd > data.length) break;
    responses.push({ version: statusLine[1]!, status, reason: statusLine[3]!, headers, body: data.subarray(bodyStart, bodyEnd) });
    offset = bodyEnd;
  }
  return { responses, consumed: offset };
}

/** A raw connection to a server: write bytes, wait for responses, see whether the server closed. */
export class RawHttpConnection {
  private received: Buffer = Buffer.alloc(0);
  private readonly parsed: RawHttpResponse[] = [];
  private headRequests: boolean[] = [];
  private closedFlag = false;
  private waiters: Array<() => void> = [];
  /** A socket error seen (ECONNRESET, …), if any. */
  error: string | undefined;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.parse(false);
    });
    socket.on("error", (error) => (this.error = error.message));
    socket.on("close", () => {
      this.closedFlag = true;
      this.parse(true);
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

  /** True once the server has closed the connection (or it failed). */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Every response parsed so far, in order. */
  get responses(): readonly RawHttpResponse[] {
    return this.parsed;
  }

  /** Bytes received and not yet parsed as a whole response. */
  get unparsed(): Buffer {
    return this.received;
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

  /** Closes our side and forgets the socket. */
  destroy(): void {
    this.socket.destroy();
  }

  private parse(closed: boolean): void {
    try {
      const { responses, consumed } = parseHttpResponses(this.received, this.headRequests, closed, this.parsed.length);
      this.parsed.push(...responses);
      this.received = this.received.subarray(consumed);
    } catch (error) {
      this.error = (error as Error).message;
    }
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
