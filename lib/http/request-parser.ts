/**
 * Parsing of HTTP/1.x request heads framed by `scanRequestHead`: the request line and the few header
 * fields a static file server needs, straight from the connection's Buffer. It compares bytes, and
 * only turns into strings what it keeps (the path, the If-Modified-Since value), so that a GET costs
 * few allocations.
 */
import type { RequestHeadScan } from "./request-framing.js";
import { RequestRejection } from "./status.js";

/** The parts of a request the pipeline acts on; one instance is reused per connection. */
export class RequestHead {
  method = "";
  isHead = false;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minorVersion = 1;
  /** The target's path, query and fragment stripped, still percent-encoded. */
  path = "";
  /** What the client asked for: keep the connection open after this response. */
  keepAlive = false;
  ifModifiedSince: string | undefined = undefined;
}

const CR = 13;
const SP = 32;
const HTAB = 9;
const COLON = 58;

/** tchar of RFC 9110 §5.6.2: the bytes allowed in a method or a field name. */
const tokenBytes = new Uint8Array(256);
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  tokenBytes[char.charCodeAt(0)] = 1;
}

/** Methods that exist but that a static file server does not allow (405 with Allow), others get 501. */
const knownMethods = new Set(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]);

/** The Allow header sent with 405. */
const allowHeader = "Allow: GET, HEAD\r\n";

const expected = 'Send "GET /path HTTP/1.1" or "HEAD /path HTTP/1.0" followed by header lines and an empty line.';

function isToken(buffer: Buffer, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (tokenBytes[buffer[i]!] === 0) return false;
  return true;
}

/** Where the content of the line ending at `lineFeed` ends (before its CR, if any). */
function contentEnd(buffer: Buffer, lineFeed: number): number {
  return lineFeed > 0 && buffer[lineFeed - 1] === CR ? lineFeed - 1 : lineFeed;
}

/**
 * Parses the head that `scanRequestHead` framed into `head`. Returns a rejection (400, 405, 501, 505)
 * when the request cannot be served; the caller then answers it and closes the connection.
 */
export function parseRequestHead(buffer: Buffer, scan: RequestHeadScan, head: RequestHead): RequestRejection | undefined {
  const lineEnds = scan.lineEnds;
  head.isHead = false;
  head.minorVersion = 1;
  head.keepAlive = false;
  const rejection = parseRequestLine(buffer, scan.start, contentEnd(buffer, lineEnds[0]!), head);
  if (rejection !== undefined) return rejection;
  return parseHeaderFields(buffer, lineEnds, scan.lineCount, head);
}

function parseRequestLine(buffer: Buffer, start: number, end: number, head: RequestHead): RequestRejection | undefined {
  const firstSpace = buffer.indexOf(SP, start);
  const secondSpace = firstSpace === -1 ? -1 : buffer.indexOf(SP, firstSpace + 1);
  if (firstSpace === -1 || secondSpace === -1 || secondSpace >= end || buffer.indexOf(SP, secondSpace + 1) !== -1 && buffer.indexOf(SP, secondSpace + 1) < end) {
    return new RequestRejection(400, `the request line must be "METHOD TARGET VERSION" separated by single spaces. ${expected}`);
  }
  const versionRejection = parseVersion(buffer, secondSpace + 1, end, head);
  if (versionRejection !== undefined) return versionRejection;
  const methodRejection = parseMethod(buffer, start, firstSpace, head);
  if (methodRejection !== undefined) return methodRejection;
  return parseTarget(buffer, firstSpace + 1, secondSpace, head);
}

function parseVersion(buffer: Buffer, start: number, end: number, head: RequestHead): RequestRejection | undefined {
  const wellFormed =
    end - start === 8 &&
    buffer[start] === 72 && buffer[start + 1] === 84 && buffer[start + 2] === 84 && buffer[start + 3] === 80 && // HTTP
    buffer[start + 4] === 47 && isDigit(buffer[start + 5]!) && buffer[start + 6] === 46 && isDigit(buffer[start + 7]!);
  if (!wellFormed) {
    return new RequestRejection(400, `the protocol version must look like "HTTP/1.1"; got "${printable(buffer, start, end)}". ${expected}`);
  }
  if (buffer[start + 5] !== 49 || (buffer[start + 7] !== 48 && buffer[start + 7] !== 49)) {
    return new RequestRejection(505, `${buffer.toString("latin1", start, end)} is not supported; this server speaks HTTP/1.0 and HTTP/1.1.`);
  }
  head.minorVersion = buffer[start + 7] === 49 ? 1 : 0;
  return undefined;
}

function isDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

function parseMethod(buffer: Buffer, start: number, end: number, head: RequestHead): RequestRejection | undefined {
  const length = end - start;
  if (length === 3 && buffer[start] === 71 && buffer[start + 1] === 69 && buffer[start + 2] === 84) {
    head.method = "GET";
    head.isHead = false;
    return undefined;
  }
  if (length === 4 && buffer[start] === 72 && buffer[start + 1] === 69 && buffer[start + 2] === 65 && buffer[start + 3] === 68) {
    head.method = "HEAD";
    head.isHead = true;
    return undefined;
  }
  if (!isToken(buffer, start, end)) {
    return new RequestRejection(400, `the method must be a token such as GET; got "${printable(buffer, start, end)}". ${expected}`);
  }
  const method = buffer.toString("latin1", start, end);
  head.method = method;
  if (knownMethods.has(method)) {
    return new RequestRejection(405, `${method} is not allowed on static files; this server accepts GET and HEAD.`, allowHeader);
  }
  return new RequestRejection(501, `the method "${method.slice(0, 40)}" is not implemented; this server accepts GET and HEAD.`);
}

function parseTarget(buffer: Buffer, start: number, end: number, head: RequestHead): RequestRejection | undefined {
  for (let i = start; i < end; i++) {
    const byte = buffer[i]!;
    if (byte <= 32 || byte >= 127) {
      return new RequestRejection(400, "the request target contains a control, space or non-ASCII byte; percent-encode it (RFC 3986).");
    }
  }
  let pathStart = start;
  if (buffer[start] !== 47 /* / */) {
    pathStart = absoluteFormPathStart(buffer, start, end);
    if (pathStart < 0) {
      return new RequestRejection(400, `the request target must be a path starting with "/" (or an http:// URL); got "${printable(buffer, start, end)}".`);
    }
  }
  let pathEnd = end;
  for (let i = pathStart; i < end; i++) {
    const byte = buffer[i]!;
    if (byte === 63 /* ? */ || byte === 35 /* # */) {
      pathEnd = i;
      break;
    }
  }
  head.path = pathStart === pathEnd ? "/" : buffer.toString("latin1", pathStart, pathEnd);
  return undefined;
}

/** For "http://host/path" (absolute-form, RFC 9112 §3.2.2), the offset of "/path"; -1 when not that form. */
function absoluteFormPathStart(buffer: Buffer, start: number, end: number): number {
  const target = buffer.toString("latin1", start, Math.min(end, start + 8)).toLowerCase();
  const schemeLength = target.startsWith("http://") ? 7 : target.startsWith("https://") ? 8 : -1;
  if (schemeLength < 0) return -1;
  const slash = buffer.indexOf(47, start + schemeLength);
  return slash === -1 || slash >= end ? end : slash;
}

/** A short, printable excerpt of client bytes for an error message. */
function printable(buffer: Buffer, start: number, end: number): string {
  return buffer.toString("latin1", start, Math.min(end, start + 40)).replace(/[^\x20-\x7e]/g, "?");
}

/** Compares a field name in the buffer with a lower-case ASCII name. The name is a token already. */
function nameEquals(buffer: Buffer, start: number, end: number, lowerName: string): boolean {
  if (end - start !== lowerName.length) return false;
  for (let i = 0; i < lowerName.length; i++) {
    if ((buffer[start + i]! | 0x20) !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

function parseHeaderFields(buffer: Buffer, lineEnds: number[], lineCount: number, head: RequestHead): RequestRejection | undefined {
  let connectionClose = false;
  let connectionKeepAlive = false;
  let hostLines = 0;
  let contentLength = -1;
  head.ifModifiedSince = undefined;
  for (let line = 1; line < lineCount; line++) {
    const start = lineEnds[line - 1]! + 1;
    const end = contentEnd(buffer, lineEnds[line]!);
    const colon = buffer.indexOf(COLON, start);
    if (colon === -1 || colon >= end || !isToken(buffer, start, colon)) {
      return new RequestRejection(400, `header line ${line} is not "Name: value" (no spaces before the colon, no folded lines). ${expected}`);
    }
    let valueStart = colon + 1;
    let valueEnd = end;
    while (valueStart < valueEnd && (buffer[valueStart] === SP || buffer[valueStart] === HTAB)) valueStart++;
    while (valueEnd > valueStart && (buffer[valueEnd - 1] === SP || buffer[valueEnd - 1] === HTAB)) valueEnd--;
    for (let i = valueStart; i < valueEnd; i++) {
      const byte = buffer[i]!;
      if ((byte < 32 && byte !== HTAB) || byte === 127) {
        return new RequestRejection(400, `header line ${line} contains a control character (such as a bare CR or NUL); header values must be printable.`);
      }
    }
    switch (colon - start) {
      case 4:
        if (nameEquals(buffer, start, colon, "host")) hostLines++;
        break;
      case 10:
        if (nameEquals(buffer, start, colon, "connection")) {
          const tokens = buffer.toString("latin1", valueStart, valueEnd).toLowerCase();
          if (hasToken(tokens, "close")) connectionClose = true;
          if (hasToken(tokens, "keep-alive")) connectionKeepAlive = true;
        }
        break;
      case 14:
        if (nameEquals(buffer, start, colon, "content-length")) {
          const value = buffer.toString("latin1", valueStart, valueEnd);
          if (!/^\d{1,15}$/.test(value) || (contentLength >= 0 && Number(value) !== contentLength)) {
            return new RequestRejection(400, "Content-Length must be one decimal number.");
          }
          contentLength = Number(value);
        }
        break;
      case 17:
        if (nameEquals(buffer, start, colon, "if-modified-since")) {
          head.ifModifiedSince = buffer.toString("latin1", valueStart, valueEnd);
        } else if (nameEquals(buffer, start, colon, "transfer-encoding")) {
          return new RequestRejection(400, "a GET or HEAD request must not carry a body (Transfer-Encoding given).");
        }
        break;
    }
  }
  if (contentLength > 0) {
    return new RequestRejection(400, "a GET or HEAD request must not carry a body (Content-Length above 0).");
  }
  if (head.minorVersion === 1 && hostLines !== 1) {
    return new RequestRejection(400, `an HTTP/1.1 request needs exactly one Host header (got ${hostLines}).`);
  }
  head.keepAlive = head.minorVersion === 1 ? !connectionClose : connectionKeepAlive && !connectionClose;
  return undefined;
}

/** True when the comma-separated, lower-case list contains `token`. */
function hasToken(list: string, token: string): boolean {
  let from = 0;
  for (;;) {
    const at = list.indexOf(token, from);
    if (at === -1) return false;
    const before = list.slice(0, at).trimEnd();
    const after = list.slice(at + token.length).trimStart();
    if ((before === "" || before.endsWith(",")) && (after === "" || after.startsWith(","))) return true;
    from = at + 1;
  }
}
