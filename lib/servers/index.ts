/**
 * servers: seven concurrency architectures (mp, mt, sped, amped, amted, zeus, apache) over one request
 * pipeline (lib/http), as real processes, threads and event loops, on a real or simulated disk
 * (lib/storage). Each architecture is one file implementing the `Architecture` interface: it declares
 * its options, defaults, accept policies, cache scope and the roles of its contexts; one supervisor
 * (supervisor.ts) starts, replaces, reports and stops contexts of every kind, and one role registry
 * (roles.ts) maps role names to code.
 *
 *   const server = await startServer({ arch: "amped", docroot, helpers: 4,
 *     disk: { kind: "sim", latencyMs: 10, bandwidthMBps: 20, cacheMB: 64, parallelism: 1 }, caches: { data: true } });
 *   // … load server.url …
 *   const stats = await server.stats(); // requests, responsesByStatus, steps, caches, helpers, contexts[]
 *   await server.stop();
 *
 * The server runs below its own top process (server.pid), never in the caller's event loop.
 *
 * Who accepts, who runs the steps, and who blocks on a disk miss:
 *   arch    contexts                        accept                          a miss blocks
 *   sped    1 event loop                    the loop                        the whole loop
 *   amped   1 event loop + h helper procs   the loop                        one helper (loop reads after)
 *   amted   1 event loop + h helper threads the loop                        one helper thread
 *   mp      N processes, 1 conn each        master hands sockets to idle    that process
 *                                           (or per-process SO_REUSEPORT)
 *   mt      N threads, 1 conn each          per-thread SO_REUSEPORT         that thread
 *   zeus    k event-loop processes          per-process SO_REUSEPORT        that process's loop
 *   apache  processes × threads (dynamic)   per-thread SO_REUSEPORT         that thread
 */
export { startServer } from "./start-server.js";
export { resolveServerConfig, ServerOptionsError, defaultServerSettings, inapplicableOptions } from "./options.js";
export { architectures } from "./registry.js";
export { serverTrace, type ServerTraceEvent } from "./server-trace.js";
export { monotonicClockMs } from "../runtime/monotonic-clock.js";
export type { Architecture, ArchitectureOption, RunningArchitecture, ArchitectureReport, Role } from "./architecture.js";
export { architectureNames, acceptPolicies } from "./types.js";
export type {
  ArchitectureName,
  AcceptPolicy,
  ServerOptions,
  ServerConfig,
  ServerDiskOptions,
  ServerDiskConfig,
  ServerCacheOptions,
  ApachePoolOptions,
  RunningServer,
  ServerStats,
  ContextStats,
  HelperStats,
  PoolSample,
} from "./types.js";
export { readProcStatus, currentThreadId, processTree, processTreeCpuSeconds } from "../runtime/proc.js";
export type { ProcStatus } from "../runtime/proc.js";
export { writeSizedDocroot, sizedFileContent, sizeLabel } from "./size-docroot.js";
export type { SizedFile } from "./size-docroot.js";
