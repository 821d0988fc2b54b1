/**
 * A tally of observations (response times, waits): count, mean, variance, min and max, updated one
 * observation at a time with Welford's method, which stays accurate where the textbook
 * Σx² − n·mean² loses digits to cancellation. O(1) per observation, nothing stored or allocated.
 * `reset` forgets everything (warm-up removal).
 */
export class Tally {
  private n = 0;
  private runningMean = 0;
  /** Σ (x − mean)², kept up to date by Welford's recurrence. */
  private squaredDeviations = 0;
  private lowest = Number.POSITIVE_INFINITY;
  private highest = Number.NEGATIVE_INFINITY;

  /** How many observations. */
  get count(): number {
    return this.n;
  }

  /** Their mean; NaN with none. */
  get mean(): number {
    return this.n > 0 ? this.runningMean : Number.NaN;
  }

  /** Their sample variance (n − 1 in the denominator); NaN with fewer than 2. */
  get variance(): number {
    return this.n > 1 ? this.squaredDeviations / (this.n - 1) : Number.NaN;
  }

  /** The smallest observation; NaN with none. */
  get min(): number {
    return this.n > 0 ? this.lowest : Number.NaN;
  }

  /** The largest observation; NaN with none. */
  get max(): number {
    return this.n > 0 ? this.highest : Number.NaN;
  }

  /** Records one observation (a finite number; the caller's model guarantees it). */
  add(value: number): void {
    const n = ++this.n;
    const delta = value - this.runningMean;
    this.runningMean += delta / n;
    this.squaredDeviations += delta * (value - this.runningMean);
    if (value < this.lowest) this.lowest = value;
    if (value > this.highest) this.highest = value;
  }

  /** Forgets every observation. */
  reset(): void {
    this.n = 0;
    this.runningMean = 0;
    this.squaredDeviations = 0;
    this.lowest = Number.POSITIVE_INFINITY;
    this.highest = Number.NEGATIVE_INFINITY;
  }
}
