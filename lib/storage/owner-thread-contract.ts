/**
 * What the top process and the simulated disk's owner thread exchange: the thread's start data, its
 * messages, and the layout of the shared statistics slots.
 */
import type { BufferCacheStats } from "./buffer-cache-model.js";
import type { SimDiskParams } from "./disk.js";

/** What the top process hands the owner thread. */
export interface DiskOwnerThreadData {
  requestFd: number;
  params: SimDiskParams;
  /** Float64 slots, in `ownerStatsFields` order, that the owner keeps current for the top process. */
  statsBuffer: SharedArrayBuffer;
}

/** Messages from the owner thread: reply-FIFO descriptors it opened or closed (closed by the top process if the thread dies). */
export type DiskOwnerThreadMessage = { opened: number } | { closed: number };

/** Values of the `state` slot: the owner thread's life, readable by the top process at any time. */
export const ownerState = { starting: 0, listening: 1, stopped: 2 } as const;

/** The order of the shared statistics slots. */
export const ownerStatsFields = [
  "lookups",
  "hits",
  "misses",
  "joins",
  "residencyChecks",
  "evictions",
  "residentChunks",
  "residentBytes",
  "peakInFlight",
  "clients",
  "state",
] as const satisfies ReadonlyArray<keyof BufferCacheStats | "clients" | "state">;
