/**
 * The control channel of `flashlab serve --control`, for a runner that started the server on another
 * host over SSH and has no other way in: one command per line on the server's stdin, one JSON reply per
 * line on its stdout (after the line that says where it listens). It rides on the SSH connection that
 * started the server, so it opens no port of its own. End of input stops the server, as SIGTERM does,
 * so a server whose runner or connection is gone does not stay behind.
 *
 *   stats   → { "kind": "stats", "stats": ServerStats }          (Infinity kept, see json-with-infinity)
 *   usage   → { "kind": "usage", "cpuSeconds", "elapsedMs", "memory" }   (the server's process tree, from /proc)
 *   other   → { "kind": "error", "message" }
 */
import type { ServerStats } from "./types.js";

export const controlCommands = ["stats", "usage"] as const;
export type ControlCommand = (typeof controlCommands)[number];

/** CPU time and memory of the server's whole process tree, read on its host. */
export interface ServerUsage {
  kind: "usage";
  /** CPU seconds of the tree so far (reaped children included), or null off Linux. */
  cpuSeconds: number | null;
  /** The server host's monotonic clock, ms: two readings give the wall time between them. */
  elapsedMs: number;
  memory: { rssBytes: number; pssBytes: number | null; processes: number } | null;
}

export type ControlReply = { kind: "stats"; stats: ServerStats } | ServerUsage | { kind: "error"; message: string };

/** The last line a remote wrapper prints when `flashlab serve` has exited: its exit status. */
export interface ServeExitLine {
  kind: "exit";
  status: number;
}
