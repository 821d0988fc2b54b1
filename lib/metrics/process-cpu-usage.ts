/**
 * CPU utilization of this Node process from two `process.cpuUsage()` readings taken `wallMs` apart.
 * cpuUsage reports user and system CPU time in microseconds, summed over all the process's threads:
 *
 *   utilization = ((user₂ − user₁) + (system₂ − system₁)) / 1000 / (wallMs · cores)
 *
 * With cores = 1 a fully busy single thread gives 1; a process running two busy threads gives 2 unless
 * cores = 2 is passed. The result is not clamped: coarse clocks can push it slightly above the ideal.
 * O(1).
 */
import { requireNonNegative, requirePositive } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** A `process.cpuUsage()` reading: CPU time in microseconds. */
export interface ProcessCpuUsageReading {
  user: number;
  system: number;
}

/** Utilization between two readings over `wallMs` of wall-clock time on `cores` cores (default 1). */
export function cpuUtilizationFromProcessUsage(
  before: ProcessCpuUsageReading,
  after: ProcessCpuUsageReading,
  wallMs: number,
  cores = 1,
): number {
  const metric = "cpuUtilizationFromProcessUsage";
  for (const [name, value] of [["before.user", before.user], ["before.system", before.system], ["after.user", after.user], ["after.system", after.system]] as const) {
    requireNonNegative(metric, name, value);
  }
  requirePositive(metric, "wallMs", wallMs);
  requirePositive(metric, "cores", cores);
  if (after.user < before.user || after.system < before.system) {
    throw new MetricInputError(metric, "the 'after' reading is smaller than the 'before' reading", "readings in the order they were taken, from the same process");
  }
  const cpuMicros = after.user - before.user + (after.system - before.system);
  return cpuMicros / 1000 / (wallMs * cores);
}
