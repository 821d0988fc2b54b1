/**
 * Framing of HTTP/1.x request heads: finding where a head ends in the connection's bytes, with limits.
 *
 * The scanner is incremental: a head that arrives in pieces is scanned once, line by line, and the
 * limits are checked as bytes arrive, so a client cannot make the server buffer or rescan without
 * bound. It records where each line ends, for the parser (request-parser.ts).
 */
import { RequestRejection } from "./status.js";

/** Size limits on a request head. */
export interface RequestLimits {
  /** Longest request line, in bytes (414 beyond). */
  requestLineBytes: number;
  /** Longest header section (all field lines), in bytes (431 beyond). */
  headerBytes: number;
  /** Most header field lines (431 beyond). */
  headerLines: number;
}

/** The limits the pipeline uses unless told otherwise: 8 KB request line, 16 KB of headers, 100 lines. */
export const defaultRequestLimits: Readonly<RequestLimits> = {
  requestLineBytes: 8 * 1024,
  headerBytes: 16 * 1024,
  headerLines: 100,
};

/** Where a scan of one request head has got to; reused for every request on a connection. */
export class RequestHeadScan {
  /** Offset of the request line (leading empty lines are skipped, RFC 9112 §2.2). */
  start = 0;
  /** Offset from which to look for the next line feed. */
  scanFrom = 0;
  /** Offset of the '\n' that ends each line so far (request line first); only `lineCount` are valid. */
  readonly lineEnds: number[] = [];
  /** Lines found so far. (A count, not lineEnds.length: truncating an array costs more than a store.) */
  lineCount = 0;

  /** Prepares for the next request head. */
  reset(): void {
    this.start = 0;
    this.scanFrom = 0;
    this.lineCount = 0;
  }

  /** Records the '\n' ending the next line. */
  addLine(lineFeed: number): void {
    this.lineEnds[this.lineCount++] = lineFeed;
  }
}

const LF = 10;
const CR = 13;

/**
 * Scans `buffer` for the end of the request head that starts at offset 0, resuming where the last
 * call stopped. Returns the offset just past the blank line ending the head (the line ends are then in
 * `scan.lineEnds` for `parseRequestHead`), 0 when the head is not complete yet, or a rejection (414,
 * 431, 400) as soon as a limit is crossed.
 */
export function scanRequestHead(
  buffer: Buffer,
  scan: RequestHeadScan,
  limits: RequestLimits,
): number | RequestRejection {
  const lineEnds = scan.lineEnds;
  let from = scan.scanFrom;
  for (;;) {
    const lineFeed = buffer.indexOf(LF, from);
    if (lineFeed === -1) {
      scan.scanFrom = from;
      return checkPartialHead(buffer.length, scan, limits) ?? 0;
    }
    const empty = lineFeed === from || (lineFeed === from + 1 && buffer[from] === CR);
    if (scan.lineCount === 0) {
      if (empty) {
        // Empty lines before the request line are ignored, but not without bound.
        from = lineFeed + 1;
        scan.start = from;
        if (from > limits.requestLineBytes) {
          return new RequestRejection(400, "the request starts with too many empty lines; send a request line such as \"GET / HTTP/1.1\".");
        }
        continue;
      }
      if (lineFeed - scan.start > limits.requestLineBytes) return requestLineTooLong(limits);
      scan.addLine(lineFeed);
      from = lineFeed + 1;
      continue;
    }
    if (empty) return lineFeed + 1;
    scan.addLine(lineFeed);
    if (scan.lineCount - 1 > limits.headerLines) return tooManyHeaderLines(limits);
    if (lineFeed + 1 - (lineEnds[0]! + 1) > limits.headerBytes) return headersTooLarge(limits);
    from = lineFeed + 1;
  }
}

/** Limits on a head that has not ended yet: its unfinished line already counts. */
function checkPartialHead(length: number, scan: RequestHeadScan, limits: RequestLimits): RequestRejection | undefined {
  const lineEnds = scan.lineEnds;
  if (scan.lineCount === 0) {
    return length - scan.start > limits.requestLineBytes ? requestLineTooLong(limits) : undefined;
  }
  if (length - (lineEnds[0]! + 1) > limits.headerBytes) return headersTooLarge(limits);
  return undefined;
}

function requestLineTooLong(limits: RequestLimits): RequestRejection {
  return new RequestRejection(414, `the request line is longer than ${limits.requestLineBytes} bytes; use a shorter URL.`);
}

function headersTooLarge(limits: RequestLimits): RequestRejection {
  return new RequestRejection(431, `the request headers are larger than ${limits.headerBytes} bytes in total.`);
}

function tooManyHeaderLines(limits: RequestLimits): RequestRejection {
  return new RequestRejection(431, `the request has more than ${limits.headerLines} header lines.`);
}

