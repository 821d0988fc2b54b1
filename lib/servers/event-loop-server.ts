/**
 * A single-threaded event-driven server (Flash-SPED): one event loop accepts and interleaves every
 * connection, and the read-file step reads synchronously through the disk, so a disk miss stalls the
 * whole loop. It is the SPED architecture itself and each of Zeus's k processes.
 */
import type { Server } from "node:net";
import { blockingFileSource } from "../http/index.js";
import { openDisk, type Disk, type DiskHandle } from "../storage/index.js";
import type { ContextReport } from "./context-report.js";
import { boundPort, listen } from "./listen.js";
import { createServingContext, servingReport, stopServing, type FileSource, type ServingContext } from "./serving-context.js";
import type { ServerConfig } from "./types.js";

/** A file source that reads on the calling thread and blocks it for as long as the disk takes. */
export function blockingSource(disk: Disk): FileSource {
  return blockingFileSource(disk, `${disk.kind}-disk-blocking`);
}

export interface EventLoopServer {
  port: number;
  /** Requests answered so far. */
  requests(): number;
  report(role: string): ContextReport;
  stop(graceMs: number): Promise<void>;
}

/**
 * Starts an event-driven server on this thread. `reusePort` joins a SO_REUSEPORT group (Zeus's k
 * processes); `source` defaults to blocking reads (SPED), AMPED/AMTED pass their helped source.
 */
export async function startEventLoopServer(
  config: ServerConfig,
  diskHandle: DiskHandle,
  options: { port: number; reusePort: boolean; source?: (disk: Disk) => FileSource },
): Promise<EventLoopServer & { disk: Disk; context: ServingContext }> {
  const disk = openDisk(diskHandle);
  const context = createServingContext(config, (options.source ?? blockingSource)(disk));
  let server: Server;
  try {
    server = await listen({ host: config.host, port: options.port, reusePort: options.reusePort }, (socket) => context.accept(socket));
  } catch (error) {
    await context.close(0);
    disk.close();
    throw error;
  }
  return {
    port: boundPort(server),
    disk,
    context,
    requests: () => context.requests(),
    report: (role) => servingReport(role, context, disk),
    stop: (graceMs) => stopServing(server, context, disk, graceMs),
  };
}
