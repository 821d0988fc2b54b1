/**
 * Asking a group of child contexts (processes or threads) for their reports, and stopping them
 * gracefully; shared by every architecture that supervises children.
 */
import { request } from "./channel.js";
import type { ChildContext } from "./child-context.js";
import { describeUnresponsive, emptyPipelineStats, type ContextReport } from "./context-report.js";

/** Stops every context of a group, waiting for each to finish within the grace period. */
export async function stopContexts(contexts: ChildContext[], graceMs: number): Promise<void> {
  await Promise.all(
    contexts.map(async (context) => {
      if (!context.exited) await request(context.channel, { type: "stop", graceMs }, graceMs + 1000);
      await context.waitForExit(1000);
    }),
  );
}

/** Asks each context for its report; a dead or silent one is reported as not alive. */
export async function collectReports(contexts: ChildContext[], role: string): Promise<ContextReport[]> {
  return Promise.all(
    contexts.map(async (context) => {
      const report = context.exited ? undefined : await request<ContextReport>(context.channel, { type: "stats", role }, 1500);
      return report ?? { contexts: [describeUnresponsive(context.kind, role, context.pid)], counters: emptyPipelineStats(), disks: [] };
    }),
  );
}

/**
 * Calls `replace` when `context` exits while its group still runs (`stopping()` false). A context that
 * died within its first second (a broken install) is replaced only after 500 ms, never in a tight loop.
 */
export function replaceWhenDead(context: ChildContext, stopping: () => boolean, replace: () => void): void {
  const startedAt = Date.now();
  context.onExit(() => {
    if (stopping()) return;
    setTimeout(() => {
      if (!stopping()) replace();
    }, Date.now() - startedAt < 1000 ? 500 : 0).unref();
  });
}
