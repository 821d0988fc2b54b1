/**
 * The one small interface every architecture model implements, the counterpart of lib/servers'
 * `Architecture`: each model's file (architectures/*.ts) declares what differs about it, the contexts it
 * runs (for their memory), how connections are accepted, and its dispatch: who runs each pipeline step
 * and what blocks whom. The pipeline, the machine and the clients never ask which architecture they serve.
 */
import type { ProcessBody } from "../process.js";
import type { Resource } from "../resource.js";
import type { ModelConnection } from "./model-connection.js";
import type { ServerModel, ServerModelConfig } from "./server-model.js";

/** The architectures the simulator models: lib/servers' seven, and SPED with asynchronous (io_uring-like) reads. */
export const simArchitectureNames = ["mp", "mt", "sped", "amped", "amted", "zeus", "apache", "sped-async"] as const;
export type SimArchitectureName = (typeof simArchitectureNames)[number];

/** The options only some architectures take. */
export type SimArchitectureOption = "workers" | "helpers" | "apache" | "acceptPolicy" | "maxConnections";

/** The contexts an architecture runs at most: each takes memory, and a serving one holds Flash caches. */
export interface ContextFootprint {
  processes: number;
  threads: number;
  /** Contexts with Flash caches of their own (each holds a data cache when it is on). */
  cacheOwners: number;
}

/** A built architecture: how it serves a connection, and what it reports. */
export interface ArchitectureDispatch {
  /**
   * The server's side of one connection, as a process: from its arrival until the server is done with
   * it (a context that serves one connection at a time: until the client closed). The pipeline tells the
   * connection when its response is handed to the socket; a connection turned away (503: every queue
   * full) is told `refuse()`.
   */
  serve(connection: ModelConnection): ProcessBody;
  /** Its event loops, pools and queues, grouped by what they are ("event loop", "workers", "helpers"), for utilization and queue statistics. */
  resources(): Record<string, readonly Resource[]>;
  /** Counters of its own (helper reads, pool size), by name. */
  counters?(): Record<string, number>;
}

export interface SimArchitecture {
  name: SimArchitectureName;
  /** One line: the contexts and who blocks whom. */
  summary: string;
  options: readonly SimArchitectureOption[];
  /** Contexts it starts with when `workers` is not given. */
  defaultWorkers: number;
  /** How connections reach the contexts; the first is the default. */
  acceptPolicies: readonly [ServerModelConfig["acceptPolicy"], ...Array<ServerModelConfig["acceptPolicy"]>];
  /** Flash's caches exist once per this kind of context. */
  cachesPer: "process" | "thread" | "event loop";
  footprint(config: ServerModelConfig): ContextFootprint;
  build(model: ServerModel): ArchitectureDispatch;
}

/** What a model declares about itself: for a real architecture, lib/servers/declarations.ts's entry. */
export type SimArchitectureDeclaration = Omit<SimArchitecture, "footprint" | "build">;
