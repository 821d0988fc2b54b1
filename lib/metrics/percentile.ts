/**
 * Percentile: the value below which a given share of the observations fall. "p95 response time" is the
 * time that 95% of requests beat; it exposes the slow tail that a mean hides.
 *
 * Definition used throughout flashlab: **linear interpolation between closest ranks**, also known as
 * R's type 7, NumPy's default (`method="linear"`) and Excel's PERCENTILE.INC; it is simple-statistics'
 * `quantileSorted` (v7.12). For n values sorted ascending x[0] ≤ … ≤ x[n−1] and p from 0 to 100:
 *
 *   h = (n − 1) · p / 100,   percentile = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌈h⌉] − x[⌊h⌋])
 *
 * So p = 0 is the minimum, p = 100 the maximum, p = 50 the median, and a result may fall between two
 * observed values. Example: for 1..10, p95 gives h = 8.55, so 9 + 0.55 · (10 − 9) = 9.55.
 * (HDR histograms and wrk report their own, bucketed percentiles; those are not recomputed here.)
 *
 * Cost: O(n log n) for the sort; `percentiles` sorts once for many ranks; `percentileOfSorted` is O(1)
 * on an already sorted array.
 */
import { quantileSorted } from "simple-statistics";
import { MetricInputError } from "./metric-input-error.js";
import { requireFinite, requireFiniteValues } from "./input-checks.js";
import { sortAscending } from "./sort-ascending.js";

/** The p-th percentile (0–100, default 95) of the values, by linear interpolation (see above). */
export function percentile(values: readonly number[], p = 95): number {
  requirePercentileRank("percentile", p);
  requireFiniteValues("percentile", "values", values);
  return quantileSorted(sortAscending(values), p / 100);
}

/** Several percentiles of the same values (one sort), in the order of `ranks`, e.g. [50, 90, 99.9]. */
export function percentiles(values: readonly number[], ranks: readonly number[]): number[] {
  ranks.forEach((p) => requirePercentileRank("percentiles", p));
  requireFiniteValues("percentiles", "values", values);
  const sorted = sortAscending(values);
  return ranks.map((p) => quantileSorted(sorted, p / 100));
}

/**
 * The p-th percentile (0–100, default 95) of values already sorted ascending. Sortedness is the caller's
 * promise and is not checked (that would cost O(n)); emptiness and p are checked.
 */
export function percentileOfSorted(sortedValues: readonly number[], p = 95): number {
  requirePercentileRank("percentileOfSorted", p);
  if (sortedValues.length === 0) {
    throw new MetricInputError("percentileOfSorted", "sortedValues is empty", "at least one value");
  }
  return quantileSorted(sortedValues, p / 100);
}

function requirePercentileRank(metric: string, p: number): void {
  requireFinite(metric, "p", p);
  if (p < 0 || p > 100) {
    throw new MetricInputError(metric, `p is ${p}`, "a percentile from 0 to 100 (95 means p95)");
  }
}
