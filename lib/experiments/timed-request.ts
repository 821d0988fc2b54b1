/**
 * One HTTP request on a new connection, timed on the machine's monotonic clock (`monotonicClockMs`),
 * the clock of the servers' step traces: when the client began to connect, when it began writing the
 * (last piece of its) request head, and when the whole response had arrived. The client can send its
 * head in pieces (a slow sender) or leave the response unread for a while (a slow reader). For the
 * notebooks' small demonstrations, where a handful of requests must be placed on one time axis with
 * what the server did; load is the load generator's job.
 */
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ResponseParser } from "../loadgen/response-parser.js";
import { monotonicClockMs } from "../runtime/monotonic-clock.js";

export interface TimedRequestOptions {
  path: string;
  /** The request head is sent in this many pieces, `pieceGapMs` apart. Default 1. */
  headPieces?: number;
  /** ms between the pieces of the head. Default 5. */
  pieceGapMs?: number;
  /** Read nothing of the response for this long after sending the head. Default 0. */
  pauseReadingMs?: number;
  /** Give up (reject) after this long. Default 10,000 ms. */
  timeoutMs?: number;
  /** What to call the request in error messages (default: its path). */
  label?: string;
}

/** When things happened, on the monotonic clock, and what came back. */
export interface TimedResponse {
  status: number;
  /** Response bytes, head and body. */
  bytes: number;
  /** The client began to connect. */
  startMs: number;
  /** The client began writing the (last piece of the) head: the server cannot have had the whole head before. */
  sentMs: number;
  /** The whole response had arrived. */
  doneMs: number;
}

/** Checks the options; throws a RangeError naming the bad one. */
export function checkTimedRequestOptions(options: TimedRequestOptions): void {
  const name = options.label ?? options.path;
  const pieces = options.headPieces ?? 1;
  if (!Number.isInteger(pieces) || pieces < 1) throw new RangeError(`${name}: headPieces must be a whole number ≥ 1; got ${pieces}`);
  if (!((options.pieceGapMs ?? 5) >= 0)) throw new RangeError(`${name}: pieceGapMs must be ≥ 0; got ${options.pieceGapMs}`);
  if (!((options.pauseReadingMs ?? 0) >= 0)) throw new RangeError(`${name}: pauseReadingMs must be ≥ 0; got ${options.pauseReadingMs}`);
  if (!((options.timeoutMs ?? 10_000) > 0)) throw new RangeError(`${name}: timeoutMs must be above 0; got ${options.timeoutMs}`);
}

/**
 * GETs `options.path` from 127.0.0.1:`port` on a new connection (Connection: close) and resolves when
 * the whole response has arrived. Rejects when the connection fails, the response is malformed or cut
 * short, or nothing complete arrives within the timeout; the message names the request.
 */
export async function timedRequest(port: number, options: TimedRequestOptions): Promise<TimedResponse> {
  checkTimedRequestOptions(options);
  const name = options.label === undefined ? options.path : `${options.label} (${options.path})`;
  const pieces = options.headPieces ?? 1;
  const pauseMs = options.pauseReadingMs ?? 0;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const startMs = monotonicClockMs();
  const socket = connect({ port, host: "127.0.0.1", noDelay: true });
  const head = Buffer.from(`GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, "latin1");
  const parser = new ResponseParser();
  let bytes = 0;
  const done = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(`was not answered within ${timeoutMs} ms`), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      resolve(monotonicClockMs());
    };
    function fail(why: string): void {
      clearTimeout(timer);
      reject(new Error(`${name} ${why}`));
    }
    socket.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      for (let offset = 0; offset < chunk.length && parser.state !== "complete" && parser.state !== "malformed"; ) {
        const next = parser.feed(chunk, offset);
        if (next === offset) break;
        offset = next;
      }
      if (parser.state === "malformed") fail(`got a malformed response: ${parser.problem}`);
      else if (parser.state === "complete") finish();
    });
    socket.on("error", (error) => fail(`failed: ${error.message}`));
    socket.on("close", () => (parser.endOfStream() === "complete" ? finish() : fail("was cut short: the server closed before the whole response")));
  });
  done.catch(() => undefined); // awaited below; this only keeps a failed connect from leaving it unhandled
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    if (pauseMs > 0) socket.pause();
    const pieceLength = Math.ceil(head.length / pieces);
    let sentMs = startMs;
    for (let piece = 0; piece < pieces; piece++) {
      if (piece > 0) await sleep(options.pieceGapMs ?? 5);
      sentMs = monotonicClockMs();
      socket.write(head.subarray(piece * pieceLength, (piece + 1) * pieceLength));
    }
    if (pauseMs > 0) setTimeout(() => socket.resume(), pauseMs);
    const doneMs = await done;
    return { status: parser.status, bytes, startMs, sentMs, doneMs };
  } catch (error) {
    throw error instanceof Error && error.message.startsWith(name) ? error : new Error(`${name} failed: ${(error as Error).message}`);
  } finally {
    socket.destroy();
  }
}
