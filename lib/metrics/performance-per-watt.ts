/**
 * Performance per watt: energy efficiency. Power comes from a stated model. The usual linear server
 * power model (Fan, Weber and Barroso, ISCA 2007) interpolates between idle and peak power with CPU
 * utilization u:
 *
 *   power = idleWatts + (peakWatts − idleWatts) · u
 *   performance per watt = performance / power      (requests/s per W = requests per joule)
 *
 * O(1).
 */
import { requireFraction, requireNonNegative, requirePositive } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** A linear power model, in watts. */
export interface LinearPowerModel {
  idleWatts: number;
  peakWatts: number;
}

/** Power drawn at utilization u (0–1) under the model, in watts. */
export function powerDraw(model: LinearPowerModel, utilization: number): number {
  const metric = "powerDraw";
  requireNonNegative(metric, "model.idleWatts", model.idleWatts);
  requirePositive(metric, "model.peakWatts", model.peakWatts);
  if (model.peakWatts < model.idleWatts) {
    throw new MetricInputError(metric, `peakWatts (${model.peakWatts}) is below idleWatts (${model.idleWatts})`, "idleWatts ≤ peakWatts");
  }
  requireFraction(metric, "utilization", utilization);
  return model.idleWatts + (model.peakWatts - model.idleWatts) * utilization;
}

/** Performance (e.g. requests/s) per watt (> 0). */
export function performancePerWatt(performance: number, watts: number): number {
  requireNonNegative("performancePerWatt", "performance", performance);
  requirePositive("performancePerWatt", "watts", watts);
  return performance / watts;
}
