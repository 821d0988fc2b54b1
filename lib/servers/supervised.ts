/**
 * The context side of supervision, shared by every supervised role: answer the supervisor's stats and
 * stop requests (the reply to stop is the context's final report, sent before it exits), and send a
 * checkpoint of the counts now and then while there is activity, so that a context that dies without
 * warning is still accounted for up to its last checkpoint.
 */
import { answer } from "./channel.js";
import type { ContextChannel } from "./architecture.js";
import type { ContextReport } from "./context-report.js";
import type { ContextReplies, ContextRequest } from "./messages.js";

/** How often a context with new activity sends its counts to its supervisor. */
export const checkpointIntervalMs = 100;

export interface SupervisedWork {
  /** The context's report now (a context that hosts others may have to ask them). */
  report(): ContextReport | Promise<ContextReport>;
  /** A number that changes whenever there is something new to report (requests answered, reads done). */
  activity(): number;
  /** Stops accepting, finishes what was received within `graceMs`, releases resources. */
  stop(graceMs: number): Promise<void>;
  /** Answers the supervisor's "load" request (a process hosting serving threads). */
  load?: () => ContextReplies["load"] | Promise<ContextReplies["load"]>;
}

/** Serves the supervisor on `channel` for `work` until a stop request ends the context. */
export function reportToSupervisor(channel: ContextChannel, work: SupervisedWork): void {
  let reported = work.activity();
  const checkpoints = setInterval(() => {
    const activity = work.activity();
    if (activity === reported) return;
    reported = activity;
    void Promise.resolve(work.report()).then((report) => channel.post({ type: "checkpoint", report }));
  }, checkpointIntervalMs);
  checkpoints.unref();
  answer<ContextRequest, ContextReplies>(channel, {
    stats: () => work.report(),
    stop: async ({ graceMs }) => {
      clearInterval(checkpoints);
      await work.stop(graceMs);
      // Exit once the reply (the final report) is on its way; a thread's process.exit ends only the thread.
      setTimeout(() => process.exit(0), 20);
      return work.report();
    },
    ...(work.load ? { load: work.load } : {}),
  });
}
