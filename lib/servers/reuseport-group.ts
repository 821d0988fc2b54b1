/**
 * A group of contexts that each accept on their own listener in one SO_REUSEPORT group (MT's threads,
 * Zeus's processes, MP's workers with the `reuseport` policy): the kernel spreads new connections over
 * them by a hash of the connection's addresses. The group's port is chosen once (see
 * `startOnGroupPort`), and a member that replaces a dead one joins the same port.
 */
import type { ArchitectureReport } from "./architecture.js";
import { describeThisProcess } from "./context-report.js";
import { startOnGroupPort } from "./listen.js";
import { ContextGroup, type GroupOptions } from "./supervisor.js";

export interface ReusePortGroup<State> {
  group: ContextGroup<State>;
  port: number;
}

/** Starts `count` members listening on one port (`requestedPort`, or a free one for 0). */
export function startReusePortGroup<State>(
  options: Omit<GroupOptions<State>, "startedBy">,
  count: number,
  requestedPort: number,
): Promise<ReusePortGroup<State>> {
  return startOnGroupPort(options.config.host, requestedPort, async (port) => {
    const group = new ContextGroup<State>({ ...options, startedBy: "listening" });
    try {
      await Promise.all(Array.from({ length: count }, () => group.add({ port })));
    } catch (error) {
      await group.stop(0);
      throw error;
    }
    return { group, port };
  });
}

/** A group's report under the process that supervises it (listed first, as `topRole`). */
export async function supervisedReport<State>(group: ContextGroup<State>, topRole: string): Promise<ArchitectureReport> {
  const merged = await group.report();
  return {
    ...merged,
    contexts: [describeThisProcess(topRole, 0), ...merged.contexts],
    replacedWorkers: group.replaced,
    departedContexts: group.departedContexts,
  };
}
