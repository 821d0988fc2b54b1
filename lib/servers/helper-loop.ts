/**
 * An AMPED / AMTED helper: it waits on its channel (a pipe to the event loop) for a read job, reads the
 * chunk through the disk with a blocking call (so the helper, not the loop, waits for a miss), and
 * answers when done. The chunk is then in memory once, not read again by the loop:
 * - a helper thread (AMTED) reads it straight into the SharedArrayBuffer the loop sent with the job, so
 *   the loop sends those very bytes (no copy, no second read);
 * - a helper process (AMPED) cannot share memory through its pipe: its read faults the chunk into the
 *   buffer cache (simulated and OS), as Flash's helpers touched a file's pages, and the loop's own read
 *   is then a copy from memory that does not block.
 * While the server traces, a helper keeps its own step trace: each read as a read-file step of the
 * loop's request it was for, so a timeline can show the helper blocked while the loop goes on.
 */
import { StepIndex, StepTrace } from "../http/index.js";
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
    const trace = context.config.trace > 0 ? new StepTrace(context.config.trace) : undefined;
    let reads = 0;
    channel.onMessage((message) => {
      if (message.type !== "read") return;
      const done: ReadDone = { type: "read-done", jobId: message.jobId, bytes: 0 };
      const startedAt = trace === undefined ? 0 : performance.now();
      try {
        const into = message.into === undefined ? undefined : new Uint8Array(message.into);
        done.bytes = disk.readSync(message.path, message.offset, message.length, { expected: message.version, into }).length;
        reads++;
      } catch (error) {
        done.error = error instanceof Error ? error.message : String(error);
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === "string") done.code = code;
      }
      if (trace !== undefined && message.origin !== undefined) {
        trace.record(message.origin.connection, message.origin.request, StepIndex.readFile, startedAt, performance.now());
      }
      channel.post(done);
    });
    const describe = () => {
      const described = describeThisContext("helper", reads, disk.stats());
      if (trace !== undefined) described.trace = trace.events();
      return described;
    };
    reportToSupervisor(channel, {
      report: () => ({ ...emptyContextReport(), contexts: [describe()], disks: [disk.stats()] }),
      activity: () => reads,
      stop: async () => disk.close(),
    });
    channel.post({ type: "ready" });
  },
};
