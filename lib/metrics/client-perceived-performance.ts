/**
 * Client-perceived performance: does the client get the rate it can perceive, interval after interval?
 * A video viewer sees at most about 30 frames/s, so what matters is not the mean frame rate but the
 * share of intervals (say, each second) that deliver at least 30 frames.
 *
 * Given event timestamps (frames, responses...) and an interval length L, the window [startMs, endMs)
 * is cut into K = ⌊(endMs − startMs) / L⌋ whole intervals [startMs + k·L, startMs + (k+1)·L). An
 * interval's rate is its event count divided by L in seconds. A trailing partial interval is not judged
 * (its rate would be understated), and events outside the intervals are ignored. By default the window
 * runs from the first to the last event; pass startMs/endMs to judge a fixed window (intervals with no
 * events then count, at rate 0).
 *
 *   client-perceived performance = #{intervals with rate ≥ floor} / K
 *
 * O(n + K).
 */
import { requireFinite, requireFiniteValues, requireNonNegative, requirePositive } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** How to cut event timestamps into intervals. */
export interface IntervalWindow {
  /** Interval length in ms (e.g. 1000 for per-second rates). */
  intervalMs: number;
  /** Start of the first interval; defaults to the earliest event. */
  startMs?: number;
  /** End of the judged window; defaults to the latest event. */
  endMs?: number;
}

/** Event rate (events per second) in each whole interval of the window, in time order. */
export function eventRatesPerInterval(eventTimesMs: readonly number[], window: IntervalWindow): number[] {
  const metric = "eventRatesPerInterval";
  requireFiniteValues(metric, "eventTimesMs", eventTimesMs);
  requirePositive(metric, "intervalMs", window.intervalMs);
  const startMs = window.startMs ?? Math.min(...eventTimesMs);
  const endMs = window.endMs ?? Math.max(...eventTimesMs);
  requireFinite(metric, "startMs", startMs);
  requireFinite(metric, "endMs", endMs);
  const intervals = Math.floor((endMs - startMs) / window.intervalMs);
  if (intervals < 1) {
    throw new MetricInputError(
      metric,
      `the window [${startMs}, ${endMs}] ms is shorter than one interval of ${window.intervalMs} ms`,
      "a window (or span of events) at least one interval long",
    );
  }
  const counts = new Array<number>(intervals).fill(0);
  for (const time of eventTimesMs) {
    const index = Math.floor((time - startMs) / window.intervalMs);
    if (index >= 0 && index < intervals) counts[index] = (counts[index] as number) + 1;
  }
  const intervalS = window.intervalMs / 1000;
  return counts.map((count) => count / intervalS);
}

/** Fraction (0–1) of whole intervals whose event rate is at least `minRatePerS` events per second. */
export function clientPerceivedPerformance(
  eventTimesMs: readonly number[],
  window: IntervalWindow & { minRatePerS: number },
): number {
  requireNonNegative("clientPerceivedPerformance", "minRatePerS", window.minRatePerS);
  const rates = eventRatesPerInterval(eventTimesMs, window);
  return rates.filter((rate) => rate >= window.minRatePerS).length / rates.length;
}
