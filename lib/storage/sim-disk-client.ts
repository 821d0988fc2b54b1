/**
 * A context's connection to the simulated disk's owner: synchronous, blocking IPC over FIFOs, usable from
 * any thread of any process of the server.
 *
 * Each lookup writes one request line into the shared request FIFO (atomic, ≤ PIPE_BUF) and then blocks
 * this thread in read(2) on the context's own reply FIFO until the owner answers: 12–17 µs per round
 * trip, measured idle from the top process's main thread, a worker thread and a child process. The miss
 * time itself is then spent here, in `Atomics.wait`, so misses of different contexts overlap as reads on
 * a real disk do.
 *
 * Owner death: the reply FIFO is opened read-only and only the owner holds its write end, so when the
 * owner closes or its process dies the blocked read returns EOF; a write to the request FIFO without a
 * reader fails with EPIPE. Either way the caller gets a clear error instead of a hang.
 *
 * Handshake (no step can block forever): mkfifo the reply FIFO; open it read-only, non-blocking; open the
 * request FIFO write-only, non-blocking (ENXIO = no owner); send hello; poll for the owner's "K" with a
 * deadline; open a temporary writer, then the blocking read end (which cannot wait, a writer exists),
 * drop the temporaries and unlink the FIFO name.
 */
import { execFileSync } from "node:child_process";
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { blockThreadFor } from "./block-thread.js";
import type { LookupOutcome } from "./buffer-cache-model.js";
import { type DiskRequest, encodeRequest } from "./disk-protocol.js";
import type { Disk, DiskHandle } from "./disk.js";
import { closeQuietly, unlinkQuietly } from "./quiet-fs.js";
import { makeSimulatedDisk } from "./simulated-disk.js";

const handshakeDeadlineMs = 10_000;
let clientsOpened = 0;

/** Connects this context to the disk owner named by `handle`; throws if there is no live owner. */
export function openSimulatedDiskClient(handle: Extract<DiskHandle, { kind: "sim" }>): Disk {
  const connection = connectToOwner(handle.directory, handle.requestFifo);
  return makeSimulatedDisk({
    lookup: (key, size) => parseLookupReply(connection.ask({ type: "lookup", client: connection.client, size, key })),
    isResident: (key, size) => connection.ask({ type: "resident", client: connection.client, size, key }) === "r 1",
    close: () => connection.close(),
  });
}

interface OwnerConnection {
  client: string;
  /** Sends one request and blocks until its one-line reply (without newline). */
  ask(request: DiskRequest): string;
  close(): void;
}

function connectToOwner(directory: string, requestFifo: string): OwnerConnection {
  const client = `${process.pid}.${threadId}.${++clientsOpened}`;
  const replyFifo = join(directory, `reply-${client}`);
  const opened: number[] = [];
  const open = (path: string, flags: number): number => {
    const fd = openSync(path, flags);
    opened.push(fd);
    return fd;
  };
  const closeAll = (): void => opened.splice(0).forEach(closeQuietly);
  let requestFd: number;
  let replyFd: number;
  try {
    makeFifo(replyFifo, requestFifo);
    const pollFd = open(replyFifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      requestFd = open(requestFifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw new Error(`simulated disk: no disk owner is listening at ${requestFifo} (${(error as Error).message})`);
    }
    writeRequest(requestFd, encodeRequest({ type: "hello", client, replyFifo }));
    awaitHandshake(pollFd, requestFifo);
    const holdFd = open(replyFifo, constants.O_WRONLY | constants.O_NONBLOCK);
    replyFd = open(replyFifo, constants.O_RDONLY);
    closeSync(holdFd);
    closeSync(pollFd);
    opened.length = 0;
  } catch (error) {
    closeAll();
    throw error;
  } finally {
    unlinkQuietly(replyFifo);
  }

  let broken: Error | undefined;
  const reply = Buffer.alloc(64);
  return {
    client,
    ask(request) {
      if (broken) throw broken;
      try {
        writeRequest(requestFd, encodeRequest(request));
        return readReplyLine(replyFd, reply);
      } catch (error) {
        broken = ownerGone(requestFifo, error);
        throw broken;
      }
    },
    close() {
      if (!broken) {
        try {
          writeRequest(requestFd, encodeRequest({ type: "bye", client }));
        } catch {
          // the owner is already gone; nothing to say goodbye to
        }
      }
      broken ??= new Error("simulated disk: used after close()");
      closeQuietly(requestFd);
      closeQuietly(replyFd);
    },
  };
}

function makeFifo(path: string, requestFifo: string): void {
  try {
    execFileSync("mkfifo", ["-m", "600", path], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new Error(`simulated disk: no disk owner is listening at ${requestFifo} (cannot make a reply FIFO: ${stderr})`);
  }
}

/** Polls the non-blocking read end for the owner's "K" until the deadline. */
function awaitHandshake(pollFd: number, requestFifo: string): void {
  const deadline = performance.now() + handshakeDeadlineMs;
  const buffer = Buffer.alloc(8);
  while (performance.now() < deadline) {
    try {
      const count = readSync(pollFd, buffer, 0, buffer.length, null);
      if (count > 0 && buffer.toString("latin1", 0, count) === "K\n") return;
      if (count > 0) throw new Error(`unexpected handshake reply ${JSON.stringify(buffer.toString("latin1", 0, count))}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
    blockThreadFor(1); // 0 bytes: the owner has not opened our FIFO yet; EAGAIN: opened, not yet written
  }
  throw new Error(`simulated disk: the disk owner at ${requestFifo} did not answer within ${handshakeDeadlineMs} ms`);
}

/** One atomic write into the shared request FIFO; waits briefly while the pipe is full. */
function writeRequest(fd: number, bytes: Buffer): void {
  for (;;) {
    try {
      writeSync(fd, bytes);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      blockThreadFor(0.05);
    }
  }
}

/** Blocks in read(2) until one reply line has arrived; EOF means the owner is gone. */
function readReplyLine(fd: number, buffer: Buffer): string {
  let length = 0;
  while (length === 0 || buffer[length - 1] !== 0x0a) {
    if (length === buffer.length) throw new Error("reply line too long");
    const count = readSync(fd, buffer, length, buffer.length - length, null);
    if (count === 0) throw new Error("EOF on the reply FIFO");
    length += count;
  }
  return buffer.toString("latin1", 0, length - 1);
}

function parseLookupReply(line: string): LookupOutcome {
  const [code, wait] = line.split(" ");
  const waitMs = Number(wait);
  const outcome = code === "h" ? "hit" : code === "m" ? "miss" : code === "j" ? "join" : undefined;
  if (!outcome || !Number.isFinite(waitMs)) throw new Error(`simulated disk: malformed owner reply ${JSON.stringify(line)}`);
  return { outcome, waitMs };
}

function ownerGone(requestFifo: string, cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new Error(`simulated disk: the disk owner (${requestFifo}) closed or died (${detail})`, { cause });
}
