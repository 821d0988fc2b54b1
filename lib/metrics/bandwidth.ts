/**
 * Bandwidth: bytes transferred per unit of time, as the Flash paper reports it (there in Mb/s).
 *
 *   bandwidth = total bytes / total time
 *
 * Units: "B/s" (bytes), "MB/s" (10^6 bytes) or "Mb/s" (10^6 bits, the paper's unit). O(1).
 */
import { MetricInputError } from "./metric-input-error.js";
import { ratePerSecond } from "./rate-per-second.js";

/** The units `bandwidth` can report in. */
export type BandwidthUnit = "B/s" | "MB/s" | "Mb/s";

const bytesPerUnit: Record<BandwidthUnit, number> = { "B/s": 1, "MB/s": 1e6, "Mb/s": 1e6 / 8 };

/** Bytes transferred per second over `durationS` seconds, in `unit` (bytes per second by default). */
export function bandwidth(totalBytes: number, durationS: number, unit: BandwidthUnit = "B/s"): number {
  const divisor = bytesPerUnit[unit];
  if (divisor === undefined) {
    throw new MetricInputError("bandwidth", `unit is ${String(unit)}`, `one of ${Object.keys(bytesPerUnit).join(", ")}`);
  }
  return ratePerSecond("bandwidth", "totalBytes", totalBytes, durationS) / divisor;
}
