/**
 * Zeus-like: k SPED processes, each an event loop with blocking reads and its own caches. Each process
 * accepts on its own listener in a SO_REUSEPORT group (the kernel spreads connections over them), as
 * nginx's workers do with `reuseport`. A miss stalls one process's loop, not the others. A process
 * that dies is replaced.
 */
import { diskOf, type Architecture, type ContextChannel, type Role } from "./architecture.js";
import { startEventLoopServer } from "./event-loop-server.js";
import { startReusePortGroup, supervisedReport } from "./reuseport-group.js";
import { reportToSupervisor } from "./supervised.js";
import { architectureDeclarations } from "./declarations.js";

/** One of Zeus's processes: a SPED loop on its own listener in the group. */
const eventLoopProcessRole: Role = {
  name: "event-loop-process",
  async run(context) {
    const channel: ContextChannel = context.parent();
    const loop = await startEventLoopServer(context.config, diskOf(context), { port: context.extra.port ?? 0, reusePort: true });
    const label = context.extra.label ?? "event-loop";
    reportToSupervisor(channel, { report: () => loop.report(label), activity: () => loop.requests(), stop: (graceMs) => loop.stop(graceMs) });
    channel.post({ type: "listening", port: loop.port });
  },
};

export const zeusArchitecture: Architecture = {
  ...architectureDeclarations.zeus,
  roles: [eventLoopProcessRole],
  async start(config, disk) {
    const { group, port } = await startReusePortGroup(
      { role: eventLoopProcessRole.name, kind: "process", label: "event-loop", config, disk, initialState: () => undefined, replaceDead: true },
      config.workers,
      config.port,
    );
    return { port, report: () => supervisedReport(group, "master"), stop: (graceMs) => group.stop(graceMs) };
  },
};
