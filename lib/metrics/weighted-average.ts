/**
 * Weighted average: an average where some values count more than others — e.g. task times weighted by
 * task priority, or per-file latencies weighted by how often each file is requested:
 *
 *   weighted average = Σ wᵢ · xᵢ / Σ wᵢ      (weights ≥ 0, not all 0)
 *
 * Computed with simple-statistics' weightedMean (compensated summation). O(n).
 */
import { weightedMean } from "simple-statistics";
import { requireFiniteValues, requireSameLength } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** Σ wᵢxᵢ / Σ wᵢ over paired values and weights. */
export function weightedAverage(values: readonly number[], weights: readonly number[]): number {
  const metric = "weightedAverage";
  requireFiniteValues(metric, "values", values);
  requireFiniteValues(metric, "weights", weights);
  requireSameLength(metric, "values", values, "weights", weights);
  weights.forEach((weight, i) => {
    if (weight < 0) throw new MetricInputError(metric, `weights[${i}] is negative (${weight})`, "weights ≥ 0");
  });
  if (weights.every((weight) => weight === 0)) {
    throw new MetricInputError(metric, "all weights are 0", "at least one positive weight");
  }
  return weightedMean(values as number[], weights as number[]);
}
