/**
 * Confidence interval for a mean over n runs (Student's t): how far the mean of these runs may be from
 * the mean of all possible runs. With sample standard deviation s (n − 1 in the denominator):
 *
 *   mean ± t_{(1+level)/2, n−1} · s / √n
 *
 * It assumes the runs are independent and their mean roughly normal; on a noisy shared machine a few
 * outlier runs widen it a lot, so report the median with its interval (median-confidence-interval.ts)
 * alongside. Needs n ≥ 2. O(n).
 */
import { mean, sampleStandardDeviation } from "simple-statistics";
import type { ConfidenceInterval } from "./confidence-interval.js";
import { requireConfidenceLevel, requireFiniteValues } from "./input-checks.js";
import { studentTQuantile } from "./student-t.js";

/** A mean with its two-sided t-based confidence interval. */
export interface MeanConfidenceInterval extends ConfidenceInterval {
  method: "student-t";
  mean: number;
  /** t · s / √n: the interval is mean ± halfWidth. */
  halfWidth: number;
}

/** Mean ± t-based confidence interval at `level` (default 0.95) over at least 2 values. */
export function meanConfidenceInterval(values: readonly number[], level = 0.95): MeanConfidenceInterval {
  requireFiniteValues("meanConfidenceInterval", "values", values, 2);
  requireConfidenceLevel("meanConfidenceInterval", level);
  const n = values.length;
  const center = mean(values as number[]);
  const halfWidth = (studentTQuantile((1 + level) / 2, n - 1) * sampleStandardDeviation(values as number[])) / Math.sqrt(n);
  return { method: "student-t", n, level, mean: center, lower: center - halfWidth, upper: center + halfWidth, halfWidth };
}
