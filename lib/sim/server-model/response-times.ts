/**
 * The response times of a simulated load: their exact mean (a `Tally`) and percentiles from a bounded
 * sample: every time while fewer than `capacity` were seen, then a uniform reservoir sample (Vitter's
 * algorithm R, seeded) of `capacity` of them, so that a run of millions of requests keeps bounded memory.
 */
import { percentileOfSorted } from "../../metrics/percentile.js";
import type { Rng } from "../../runtime/random.js";
import { Tally } from "../tally.js";

export interface ResponseTimeSummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class ResponseTimes {
  readonly tally = new Tally();
  private sample: Float64Array;
  private kept = 0;

  constructor(
    private readonly rng: Rng,
    private readonly capacity = 1_000_000,
  ) {
    this.sample = new Float64Array(Math.min(capacity, 4096));
  }

  add(ms: number): void {
    this.tally.add(ms);
    if (this.kept < this.capacity) {
      if (this.kept === this.sample.length) {
        const bigger = new Float64Array(Math.min(this.capacity, this.sample.length * 2));
        bigger.set(this.sample);
        this.sample = bigger;
      }
      this.sample[this.kept++] = ms;
      return;
    }
    const slot = Math.floor(this.rng.next() * this.tally.count);
    if (slot < this.capacity) this.sample[slot] = ms;
  }

  /** Mean, percentiles (linear interpolation, lib/metrics) and maximum, ms; NaN with none. */
  summary(): ResponseTimeSummary {
    if (this.kept === 0) return { mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
    const sorted = Array.from(this.sample.subarray(0, this.kept)).sort((a, b) => a - b);
    return {
      mean: this.tally.mean,
      p50: percentileOfSorted(sorted, 50),
      p95: percentileOfSorted(sorted, 95),
      p99: percentileOfSorted(sorted, 99),
      max: this.tally.max,
    };
  }
}
