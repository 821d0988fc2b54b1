/**
 * An AMPED / AMTED helper: it waits on its channel (a pipe to the event loop) for a read job, reads
 * the file through the disk with a blocking call (so the helper, not the loop, waits for a miss and
 * the data lands in the shared buffer cache, as Flash's helpers touched a file's pages), and answers
 * with a completion notice only; the loop then reads the now-resident data without blocking.
 */
import { openDisk } from "../storage/index.js";
import { diskOf, type ContextChannel, type Role } from "./architecture.js";
import { describeThisContext, emptyContextReport } from "./context-report.js";
import type { ReadDone } from "./messages.js";
import { reportToSupervisor } from "./supervised.js";

/** The helper role, as a process (AMPED) or a thread (AMTED). */
export const helperRole: Role = {
  name: "helper",
  run(context) {
    const channel: ContextChannel = context.parent();
    const disk = openDisk(diskOf(context));
    let reads = 0;
    channel.onMessage((message) => {
      if (message.type !== "read") return;
      const done: ReadDone = { type: "read-done", jobId: message.jobId };
      try {
        disk.readFileSync(message.path, message.size);
        reads++;
      } catch (error) {
        done.error = error instanceof Error ? error.message : String(error);
      }
      channel.post(done);
    });
    reportToSupervisor(channel, {
      report: () => ({ ...emptyContextReport(), contexts: [describeThisContext("helper", reads, disk.stats())], disks: [disk.stats()] }),
      activity: () => reads,
      stop: async () => disk.close(),
    });
    channel.post({ type: "ready" });
  },
};
