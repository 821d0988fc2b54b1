/**
 * The simulated disk's parameters: defaults, validation with errors that say what is accepted, and the
 * cost of one miss.
 */
import type { SimDiskParams } from "./disk.js";

/** Bytes in one MB, for both bandwidth (MB/s) and cache capacity (MB). */
export const bytesPerMB = 1024 * 1024;

/** Options for the simulated disk; omitted fields take `defaultSimDiskParams`. */
export interface SimDiskOptions {
  latencyMs?: number;
  bandwidthMBps?: number;
  cacheMB?: number;
  parallelism?: number;
}

/** A late-1990s disk behind a modest buffer cache: 10 ms per miss, 20 MB/s, 64 MB, misses overlap freely. */
export const defaultSimDiskParams: Readonly<SimDiskParams> = Object.freeze({
  latencyMs: 10,
  bandwidthMBps: 20,
  cacheMB: 64,
  parallelism: Infinity,
});

/** Thrown for simulated-disk parameters outside their accepted range. */
export class DiskOptionsError extends RangeError {
  override name = "DiskOptionsError";
}

/** Fills in defaults and checks every parameter; throws `DiskOptionsError` naming the bad one. */
export function validateSimDiskOptions(options: SimDiskOptions = {}): SimDiskParams {
  const params: SimDiskParams = { ...defaultSimDiskParams, ...withoutUndefined(options) };
  const { latencyMs, bandwidthMBps, cacheMB, parallelism } = params;
  if (typeof latencyMs !== "number" || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new DiskOptionsError(`disk latency must be a finite number of milliseconds ≥ 0 (got ${String(latencyMs)})`);
  }
  if (typeof bandwidthMBps !== "number" || Number.isNaN(bandwidthMBps) || bandwidthMBps <= 0) {
    throw new DiskOptionsError(
      `disk bandwidth must be a number of MB/s > 0, or Infinity for no transfer cost (got ${String(bandwidthMBps)})`,
    );
  }
  if (typeof cacheMB !== "number" || !Number.isFinite(cacheMB) || cacheMB < 0) {
    throw new DiskOptionsError(`buffer-cache size must be a finite number of MB ≥ 0 (got ${String(cacheMB)})`);
  }
  const wholeParallelism = Number.isInteger(parallelism) || parallelism === Infinity;
  if (typeof parallelism !== "number" || !wholeParallelism || parallelism < 1) {
    throw new DiskOptionsError(
      `disk parallelism must be a whole number ≥ 1, or Infinity for unlimited overlap (got ${String(parallelism)})`,
    );
  }
  return params;
}

/** Milliseconds one miss of a `size`-byte chunk costs: latency + size / bandwidth. */
export function missCostMs(params: SimDiskParams, size: number): number {
  const transferMs = params.bandwidthMBps === Infinity ? 0 : (size / (params.bandwidthMBps * bytesPerMB)) * 1000;
  return params.latencyMs + transferMs;
}

function withoutUndefined(options: SimDiskOptions): SimDiskOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
