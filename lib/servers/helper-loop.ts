/**
 * An AMPED / AMTED helper: it waits on its channel (a pipe to the event loop) for a read job, reads
 * the file through the disk with a blocking call (so the helper, not the loop, waits for a miss and
 * the data lands in the shared buffer cache, as Flash's helpers touched a file's pages), and answers
 * with a completion notice only; the loop then reads the now-resident data without blocking.
 */
import type { DiskHandle } from "../storage/index.js";
import { openDisk } from "../storage/index.js";
import { answerRequests, type Channel, type Message } from "./channel.js";
import { describeThisContext, emptyPipelineStats, type ContextReport } from "./context-report.js";

/** A read job sent to a helper. */
export interface ReadJob {
  type: "read";
  jobId: number;
  path: string;
  size: number;
}

/** A helper's answer. */
export interface ReadDone {
  type: "read-done";
  jobId: number;
  /** Set when the read failed (the file vanished, the disk closed, …). */
  error?: string;
}

/** Runs the helper loop on `channel` until the process or thread is ended. */
export function runHelperLoop(channel: Channel, diskHandle: DiskHandle): void {
  const disk = openDisk(diskHandle);
  let reads = 0;
  channel.onMessage((message: Message) => {
    if (message.type !== "read") return;
    const job = message as unknown as ReadJob;
    const done: ReadDone = { type: "read-done", jobId: job.jobId };
    try {
      disk.readFileSync(job.path, job.size);
      reads++;
    } catch (error) {
      done.error = error instanceof Error ? error.message : String(error);
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
