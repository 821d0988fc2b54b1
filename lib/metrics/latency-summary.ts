/**
 * Latency summary: the lecture's response-time statistics in one object — mean (typical), min (best
 * case), max (worst case) and percentiles p50, p95 (outliers) and p99. Used for response times and wait
 * times alike. Percentiles use the linear-interpolation definition documented in percentile.ts.
 *
 * Two ways in:
 * - `latencySummary(values)` computes it from raw durations: O(n log n) (one sort).
 * - `latencySummaryFromPrecomputed(summary)` accepts one computed elsewhere (e.g. from an HDR histogram
 *   in the load generator, which keeps no raw values) and checks that it is consistent: O(1). Take
 *   every field from the same source: an HDR histogram's percentiles are bucket edges, so mixing them
 *   with an exactly tracked min or max can break min ≤ p50 ≤ … ≤ max, which is refused.
 */
import { mean } from "simple-statistics";
import { MetricInputError } from "./metric-input-error.js";
import { requireNonNegative, requireNonNegativeValues } from "./input-checks.js";
import { percentileOfSorted } from "./percentile.js";
import { sortAscending } from "./sort-ascending.js";

/** Summary of a distribution of durations, all in the same unit (milliseconds in flashlab). */
export interface LatencySummary {
  /** How many durations were summarized. */
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Summarizes durations (≥ 0, finite, at least one). */
export function latencySummary(values: readonly number[]): LatencySummary {
  requireNonNegativeValues("latencySummary", "values", values);
  const sorted = sortAscending(values);
  return {
    count: sorted.length,
    mean: mean(sorted),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
  };
}

/**
 * Checks and returns a summary computed elsewhere: every field finite and ≥ 0, count a positive
 * integer, min ≤ p50 ≤ p95 ≤ p99 ≤ max and min ≤ mean ≤ max. Returns a copy with only the known fields.
 */
export function latencySummaryFromPrecomputed(summary: LatencySummary): LatencySummary {
  const metric = "latencySummaryFromPrecomputed";
  if (summary === null || typeof summary !== "object") {
    throw new MetricInputError(metric, `summary is ${String(summary)}`, "an object {count, mean, min, max, p50, p95, p99}");
  }
  const { count, mean: average, min, max, p50, p95, p99 } = summary;
  for (const [name, value] of Object.entries({ count, mean: average, min, max, p50, p95, p99 })) {
    requireNonNegative(metric, name, value);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new MetricInputError(metric, `count is ${count}`, "a whole number of durations ≥ 1");
  }
  const ordered: [string, number][] = [["min", min], ["p50", p50], ["p95", p95], ["p99", p99], ["max", max]];
  for (let i = 1; i < ordered.length; i++) {
    const [lowName, low] = ordered[i - 1] as [string, number];
    const [highName, high] = ordered[i] as [string, number];
    if (low > high) {
      throw new MetricInputError(metric, `${lowName} (${low}) exceeds ${highName} (${high})`, "min ≤ p50 ≤ p95 ≤ p99 ≤ max");
    }
  }
  if (average < min || average > max) {
    throw new MetricInputError(metric, `mean (${average}) lies outside [min ${min}, max ${max}]`, "min ≤ mean ≤ max");
  }
  return { count, mean: average, min, max, p50, p95, p99 };
}
