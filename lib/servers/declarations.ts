/**
 * What each architecture declares about itself, as plain data: its one-line summary, the options it
 * takes, its default number of contexts, how connections reach them and where Flash's caches live. The
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
}

export const architectureDeclarations: { readonly [Name in ArchitectureName]: ArchitectureDeclaration & { name: Name } } = {
  mp: {
    name: "mp",
    summary: "N processes, one connection each at a time, blocking reads; the master hands connections to idle workers",
    options: ["workers", "acceptPolicy"],
    defaultWorkers: 4,
    acceptPolicies: ["master-handoff", "reuseport"],
    cachesPer: "process",
  },
  mt: {
    name: "mt",
    summary: "N threads, one connection each at a time, blocking reads; each thread accepts on its own SO_REUSEPORT listener",
    options: ["workers"],
    defaultWorkers: 4,
    acceptPolicies: ["reuseport"],
    cachesPer: "thread",
  },
  sped: {
    name: "sped",
    summary: "one event loop in one thread; a disk miss blocks the whole loop",
    options: ["maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
  },
  amped: {
    name: "amped",
    summary: "one event loop; disk misses go to helper processes over pipes; only a helper blocks on a miss",
    options: ["helpers", "maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
  },
  amted: {
    name: "amted",
    summary: "one event loop; disk misses go to helper threads; only a helper blocks on a miss",
    options: ["helpers", "maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
  },
  zeus: {
    name: "zeus",
    summary: "k SPED processes, each its own event loop on a SO_REUSEPORT listener; a miss stalls one of them",
    options: ["workers", "maxConnections"],
    defaultWorkers: 2,
    acceptPolicies: ["reuseport"],
    cachesPer: "process",
  },
  apache: {
    name: "apache",
    summary: "processes × threads (worker MPM); the process count grows and shrinks with idle threads between a min and a max",
    options: ["workers", "apache"],
    defaultWorkers: 1,
    acceptPolicies: ["reuseport"],
    cachesPer: "thread",
  },
};
