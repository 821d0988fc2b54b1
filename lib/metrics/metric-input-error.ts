/**
 * MetricInputError: the one error every metric throws for bad input (empty arrays, NaN, negative
 * durations, mismatched lengths, out-of-range percentiles...). Its message names the metric, says what
 * was wrong, and says what is accepted, so a notebook user can fix the call without reading the source.
 */

/** Thrown by a metric when its input cannot give a meaningful value. */
export class MetricInputError extends Error {
  override readonly name = "MetricInputError";
  /** The metric (function) that refused the input, e.g. "percentile". */
  readonly metric: string;

  /**
   * @param metric the function that refused the input
   * @param problem what was wrong, e.g. "p is 120"
   * @param accepted what would have been accepted, e.g. "a percentile from 0 to 100"
   */
  constructor(metric: string, problem: string, accepted: string) {
    super(`${metric}: ${problem}; expected ${accepted}`);
    this.metric = metric;
  }
}
