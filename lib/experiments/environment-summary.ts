/**
 * A captured environment as a short property/value list: the testbed line that goes above every
 * table or plot of timings (CPU, cores, affinity, load, runtime, commit, profile, time).
 */
import type { EnvironmentRecord } from "./environment.js";

export interface EnvironmentSummaryRow {
  property: string;
  value: string;
}

/** The facts a reader needs to judge a timing, in display order; unknown values read "unknown". */
export function summarizeEnvironment(environment: EnvironmentRecord): EnvironmentSummaryRow[] {
  const load = environment.loadAverage;
  const commit = environment.gitCommit;
  return [
    { property: "CPU", value: environment.cpuModel ?? "unknown" },
    { property: "logical cores", value: environment.logicalCores === null ? "unknown" : String(environment.logicalCores) },
    { property: "CPUs this process may use", value: environment.cpuAffinity?.list ?? "unknown" },
    {
      property: "load average (1, 5, 15 min)",
      value: load ? [load.oneMinute, load.fiveMinutes, load.fifteenMinutes].map((value) => value.toFixed(2)).join(", ") : "unknown",
    },
    { property: "Node.js", value: environment.nodeVersion },
    { property: "flashlab commit", value: commit ? `${commit.slice(0, 12)}${environment.gitDirty ? " (modified)" : ""}` : "unknown" },
    { property: "profile", value: environment.env.FLASHLAB_PROFILE ?? "quick" },
    { property: "captured at", value: environment.capturedAt },
  ];
}
