/**
 * An AMPED / AMTED helper: it waits on its channel (a pipe to the event loop) for a read job, reads the
 * chunk through the disk with a blocking call (so the helper, not the loop, waits for a miss), and
 * answers when done. The chunk is then in memory once, not read again by the loop:
 * - a helper thread (AMTED) reads it straight into the SharedArrayBuffer the loop sent with the job, so
 *   the loop sends those very bytes (no copy, no second read);
 * - a helper process (AMPED) cannot share memory through its pipe: its read faults the chunk into the
 *   buffer cache (simulated and OS), as Flash's helpers touched a file's pages, and the loop's own read
 *   is then a copy from memory that does not block.
 */
import type { DiskHandle } from "../storage/index.js";
import { openDisk } from "../storage/index.js";
import { answerRequests, type Channel, type Message } from "./channel.js";
import { describeThisContext, emptyPipelineStats, type ContextReport } from "./context-report.js";

/** A read job sent to a helper: a chunk of a file, of the version the loop's translation found. */
export interface ReadJob {
  type: "read";
  jobId: number;
  path: string;
  offset: number;
  length: number;
  version: { dev: number; ino: number; size: number; mtimeMs: number };
  /** Memory shared with the loop to read the chunk into (helper threads only). */
  into?: SharedArrayBuffer;
}

/** A helper's answer. */
export interface ReadDone {
  type: "read-done";
  jobId: number;
  /** Bytes read (into `into`, when the job had it). */
  bytes: number;
  /** Set when the read failed (the file vanished or changed, the disk closed, …), with its code if any. */
  error?: string;
  code?: string;
}

/** Runs the helper loop on `channel` until the process or thread is ended. */
export function runHelperLoop(channel: Channel, diskHandle: DiskHandle): void {
  const disk = openDisk(diskHandle);
  let reads = 0;
  channel.onMessage((message: Message) => {
    if (message.type !== "read") return;
    const job = message as unknown as ReadJob;
    const done: ReadDone = { type: "read-done", jobId: job.jobId, bytes: 0 };
    try {
      const into = job.into === undefined ? undefined : new Uint8Array(job.into);
      done.bytes = disk.readSync(job.path, job.offset, job.length, { expected: job.version, into }).length;
      reads++;
    } catch (error) {
      done.error = error instanceof Error ? error.message : String(error);
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === "string") done.code = code;
    }
    channel.post(done as unknown as Message);
  });
  answerRequests(channel, {
    stats: (): ContextReport => ({
      contexts: [describeThisContext("helper", reads, disk.stats())],
      counters: emptyPipelineStats(),
      disks: [disk.stats()],
    }),
  });
  channel.post({ type: "ready" });
}
