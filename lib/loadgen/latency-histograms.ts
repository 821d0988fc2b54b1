/**
 * HDR histograms of the load generator's latencies (microsecond resolution, 3 significant digits, any
 * range). The main thread records every measured request's response and wait times from the record
 * blocks the threads hand over, a block at a time, so the load-generating threads do no histogram work
 * per request. The histograms give the full latency distribution (for percentile plots) at a fixed
 * memory cost.
 *
 * `BatchedLatencyHistogram` makes recording cheap: durations below 65.536 ms are tallied per whole
 * microsecond in a plain array of counts, and moved into the HDR histogram (one `recordValueWithCount`
 * per distinct value) when the histogram is read. A histogram counts values, not their order, so the
 * result is exactly the one that recording each value would give.
 */
import * as hdr from "hdr-histogram-js";
import type { Histogram } from "hdr-histogram-js";

export type { Histogram as LatencyHistogram } from "hdr-histogram-js";

/** An empty latency histogram in microseconds (values from 1 µs up, auto-resizing, 3 significant digits). */
export function createLatencyHistogram(): Histogram {
  return hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

/** Durations below this many µs are tallied before they reach the HDR histogram. */
const tallyLimitUs = 65_536;
/** Tallied values moved into the histogram at the latest after this many (so no count can overflow). */
const maxTallied = 2 ** 31;

/** An HDR latency histogram (µs) fed in batches; see the module header. */
export class BatchedLatencyHistogram {
  private readonly histogram = createLatencyHistogram();
  private readonly tally = new Uint32Array(tallyLimitUs);
  private tallied = 0;

  /** Records a duration given in milliseconds (rounded to whole microseconds, negatives as 0). */
  recordMs(durationMs: number): void {
    const micros = Math.round(durationMs * 1000);
    const value = micros > 0 ? micros : 0;
    if (value >= tallyLimitUs) {
      this.histogram.recordValue(value);
      return;
    }
    this.tally[value] = (this.tally[value] as number) + 1;
    if (++this.tallied === maxTallied) this.moveTally();
  }

  /** The HDR histogram holding every duration recorded so far. */
  histogramNow(): Histogram {
    if (this.tallied > 0) this.moveTally();
    return this.histogram;
  }

  private moveTally(): void {
    const tally = this.tally;
    for (let value = 0; value < tallyLimitUs; value++) {
      const count = tally[value] as number;
      if (count === 0) continue;
      this.histogram.recordValueWithCount(value, count);
      tally[value] = 0;
    }
    this.tallied = 0;
  }
}

/** A latency summary in milliseconds from a microsecond histogram, or null when it is empty. */
export function latencySummaryFromHistogram(histogram: Histogram): { count: number; mean: number; min: number; max: number; p50: number; p95: number; p99: number } | null {
  if (histogram.totalCount === 0) return null;
  const ms = (micros: number) => micros / 1000;
  const min = histogram.getValueAtPercentile(0);
  return {
    count: histogram.totalCount,
    mean: ms(histogram.mean),
    min: ms(min),
    max: ms(histogram.maxValue),
    p50: ms(histogram.getValueAtPercentile(50)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
  };
}
