/**
 * A disk probe: an execution context (worker thread or child process) that opens the server's disk from a
 * handle and reads files on command, reporting when each read started and ended and what the disk said.
 * Tests and notebooks use it to show blocking, overlap and sharing across threads and processes.
 *
 * Start it as a worker (workerData = { handle }) or a child process with an IPC channel
 * (argv[2] = encodeDiskHandle(handle)). It answers "ready" once the disk is open, then each
 * `ProbeCommand` with a `ProbeReport`. Given { own: options } instead of a handle it becomes a disk owner
 * and answers { handle } (so tests can kill an owner's process). Not re-exported from the storage index:
 * importing this module inside a worker or an IPC child starts the probe.
 */
import { parentPort, workerData } from "node:worker_threads";
import { blockThreadFor } from "./block-thread.js";
import { createDiskOwner, type DiskOptions } from "./disk-owner.js";
import type { Disk, DiskHandle, DiskStats } from "./disk.js";
import { checkDiskHandle, decodeDiskHandle, openDisk } from "./open-disk.js";

/** Read these ranges of files (`offset` default 0), in order, after waiting until `startAt` (epoch ms), if given. */
export interface ProbeCommand {
  read: Array<{ path: string; offset?: number; length: number }>;
  startAt?: number;
}

/** One read as the probe saw it (a miss if any chunk missed); times are epoch milliseconds with sub-ms precision. */
export interface ProbeRead {
  path: string;
  outcome: "hit" | "miss" | "join" | "real" | "error";
  startedAt: number;
  endedAt: number;
  bytes: number;
  error?: string;
}

export type ProbeReport = { reads: ProbeRead[]; stats: DiskStats };

const epochNow = (): number => performance.timeOrigin + performance.now();

function outcomeOf(before: DiskStats, after: DiskStats): ProbeRead["outcome"] {
  if (after.hits === null) return "real";
  if (after.misses! > before.misses!) return "miss";
  if (after.joins! > before.joins!) return "join";
  return "hit";
}

/** Runs one command on `disk`. */
function runProbeCommand(disk: Disk, command: ProbeCommand): ProbeReport {
  const wait = (command.startAt ?? 0) - Date.now();
  blockThreadFor(wait);
  const reads = command.read.map(({ path, offset, length }): ProbeRead => {
    const before = disk.stats();
    const startedAt = epochNow();
    try {
      const bytes = disk.readSync(path, offset ?? 0, length).length;
      return { path, outcome: outcomeOf(before, disk.stats()), startedAt, endedAt: epochNow(), bytes };
    } catch (error) {
      return { path, outcome: "error", startedAt, endedAt: epochNow(), bytes: 0, error: (error as Error).message };
    }
  });
  return { reads, stats: disk.stats() };
}

function serve(send: (message: unknown) => void, onMessage: (listener: (message: unknown) => void) => void, start: unknown): void {
  const ownOptions = (start as { own?: DiskOptions } | undefined)?.own;
  if (ownOptions) {
    const owner = createDiskOwner(ownOptions);
    send({ handle: owner.handle });
    onMessage(() => undefined); // stay alive until killed
    return;
  }
  const handle: DiskHandle = typeof start === "string" ? decodeDiskHandle(start) : checkDiskHandle((start as { handle: unknown }).handle);
  const disk = openDisk(handle);
  onMessage((message) => {
    if (message === "close") {
      disk.close();
      process.exit(0); // in a worker thread this ends the thread only
    }
    send(runProbeCommand(disk, message as ProbeCommand));
  });
  send("ready");
}

if (parentPort) {
  const port = parentPort;
  serve((message) => port.postMessage(message), (listener) => port.on("message", listener), workerData);
} else if (process.send) {
  const argument = process.argv[2] ?? "";
  const start = argument.startsWith("{\"own\"") ? JSON.parse(argument) : argument;
  serve((message) => process.send?.(message), (listener) => process.on("message", listener), start);
}
