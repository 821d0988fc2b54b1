/**
 * CPU utilization: the fraction of available CPU time spent doing work. From samples of busy and idle
 * time (per interval, per core, or both), busy time is pooled over all samples:
 *
 *   utilization = Σ busy / Σ (busy + idle)      (a fraction from 0 to 1; × 100 for a percentage)
 *
 * Pooling weights each sample by its length, so a long idle stretch is not outvoted by a short busy
 * one. process-cpu-usage.ts and proc-stat.ts turn raw readings into utilizations. O(n).
 */
import { requireNonEmpty, requireNonNegative } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** Busy and idle CPU time over one sampling interval, in the same unit (e.g. ms or clock ticks). */
export interface CpuTimeSample {
  busy: number;
  idle: number;
}

/** Pooled utilization (0–1) over busy/idle samples. */
export function cpuUtilization(samples: readonly CpuTimeSample[]): number {
  const metric = "cpuUtilization";
  requireNonEmpty(metric, "samples", samples);
  let busy = 0;
  let total = 0;
  samples.forEach((sample, i) => {
    requireNonNegative(metric, `samples[${i}].busy`, sample.busy);
    requireNonNegative(metric, `samples[${i}].idle`, sample.idle);
    busy += sample.busy;
    total += sample.busy + sample.idle;
  });
  if (total === 0) {
    throw new MetricInputError(metric, "the samples cover no time (all busy and idle are 0)", "samples covering some time");
  }
  return busy / total;
}
