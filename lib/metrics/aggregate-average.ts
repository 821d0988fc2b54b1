/**
 * Aggregate average: one typical value for a whole system made of several parts — e.g. the average task
 * time across all applications on a platform. Every task counts once, whichever part it came from, so
 * the values of all groups are pooled:
 *
 *   aggregate average = Σ over groups of Σ values / Σ over groups of counts
 *
 * This differs from the mean of the group means when groups differ in size (a busy application weighs
 * more). O(total number of values).
 */
import { mean } from "simple-statistics";
import { requireFiniteValues, requireNonEmpty } from "./input-checks.js";

/** The mean of all values of all groups, pooled. Each group must hold at least one finite value. */
export function aggregateAverage(groups: readonly (readonly number[])[]): number {
  requireNonEmpty("aggregateAverage", "groups", groups);
  groups.forEach((group, i) => requireFiniteValues("aggregateAverage", `groups[${i}]`, group));
  return mean(groups.flat());
}
