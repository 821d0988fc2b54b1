/**
 * What each architecture declares about itself, as plain data: its one-line summary, the options it
 * takes, its default number of contexts, how connections reach them, where Flash's caches live,
 * whether it overlaps disk misses and its rough start-up cost. The
 * real servers (lib/servers) and their models on the simulator (lib/sim/server-model) both spread these,
 * so the two cannot drift apart. No code runs here: lib/sim may import it without importing the servers.
 */
import type { AcceptPolicy, ArchitectureName } from "./types.js";

/** The options that only some architectures take (the rest apply to all). */
export type ArchitectureOption = "workers" | "helpers" | "apache" | "maxConnections" | "acceptPolicy";

export interface ArchitectureDeclaration {
  name: ArchitectureName;
  /** One line: the contexts and who blocks whom. */
  summary: string;
  /** Which of the architecture-specific options apply. */
  options: readonly ArchitectureOption[];
  /** Execution contexts it starts with when `workers` is not given (processes, threads or loops). */
  defaultWorkers: number;
  /** How connections reach the contexts; the first is the default. */
  acceptPolicies: readonly [AcceptPolicy, ...AcceptPolicy[]];
  /** Flash's caches (path, header, data) exist once per this kind of context. */
  cachesPer: "process" | "thread" | "event loop";
  /** Whether disk misses can be served while another miss is outstanding (false: one miss stalls everything). */
  overlapsMisses: boolean;
  /**
   * Rough seconds to start and stop it, measured on a 2-core machine with the server on one core: a
   * fixed part plus a part per worker and per helper. Experiments use it only to estimate their time.
   */
  startupSeconds: { fixed: number; perWorker: number; perHelper: number };
}

export const architectureDeclarations: { readonly [Name in ArchitectureName]: ArchitectureDeclaration & { name: Name } } = {
  mp: {
    name: "mp",
    summary: "N processes, one connection each at a time, blocking reads; the master hands connections to idle workers",
    options: ["workers", "acceptPolicy"],
    defaultWorkers: 4,
    acceptPolicies: ["master-handoff", "reuseport"],
    cachesPer: "process",
    overlapsMisses: true,
    startupSeconds: { fixed: 0.3, perWorker: 0.33, perHelper: 0 },
  },
  mt: {
    name: "mt",
    summary: "N threads, one connection each at a time, blocking reads; each thread accepts on its own SO_REUSEPORT listener",
    options: ["workers"],
    defaultWorkers: 4,
    acceptPolicies: ["reuseport"],
    cachesPer: "thread",
    overlapsMisses: true,
    startupSeconds: { fixed: 0.3, perWorker: 0.2, perHelper: 0 },
  },
  sped: {
    name: "sped",
    summary: "one event loop in one thread; a disk miss blocks the whole loop",
    options: ["maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
    overlapsMisses: false,
    startupSeconds: { fixed: 0.4, perWorker: 0, perHelper: 0 },
  },
  amped: {
    name: "amped",
    summary: "one event loop; disk misses go to helper processes over pipes; only a helper blocks on a miss",
    options: ["helpers", "maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
    overlapsMisses: true,
    startupSeconds: { fixed: 0.4, perWorker: 0, perHelper: 0.2 },
  },
  amted: {
    name: "amted",
    summary: "one event loop; disk misses go to helper threads; only a helper blocks on a miss",
    options: ["helpers", "maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
    overlapsMisses: true,
    startupSeconds: { fixed: 0.4, perWorker: 0, perHelper: 0.2 },
  },
  zeus: {
    name: "zeus",
    summary: "k SPED processes, each its own event loop on a SO_REUSEPORT listener; a miss stalls one of them",
    options: ["workers", "maxConnections"],
    defaultWorkers: 2,
    acceptPolicies: ["reuseport"],
    cachesPer: "process",
    overlapsMisses: true,
    startupSeconds: { fixed: 0.2, perWorker: 0.3, perHelper: 0 },
  },
  apache: {
    name: "apache",
    summary: "processes × threads (worker MPM); the process count grows and shrinks with idle threads between a min and a max",
    options: ["workers", "apache"],
    defaultWorkers: 1,
    acceptPolicies: ["reuseport"],
    cachesPer: "thread",
    overlapsMisses: true,
    startupSeconds: { fixed: 1.3, perWorker: 0, perHelper: 0 },
  },
};
