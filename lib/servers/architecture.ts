/**
 * The one small interface every architecture implements (the shape of nginx's event-module actions
 * table), and the roles its execution contexts run. An architecture's file declares everything that
 * differs about it: its options and their defaults, how connections are accepted, how far Flash's
 * caches are shared, the roles of its contexts, and how it starts them. The pipeline (lib/http), the
 * disk (lib/storage), the supervisor and the CLI never ask which architecture they serve.
 */
import type { DiskHandle } from "../storage/index.js";
import type { Channel } from "./channel.js";
import type { LaunchExtra } from "./context-launch.js";
import type { ContextReport } from "./context-report.js";
import type { FromContext, ToContext } from "./messages.js";
import type { ArchitectureDeclaration } from "./declarations.js";
import type { HelperStats, PoolSample, ServerConfig } from "./types.js";

export type { ArchitectureOption } from "./declarations.js";

/** What an architecture reports, beyond the counters of its contexts. */
export interface ArchitectureReport extends ContextReport {
  helpers?: HelperStats;
  pool?: PoolSample[];
  replacedWorkers: number;
  /** Contexts that exited (retired by a pool, or died) whose counts are included. */
  departedContexts: number;
}

/** An architecture's running instance. */
export interface RunningArchitecture {
  /** The port it listens on. */
  port: number;
  /** Asks every context for its report (a dead or silent context is reported as not alive). */
  report(): Promise<ArchitectureReport>;
  /** Stops accepting, finishes what was received within `graceMs`, then ends every context. */
  stop(graceMs: number): Promise<void>;
}

/** Where a context's code runs and what it is told at start. */
export interface RoleContext {
  config: ServerConfig;
  /** The server's disk (absent only for the server's top process, which creates it). */
  disk: DiskHandle | undefined;
  extra: LaunchExtra;
  /** The channel to whoever started this context, typed by the role. */
  parent<Send, Receive>(): Channel<Send, Receive>;
}

/** A kind of execution context: the code a process or thread of a server runs, by name. */
export interface Role {
  name: string;
  run(context: RoleContext): Promise<void> | void;
}

/** The context side of a supervised context's channel. */
export type ContextChannel = Channel<FromContext, ToContext>;

export interface Architecture extends ArchitectureDeclaration {
  /** The roles its contexts run (besides the server's top process). */
  roles: readonly Role[];
  start(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture>;
}

/** The disk of a context that needs one; a clear error if it was started without. */
export function diskOf(context: RoleContext): DiskHandle {
  if (!context.disk) throw new Error("flashlab: this context needs the server's disk, and was started without one");
  return context.disk;
}
