/**
 * The compute-header step: response heads as bytes.
 *
 * A head is assembled from three parts: the status line with Server and Date (rebuilt once per
 * second per status), the file's own fields (Content-Type, Content-Length, Last-Modified: what Flash's
 * response header cache keeps), and a precomputed Connection tail.
 */
import type { CachedHeaderFields } from "./cache-types.js";
import { currentHttpDate, currentHttpDateSecond, formatHttpDate, parseHttpDateSeconds } from "./http-date.js";
import type { ResolvedFile } from "./resolved-file.js";
import { reasonPhrase } from "./status.js";

/** The Server header's value. */
const serverName = "flashlab";

/** How the response ends the head: nothing to say, keep-alive (for HTTP/1.0), or close. */
const ConnectionTail = {
  keepAlive11: Buffer.from("\r\n", "latin1"),
  keepAlive10: Buffer.from("Connection: keep-alive\r\n\r\n", "latin1"),
  close: Buffer.from("Connection: close\r\n\r\n", "latin1"),
} as const;

/** The tail for a response: keep the connection or not, and which HTTP/1.x minor version asked. */
export function connectionTail(keepAlive: boolean, minorVersion: number): Buffer {
  if (!keepAlive) return ConnectionTail.close;
  return minorVersion === 1 ? ConnectionTail.keepAlive11 : ConnectionTail.keepAlive10;
}

let prefixSecond = -1;
const prefixes = new Map<number, Buffer>();

/** "HTTP/1.1 <status> <reason>\r\nServer: flashlab\r\nDate: <now>\r\n", rebuilt once per second. */
function statusPrefix(status: number): Buffer {
  const second = currentHttpDateSecond();
  if (second !== prefixSecond) {
    prefixSecond = second;
    prefixes.clear();
  }
  let prefix = prefixes.get(status);
  if (prefix === undefined) {
    prefix = Buffer.from(`HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nServer: ${serverName}\r\nDate: ${currentHttpDate()}\r\n`, "latin1");
    prefixes.set(status, prefix);
  }
  return prefix;
}

/** The fields that depend only on the file: what the response header cache stores. */
export function fileHeaderFields(file: ResolvedFile): CachedHeaderFields {
  const text =
    `Content-Type: ${file.contentType}\r\n` +
    `Content-Length: ${file.size}\r\n` +
    `Last-Modified: ${formatHttpDate(file.mtimeMs)}\r\n`;
  return { size: file.size, mtimeMs: file.mtimeMs, bytes: Buffer.from(text, "latin1") };
}

const noBytes: Buffer = Buffer.alloc(0);

/**
 * The head of a 200 response as its three parts (status prefix, file fields, Connection tail), kept
 * apart until it is written, so that head and body can be assembled with a single allocation. One
 * instance per connection, reused for every request.
 */
export class OkHead {
  private prefix: Buffer = noBytes;
  private fields: Buffer = noBytes;
  private tail: Buffer = noBytes;

  /** Sets the parts for the next response. */
  compose(fields: CachedHeaderFields, tail: Buffer): void {
    this.prefix = statusPrefix(200);
    this.fields = fields.bytes;
    this.tail = tail;
  }

  /** Bytes in the head. */
  get length(): number {
    return this.prefix.length + this.fields.length + this.tail.length;
  }

  /** The head followed by `body` (if any) in one new Buffer. */
  bytes(body?: Buffer): Buffer {
    const headLength = this.length;
    // Buffer.concat with a known total measured faster here than allocUnsafe plus set or copy.
    if (body === undefined) return Buffer.concat([this.prefix, this.fields, this.tail], headLength);
    return Buffer.concat([this.prefix, this.fields, this.tail, body], headLength + body.length);
  }
}

/** The head of a 304 response (no body, no Content-Length). */
export function notModifiedHead(file: ResolvedFile, tail: Buffer): Buffer {
  const prefix = statusPrefix(304);
  const lastModified = Buffer.from(`Last-Modified: ${formatHttpDate(file.mtimeMs)}\r\n`, "latin1");
  return Buffer.concat([prefix, lastModified, tail]);
}

/**
 * True when If-Modified-Since allows a 304: the file has not changed since that date (compared in
 * whole seconds, as HTTP dates have no finer resolution). An unparsable or future date is ignored
 * (RFC 9110 §13.1.3).
 */
export function notModifiedSince(file: ResolvedFile, ifModifiedSince: string): boolean {
  const since = parseHttpDateSeconds(ifModifiedSince);
  if (since === undefined || since > Date.now() / 1000) return false; // a date in the future is invalid
  return Math.floor(file.mtimeMs / 1000) <= since;
}

/** A complete error response: head plus a plain-text body saying what was wrong (no body for HEAD). */
export function errorResponse(status: number, detail: string, extraHeaders: string, tail: Buffer, isHead: boolean): Buffer {
  const body = `${status} ${reasonPhrase(status)}: ${detail}\n`;
  const head =
    `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}`;
  const parts = [statusPrefix(status), Buffer.from(head, "latin1"), tail];
  if (!isHead) parts.push(Buffer.from(body, "utf8"));
  return Buffer.concat(parts);
}
