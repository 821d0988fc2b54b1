/**
 * MT (multi-threaded, Flash-MT): N worker threads in one process, each running the whole pipeline for
 * one connection at a time with blocking reads. They share the address space, but each keeps its own
 * Flash caches: a V8 isolate cannot share JavaScript objects (the stats say `cachesPer: "thread"`).
 *
 * Accept scheme: per-thread SO_REUSEPORT listeners (Node cannot pass an accepted socket to a worker
 * thread, so a boss thread cannot hand connections over). The kernel picks a thread for each new
 * connection by a hash of its addresses, without knowing which threads are busy, so connections can
 * queue behind a busy thread while another is idle; the thread serves its queue in order.
 */
import type { Architecture } from "./architecture.js";
import { blockingListenerRole } from "./blocking-worker.js";
import { describeThisProcess } from "./context-report.js";
import { ThreadGroup } from "./thread-group.js";
import { architectureDeclarations } from "./declarations.js";

export const mtArchitecture: Architecture = {
  ...architectureDeclarations.mt,
  roles: [blockingListenerRole],
  async start(config, disk) {
    const group = await ThreadGroup.start(config, disk, config.workers, config.port);
    return {
      port: group.port,
      async report() {
        const report = await group.report();
        return {
          ...report,
          contexts: [describeThisProcess("process", 0), ...report.contexts],
          replacedWorkers: group.threads.replaced,
          departedContexts: group.threads.departedContexts,
        };
      },
      stop: (graceMs) => group.stop(graceMs),
    };
  },
};
