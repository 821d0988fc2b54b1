/**
 * Platform efficiency: how much throughput a platform delivers for the resources it holds — requests/s
 * per core, per GB of memory, per machine. It is the operator's trade-off between revenue (throughput)
 * and cost (resources):
 *
 *   platform efficiency = throughput / resource amount
 *
 * O(1).
 */
import { requireNonNegative, requirePositive } from "./input-checks.js";

/** Throughput per unit of resource (e.g. requests/s per core). */
export function platformEfficiency(throughputPerS: number, resourceAmount: number): number {
  requireNonNegative("platformEfficiency", "throughputPerS", throughputPerS);
  requirePositive("platformEfficiency", "resourceAmount", resourceAmount);
  return throughputPerS / resourceAmount;
}
