/**
 * Performance per unit cost (e.g. per dollar): operating cost as the denominator. The cost comes from a
 * stated model, so that the number can be reproduced and argued with. The model here is linear in the
 * platform's resources:
 *
 *   platform cost = fixed + perCore · cores + perGiB · memoryGiB      (per hour, per month... as stated)
 *   performance per unit cost = performance / platform cost
 *
 * O(1).
 */
import { requireNonNegative, requirePositive } from "./input-checks.js";

/** A linear cost model; all prices in one currency and one period (e.g. dollars per hour). */
export interface LinearCostModel {
  /** Cost of the platform regardless of size (chassis, licence...). */
  fixed: number;
  /** Cost per CPU core. */
  perCore: number;
  /** Cost per GiB of memory. */
  perGiB: number;
}

/** The platform's cost under the model. */
export function platformCost(model: LinearCostModel, resources: { cores: number; memoryGiB: number }): number {
  const metric = "platformCost";
  requireNonNegative(metric, "model.fixed", model.fixed);
  requireNonNegative(metric, "model.perCore", model.perCore);
  requireNonNegative(metric, "model.perGiB", model.perGiB);
  requireNonNegative(metric, "cores", resources.cores);
  requireNonNegative(metric, "memoryGiB", resources.memoryGiB);
  return model.fixed + model.perCore * resources.cores + model.perGiB * resources.memoryGiB;
}

/** Performance (e.g. requests/s) divided by cost (> 0). */
export function performancePerUnitCost(performance: number, cost: number): number {
  requireNonNegative("performancePerUnitCost", "performance", performance);
  requirePositive("performancePerUnitCost", "cost", cost);
  return performance / cost;
}
