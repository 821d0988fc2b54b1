/**
 * An incremental, allocation-light HTTP/1.x response parser for the load generator.
 *
 * It does only what a load generator needs to check a response and find where it ends: it checks the
 * status line and reads the status code, finds the end of the header, reads Content-Length,
 * Transfer-Encoding: chunked and Connection, and then counts body bytes without looking at them. Header
 * names are matched byte by byte without building strings, so a typical response costs no allocation.
 *
 * A server answering the same request sends the same header bytes again and again (nginx changes only
 * its Date line, once a second). So the parser remembers the last final header it parsed, and when the
 * next header is byte for byte the same (one memcmp) it takes that header's parsed status and framing
 * instead of parsing it again: identical bytes parse identically, so every response is still checked.
 *
 * Use: call `feed(chunk, offset, end)` with the bytes [offset, end) of each chunk from the socket (end
 * defaults to the chunk's length, so a shared read buffer needs no per-read slice); it returns the offset
 * where it stopped.
 * When `state` is `"complete"`, read `status`, `bytes` and `closeAfter`, call `reset()` and feed the rest
 * of the chunk (pipelined responses may share a chunk). When `state` is `"malformed"`, `problem` says why.
 * When the socket closes, `endOfStream()` says whether the response in progress is complete.
 */

/** Where the parser is in the current response. */
export type ResponseParserState = "header" | "body" | "chunked" | "until-close" | "complete" | "malformed";

/** A header larger than this is treated as malformed (servers cap theirs well below it). */
const maxResponseHeaderBytes = 64 * 1024;
/** Headers up to this size are remembered for the byte-for-byte fast path. */
const maxRememberedHeaderBytes = 4096;

const CR = 13;
const LF = 10;
const headerTerminator = Buffer.from("\r\n\r\n", "latin1");
const contentLengthName = Buffer.from("content-length", "latin1");
const transferEncodingName = Buffer.from("transfer-encoding", "latin1");
const connectionName = Buffer.from("connection", "latin1");
const closeToken = Buffer.from("close", "latin1");
const keepAliveToken = Buffer.from("keep-alive", "latin1");

/** True when buf[start…] begins with `lowerName` (ASCII, case-insensitive) followed by a colon. */
function headerNameIs(buf: Buffer, start: number, end: number, lowerName: Buffer): boolean {
  const length = lowerName.length;
  if (start + length >= end || buf[start + length] !== 58 /* : */) return false;
  for (let i = 0; i < length; i++) {
    if (((buf[start + i] as number) | 0x20) !== lowerName[i]) return false;
  }
  return true;
}

/** The header value of the line [start, end) after `nameLength` bytes and the colon, trimmed. */
function headerValue(buf: Buffer, start: number, end: number, nameLength: number): string {
  return buf.toString("latin1", start + nameLength + 1, end).trim();
}

/** True when buf[start, end) contains `lowerNeedle` (ASCII, case-insensitive); no string is built. */
function containsIgnoringCase(buf: Buffer, start: number, end: number, lowerNeedle: Buffer): boolean {
  const length = lowerNeedle.length;
  const first = lowerNeedle[0] as number;
  for (let i = start; i + length <= end; i++) {
    if (((buf[i] as number) | 0x20) !== first) continue;
    let j = 1;
    while (j < length && ((buf[i + j] as number) | 0x20) === lowerNeedle[j]) j++;
    if (j === length) return true;
  }
  return false;
}

/** The decimal number in buf[start, end) between optional spaces or tabs, or NaN when there is none. */
function decimalValue(buf: Buffer, start: number, end: number): number {
  let position = start;
  while (position < end && (buf[position] === 32 || buf[position] === 9)) position++;
  let last = end;
  while (last > position && (buf[last - 1] === 32 || buf[last - 1] === 9)) last--;
  if (position === last || last - position > 15) return Number.NaN;
  let value = 0;
  for (; position < last; position++) {
    const digit = (buf[position] as number) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const enum ChunkStep {
  Size,
  SizeExtension,
  SizeLineEnd,
  Data,
  DataCr,
  DataLf,
  Trailer,
}

/** Parses one HTTP/1.x response after another from a byte stream. */
export class ResponseParser {
  state: ResponseParserState = "header";
  /** The status code of the current response (0 until its status line is read). */
  status = 0;
  /** Bytes of the current response consumed so far (header and body). */
  bytes = 0;
  /** True once the current response's header has been read. */
  headerDone = false;
  /** True when the connection must close after this response (HTTP/1.0, Connection: close, or no length). */
  closeAfter = false;
  /** Why the response is malformed, when `state` is "malformed". */
  problem = "";

  private pendingHeader: Buffer | undefined;
  /** The last final header parsed (a copy), and what it said. */
  private knownHeader: Buffer | undefined;
  private knownStatus = 0;
  private knownChunked = false;
  private knownContentLength = -1;
  private knownConnectionClose = false;
  private bodyRemaining = 0;
  private chunkStep = ChunkStep.Size;
  private chunkSize = 0;
  private chunkSizeDigits = 0;
  private trailerLineLength = 0;

  /** Prepares for the next response on the same connection. */
  reset(): void {
    this.state = "header";
    this.status = 0;
    this.bytes = 0;
    this.headerDone = false;
    this.closeAfter = false;
    this.problem = "";
    this.pendingHeader = undefined;
    this.bodyRemaining = 0;
  }

  /** Consumes bytes of the current response from chunk[offset, end); returns where it stopped. */
  feed(chunk: Buffer, offset: number, end: number = chunk.length): number {
    let position = offset;
    if (this.state === "header") {
      position = this.feedHeader(chunk, position, end);
      if (this.state === "header" || this.state === "malformed" || this.state === "complete") return position;
    }
    if (this.state === "body") {
      const available = end - position;
      const taken = available < this.bodyRemaining ? available : this.bodyRemaining;
      this.bodyRemaining -= taken;
      this.bytes += taken;
      position += taken;
      if (this.bodyRemaining === 0) this.state = "complete";
      return position;
    }
    if (this.state === "until-close") {
      this.bytes += end - position;
      return end;
    }
    if (this.state === "chunked") return this.feedChunked(chunk, position, end);
    return position;
  }

  /**
   * Called when the connection closes: returns "complete" when the response in progress ends with the
   * stream (a body delimited by the close), "short-body" when its header was read but the body is
   * incomplete, and "nothing" when no complete header had arrived.
   */
  endOfStream(): "complete" | "short-body" | "nothing" {
    if (this.state === "until-close" || this.state === "complete") {
      this.state = "complete";
      return "complete";
    }
    return this.headerDone ? "short-body" : "nothing";
  }

  private feedHeader(chunk: Buffer, offset: number, end: number): number {
    const known = this.knownHeader;
    if (known !== undefined && this.pendingHeader === undefined) {
      const length = known.length;
      if (offset + length <= end && chunk.compare(known, 0, length, offset, offset + length) === 0) {
        this.bytes += length;
        this.headerDone = true;
        this.beginBody(this.knownStatus, this.knownChunked, this.knownContentLength, this.knownConnectionClose);
        return offset + length;
      }
    }
    let buf = chunk;
    let start = offset;
    let limit = end;
    let searchFrom = offset;
    const pending = this.pendingHeader;
    if (pending !== undefined) {
      buf = Buffer.concat([pending, chunk.subarray(offset, end)]);
      start = 0;
      limit = buf.length;
      searchFrom = Math.max(0, pending.length - 3);
    }
    let terminator = buf.indexOf(headerTerminator, searchFrom);
    // A match past `limit` lies in bytes that are not part of this read.
    if (terminator + 4 > limit) terminator = -1;
    if (terminator < 0) {
      const partial = buf === chunk ? Buffer.from(chunk.subarray(offset, end)) : buf;
      if (partial.length > maxResponseHeaderBytes) return this.fail(end, `header longer than ${maxResponseHeaderBytes} bytes`);
      this.pendingHeader = partial;
      return end;
    }
    const headerEnd = terminator + 4;
    // Bytes of `chunk` that belong to the header.
    const consumedFromChunk = pending === undefined ? headerEnd - offset : headerEnd - pending.length;
    this.pendingHeader = undefined;
    this.bytes += headerEnd - start;
    const next = offset + consumedFromChunk;
    if (!this.parseHeader(buf, start, terminator)) return next;
    this.headerDone = true;
    return next;
  }

  /**
   * Reads the status line and the framing headers of [start, end), where `end` is the start of the
   * CRLFCRLF that closes the header; returns false when malformed.
   */
  private parseHeader(buf: Buffer, start: number, end: number): boolean {
    // "HTTP/1.x SSS" — H T T P / 1 .
    if (
      end - start < 12 ||
      buf[start] !== 72 || buf[start + 1] !== 84 || buf[start + 2] !== 84 || buf[start + 3] !== 80 ||
      buf[start + 4] !== 47 || buf[start + 5] !== 49 || buf[start + 6] !== 46 || buf[start + 8] !== 32
    ) {
      this.fail(0, `malformed status line "${buf.toString("latin1", start, Math.min(end, start + 40))}"`);
      return false;
    }
    const minor = (buf[start + 7] as number) - 48;
    const d1 = (buf[start + 9] as number) - 48;
    const d2 = (buf[start + 10] as number) - 48;
    const d3 = (buf[start + 11] as number) - 48;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || d3 < 0 || d3 > 9 || (end > start + 12 && buf[start + 12] !== 32 && buf[start + 12] !== CR)) {
      this.fail(0, `malformed status code in "${buf.toString("latin1", start, Math.min(end, start + 40))}"`);
      return false;
    }
    this.status = d1 * 100 + d2 * 10 + d3;
    let contentLength = -1;
    let chunked = false;
    let connectionClose = minor === 0;
    let lineStart = buf.indexOf(LF, start) + 1;
    while (lineStart > 0 && lineStart < end) {
      let lineEnd = buf.indexOf(LF, lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const valueEnd = buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const first = (buf[lineStart] as number) | 0x20;
      if (first === 99 /* c */) {
        if (headerNameIs(buf, lineStart, valueEnd, contentLengthName)) {
          const value = decimalValue(buf, lineStart + contentLengthName.length + 1, valueEnd);
          if (!Number.isSafeInteger(value) || (contentLength >= 0 && value !== contentLength)) {
            this.fail(0, `bad Content-Length "${headerValue(buf, lineStart, valueEnd, contentLengthName.length)}"`);
            return false;
          }
          contentLength = value;
        } else if (headerNameIs(buf, lineStart, valueEnd, connectionName)) {
          const valueStart = lineStart + connectionName.length + 1;
          if (containsIgnoringCase(buf, valueStart, valueEnd, closeToken)) connectionClose = true;
          else if (containsIgnoringCase(buf, valueStart, valueEnd, keepAliveToken)) connectionClose = false;
        }
      } else if (first === 116 /* t */ && headerNameIs(buf, lineStart, valueEnd, transferEncodingName)) {
        chunked = headerValue(buf, lineStart, valueEnd, transferEncodingName.length).toLowerCase().endsWith("chunked");
      }
      lineStart = lineEnd + 1;
    }
    this.closeAfter = connectionClose;
    const status = this.status;
    if (status < 200) {
      // An interim response (100 Continue): the final response follows on the same stream.
      this.headerDone = false;
      this.status = 0;
      return true;
    }
    const headerEnd = end + 4;
    if (headerEnd - start <= maxRememberedHeaderBytes) {
      this.knownHeader = Buffer.from(buf.subarray(start, headerEnd));
      this.knownStatus = status;
      this.knownChunked = chunked;
      this.knownContentLength = contentLength;
      this.knownConnectionClose = connectionClose;
    }
    this.beginBody(status, chunked, contentLength, connectionClose);
    return true;
  }

  /** Sets the status and how the body of a final response is framed, from its parsed header. */
  private beginBody(status: number, chunked: boolean, contentLength: number, connectionClose: boolean): void {
    this.status = status;
    this.closeAfter = connectionClose;
    if (status === 204 || status === 304) {
      this.state = "complete";
    } else if (chunked) {
      this.state = "chunked";
      this.chunkStep = ChunkStep.Size;
      this.chunkSize = 0;
      this.chunkSizeDigits = 0;
    } else if (contentLength >= 0) {
      this.bodyRemaining = contentLength;
      this.state = contentLength === 0 ? "complete" : "body";
    } else {
      this.state = "until-close";
      this.closeAfter = true;
    }
  }

  private feedChunked(chunk: Buffer, offset: number, end: number): number {
    let position = offset;
    const length = end;
    while (position < length) {
      if (this.chunkStep === ChunkStep.Data) {
        const available = length - position;
        const taken = available < this.chunkSize ? available : this.chunkSize;
        this.chunkSize -= taken;
        this.bytes += taken;
        position += taken;
        if (this.chunkSize === 0) this.chunkStep = ChunkStep.DataCr;
        continue;
      }
      const byte = chunk[position] as number;
      position++;
      this.bytes++;
      switch (this.chunkStep) {
        case ChunkStep.Size: {
          const digit = hexDigit(byte);
          if (digit >= 0) {
            this.chunkSize = this.chunkSize * 16 + digit;
            this.chunkSizeDigits++;
            if (this.chunkSizeDigits > 12) return this.fail(position, "chunk size too large");
          } else if (byte === CR && this.chunkSizeDigits > 0) {
            this.chunkStep = ChunkStep.SizeLineEnd;
          } else if ((byte === 59 /* ; */ || byte === 32) && this.chunkSizeDigits > 0) {
            this.chunkStep = ChunkStep.SizeExtension;
          } else {
            return this.fail(position, "malformed chunk size");
          }
          break;
        }
        case ChunkStep.SizeExtension:
          if (byte === CR) this.chunkStep = ChunkStep.SizeLineEnd;
          break;
        case ChunkStep.SizeLineEnd:
          if (byte !== LF) return this.fail(position, "malformed chunk size line");
          this.chunkSizeDigits = 0;
          if (this.chunkSize === 0) {
            this.chunkStep = ChunkStep.Trailer;
            this.trailerLineLength = 0;
          } else {
            this.chunkStep = ChunkStep.Data;
          }
          break;
        case ChunkStep.DataCr:
          if (byte !== CR) return this.fail(position, "chunk data longer than its size");
          this.chunkStep = ChunkStep.DataLf;
          break;
        case ChunkStep.DataLf:
          if (byte !== LF) return this.fail(position, "chunk data longer than its size");
          this.chunkStep = ChunkStep.Size;
          this.chunkSize = 0;
          break;
        case ChunkStep.Trailer:
          if (byte === LF) {
            if (this.trailerLineLength === 0) {
              this.state = "complete";
              return position;
            }
            this.trailerLineLength = 0;
          } else if (byte !== CR) {
            this.trailerLineLength++;
          }
          break;
      }
    }
    return position;
  }

  private fail(position: number, problem: string): number {
    this.state = "malformed";
    this.problem = problem;
    return position;
  }
}

function hexDigit(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  const lower = byte | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}
