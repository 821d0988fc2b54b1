/**
 * The executor interface: how one kind of point is run. The runner plans the sweep, orders the runs,
 * writes the results and summarizes them; an executor only knows its settings, its metrics and how to
 * run one point once. The server-load executor (a flashlab server under the load generator) is the
 * common case; other kinds (the simulator's models) plug in by implementing this interface and being
 * listed in executors.ts.
 */
import type { ResolvedPlacement } from "./placement.js";
import type { ServerHostRecord } from "./run-folder.js";
import type { SettingsSchema } from "./settings.js";
import type { PointSettings, ServerHostSpec } from "./spec.js";

/** A metric an executor measures. */
export interface MetricDescriptor {
  unit: string;
  description: string;
}

/** How long one run loads its point. */
export interface RunTiming {
  warmupS: number;
  durationS: number;
}

/** What a run is given besides its point's settings. */
export interface RunContext {
  timing: RunTiming;
  /** The repetition (1-based). */
  rep: number;
  /** Seed for the run's own randomness: the spec's seed plus the repetition. */
  seed: number;
  /** Aborted when the sweep is interrupted: stop, clean up, and reject. */
  signal: AbortSignal;
}

/** What one run of one point measured. */
export interface RunOutcome {
  /** Every metric the executor measures; null where it could not be measured here. */
  metrics: Record<string, number | null>;
  /** What a reader must know about this run (e.g. disk misses in a window meant to be cached). */
  warnings: string[];
  /** The executor's own record: the server's configuration and stats, the load summary, … */
  details: Record<string, unknown>;
}

/** What a session is opened with. */
export interface SessionContext {
  placement: ResolvedPlacement;
  /** The spec's seed (workloads are built from it, so every run of a sweep sees the same files). */
  seed: number;
  signal: AbortSignal;
  /** A line about slow preparation (building a data set), for the user. */
  log(message: string): void;
  /** Run the server on this host, over SSH (only for an executor that declares `runsServerElsewhere`). */
  serverHost?: ServerHostSpec;
}

/** An executor's state for one sweep (workloads built, a client process started). */
export interface ExecutorSession {
  /** The server's host and its environment, when the server runs on another host; kept with every run. */
  readonly serverHost?: ServerHostRecord;
  run(settings: PointSettings, context: RunContext): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** One kind of point. */
export interface PointExecutor {
  name: string;
  /** One line for `--list` and errors. */
  description: string;
  settings: SettingsSchema;
  metrics: Record<string, MetricDescriptor>;
  /** True when its points can run their server on another host (a spec's `serverHost`). */
  runsServerElsewhere?: boolean;
  /** Problems that involve several settings of one point (after defaults), in words. */
  checkPoint?(settings: PointSettings): string[];
  /** A rough length of one run of this point, in seconds (for the estimate and the ETA). */
  estimateSeconds(settings: PointSettings, timing: RunTiming): number;
  /** Prepares a sweep over `points` (every distinct point of the plan) and returns its session. */
  open(points: readonly PointSettings[], context: SessionContext): Promise<ExecutorSession>;
}
