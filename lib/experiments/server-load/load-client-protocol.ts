/**
 * The messages between a sweep and its load-client process (load-client.ts starts it,
 * load-client-entry.ts runs in it): one JSON object per line, commands on the child's stdin, replies on
 * its stdout. Times that cross the process boundary are in ms since the Unix epoch, read as
 * performance.timeOrigin + performance.now() on both sides.
 */
import type { LoadOptions, LoadSummary, ResolvedLoadOptions } from "../../loadgen/index.js";

/** The load of one phase (prime, warm-up or measured window), as plain data. */
export interface ClientLoad extends Pick<LoadOptions, "clientDelayMs" | "clientKbps"> {
  url: string;
  /** The workload folder whose paths are requested. */
  workloadFolder: string;
  /** "stream": the workload's request stream, cycled; "every-file-once": each file it requests, once. */
  requests: "stream" | "every-file-once";
  clients: number;
  http: "1.0" | "1.1";
  thinkMs: number;
  /** Seconds to run ("stream" only). */
  durationS?: number;
  /**
   * Where in the stream to begin ("stream" only; default 0, wrapping past its end): the measured window
   * begins where the warm-up stopped, so that it continues the stream instead of replaying what the
   * warm-up just requested (which the cache would still hold).
   */
  startAt?: number;
  timeoutMs: number;
  threads: number;
  seed: number;
}

export type LoadClientCommand = { id: number; type: "load"; load: ClientLoad };

export type LoadClientReply =
  | {
      id: number;
      type: "result";
      summary: LoadSummary;
      parameters: ResolvedLoadOptions;
      /** When the measured phase began, in ms since the Unix epoch (performance.timeOrigin + now); null if the load never said. */
      measuredStartEpochMs: number | null;
    }
  | { id: number; type: "error"; message: string };
