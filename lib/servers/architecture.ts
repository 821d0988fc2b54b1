/**
 * The one small interface every architecture implements (the shape of nginx's event-module actions
 * table): how the server's execution contexts are started, who accepts, who runs the pipeline's
 * steps and who blocks on the disk. The pipeline (lib/http) and the disk (lib/storage) never know
 * which architecture runs them. An architecture runs inside the server's top process.
 */
import type { DiskHandle } from "../storage/index.js";
import type { ContextReport } from "./context-report.js";
import type { ArchitectureName, HelperStats, PoolSample, ServerConfig } from "./types.js";

/** What an architecture reports, beyond the counters of its contexts. */
export interface ArchitectureReport extends ContextReport {
  helpers?: HelperStats;
  pool?: PoolSample[];
  replacedWorkers: number;
}

/** An architecture's running instance. */
export interface RunningArchitecture {
  /** The port it listens on. */
  port: number;
  /** Asks every context for its report (a dead or silent context is reported as not alive). */
  report(): Promise<ArchitectureReport>;
  /** Stops accepting, lets in-flight requests finish within `graceMs`, then ends every context. */
  stop(graceMs: number): Promise<void>;
}

export interface Architecture {
  name: ArchitectureName;
  /** One line: the contexts and who blocks whom. */
  summary: string;
  start(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture>;
}
