/**
 * Confidence interval for a median over n runs, by order statistics (distribution-free; no bootstrap,
 * so the result is deterministic). Sort the runs x₍₁₎ ≤ … ≤ x₍ₙ₎. The number B of runs below the true
 * median is Binomial(n, ½), so the interval [x₍ⱼ₎, x₍ₙ₋ⱼ₊₁₎] covers the median with probability
 *
 *   P(j ≤ B ≤ n − j) = 1 − 2 · P(B ≤ j − 1)
 *
 * The largest j whose coverage is still ≥ level gives the narrowest such interval; its exact coverage
 * is reported as `achievedLevel` (≥ level). With too few runs (n < 6 at 95%) even [min, max] covers
 * less than `level`: the interval is then [min, max] and `achievedLevel` (1 − 2⁻⁽ⁿ⁻¹⁾) says how much
 * it really covers. Needs n ≥ 2. O(n log n) for the sort.
 */
import { gammaln, median } from "simple-statistics";
import type { ConfidenceInterval } from "./confidence-interval.js";
import { requireConfidenceLevel, requireFiniteValues } from "./input-checks.js";
import { sortAscending } from "./sort-ascending.js";

/** A median with its order-statistic confidence interval. */
export interface MedianConfidenceInterval extends ConfidenceInterval {
  method: "order-statistic";
  /** The interval's exact coverage; below `level` only when n is too small for it. */
  achievedLevel: number;
  median: number;
  /** 1-based ranks of the order statistics that bound the interval. */
  lowerRank: number;
  upperRank: number;
}

/** Median with a distribution-free confidence interval at `level` (default 0.95) over at least 2 values. */
export function medianConfidenceInterval(values: readonly number[], level = 0.95): MedianConfidenceInterval {
  requireFiniteValues("medianConfidenceInterval", "values", values, 2);
  requireConfidenceLevel("medianConfidenceInterval", level);
  const sorted = sortAscending(values);
  const n = sorted.length;
  // Grow j while the interval one rank narrower still covers the median with probability ≥ level.
  let rank = 1;
  while (rank + 1 <= n - rank && 1 - 2 * binomialHalfCdf(n, rank) >= level) rank++;
  return {
    method: "order-statistic",
    n,
    level,
    achievedLevel: 1 - 2 * binomialHalfCdf(n, rank - 1),
    median: median(sorted),
    lower: sorted[rank - 1] as number,
    upper: sorted[n - rank] as number,
    lowerRank: rank,
    upperRank: n - rank + 1,
  };
}

/** P(B ≤ k) for B ~ Binomial(n, ½), summed in log space so that large n does not overflow. */
function binomialHalfCdf(n: number, k: number): number {
  let total = 0;
  for (let i = 0; i <= k; i++) {
    total += Math.exp(gammaln(n + 1) - gammaln(i + 1) - gammaln(n - i + 1) - n * Math.LN2);
  }
  return total;
}
