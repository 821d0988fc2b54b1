/**
 * The line protocol between simulated-disk clients and the disk owner. Requests go into one shared FIFO,
 * so each must be written whole in one write of at most PIPE_BUF bytes (then POSIX makes it atomic and
 * lines from different contexts never interleave). Replies go into each client's own FIFO.
 *
 *   client → owner   H <client> <reply-fifo>     hello: open my reply FIFO      owner → client  K
 *                    L <client> <size> <key>     lookup for a chunk read                        h|m|j <wait-ms>
 *                    R <client> <size> <key>     residency test of a chunk                      r 1|0
 *                    B <client>                  bye: close my reply FIFO                       (none)
 */
import { createHash } from "node:crypto";

/** POSIX guarantees atomic FIFO writes up to PIPE_BUF, at least 512 bytes (4096 on Linux). */
const atomicWriteLimit = 512;

/** A request as the owner reads it. */
export type DiskRequest =
  | { type: "hello"; client: string; replyFifo: string }
  | { type: "lookup"; client: string; size: number; key: string }
  | { type: "resident"; client: string; size: number; key: string }
  | { type: "bye"; client: string };

/**
 * The cache key of a path: the path itself, or a digest when it would not fit in one atomic line (with
 * room left for the client, the size and a chunk number).
 */
export function cacheKeyOf(path: string): string {
  const fits = Buffer.byteLength(path) <= atomicWriteLimit - 80 && !/[\n\r]/.test(path);
  return fits ? path : `sha256:${createHash("sha256").update(path).digest("hex")}`;
}

/** One request line (with its newline). Throws if it could not be written atomically. */
export function encodeRequest(request: DiskRequest): Buffer {
  let line: string;
  switch (request.type) {
    case "hello":
      line = `H ${request.client} ${request.replyFifo}\n`;
      break;
    case "lookup":
      line = `L ${request.client} ${request.size} ${request.key}\n`;
      break;
    case "resident":
      line = `R ${request.client} ${request.size} ${request.key}\n`;
      break;
    case "bye":
      line = `B ${request.client}\n`;
      break;
  }
  const bytes = Buffer.from(line);
  if (bytes.length > atomicWriteLimit) {
    throw new Error(`simulated disk: a ${bytes.length}-byte request exceeds the ${atomicWriteLimit}-byte atomic FIFO write`);
  }
  return bytes;
}

/** Parses one request line (without its newline); undefined for a malformed line. */
export function decodeRequest(line: string): DiskRequest | undefined {
  const [type, client, third] = line.split(" ", 3);
  if (!client) return undefined;
  if (type === "B") return { type: "bye", client };
  if (type === "H" && third) return { type: "hello", client, replyFifo: line.slice(type.length + client.length + 2) };
  if ((type === "L" || type === "R") && third) {
    const size = Number(third);
    const key = line.slice(type.length + client.length + third.length + 3);
    if (!Number.isFinite(size) || size < 0 || key === "") return undefined;
    return { type: type === "L" ? "lookup" : "resident", client, size, key };
  }
  return undefined;
}

/** Splits a byte stream into complete lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private pending = "";

  /** The complete lines in `chunk` plus what was pending. */
  push(chunk: string): string[] {
    const lines = (this.pending + chunk).split("\n");
    this.pending = lines.pop() ?? "";
    return lines;
  }
}
