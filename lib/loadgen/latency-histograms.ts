/**
 * HDR histograms of the load generator's latencies. Each worker thread records response and wait times
 * into its own histograms (microsecond resolution, 3 significant digits, any range), encodes them when it
 * finishes, and the main thread decodes and adds them into one distribution per metric. The merged
 * histograms give the full latency distribution (for percentile plots) at a fixed memory cost.
 */
import * as hdr from "hdr-histogram-js";
import type { Histogram } from "hdr-histogram-js";

export type { Histogram as LatencyHistogram } from "hdr-histogram-js";

/** An empty latency histogram in microseconds (values from 1 µs up, auto-resizing, 3 significant digits). */
export function createLatencyHistogram(): Histogram {
  return hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

/** Records a duration given in milliseconds (rounded to whole microseconds, negatives as 0). */
export function recordLatencyMs(histogram: Histogram, durationMs: number): void {
  const micros = Math.round(durationMs * 1000);
  histogram.recordValue(micros > 0 ? micros : 0);
}

/** The histogram as compressed base64 text, to post from a worker thread. */
export function encodeLatencyHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Adds encoded histograms (from every thread) into one new histogram. */
export function mergeEncodedLatencyHistograms(encoded: readonly string[]): Histogram {
  const merged = createLatencyHistogram();
  for (const text of encoded) merged.add(hdr.decodeFromCompressedBase64(text, 32));
  return merged;
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
