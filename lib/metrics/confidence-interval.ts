/**
 * ConfidenceInterval: what every interval estimate in flashlab shares, so that a table or a plot can
 * draw error bars from either a mean's (mean-confidence-interval.ts) or a median's
 * (median-confidence-interval.ts) interval.
 */

/** A two-sided interval estimate over n runs. */
export interface ConfidenceInterval {
  /** How the interval was computed, e.g. "student-t" or "order-statistic". */
  method: string;
  /** Number of runs (values) it was computed from. */
  n: number;
  /** The confidence level asked for, e.g. 0.95. */
  level: number;
  lower: number;
  upper: number;
}
