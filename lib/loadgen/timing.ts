/**
 * Seeded timing for the load generator: think times for the closed loop and inter-arrival gaps for the
 * open loop. Both draw from the project's seeded generator, so a run's schedule depends only on its seed.
 *
 * - Think time (closed loop): "fixed" waits exactly `thinkMs`; "exponential" draws with mean `thinkMs`;
 *   "uniform" draws from [0, 2·thinkMs], also with mean `thinkMs`.
 * - Arrivals (open loop): "constant" spaces requests exactly 1/rate apart; "poisson" draws exponential
 *   gaps with mean 1/rate, the memoryless arrivals of many independent users.
 */
import { createRng } from "../runtime/random.js";

/** How think times are drawn. */
export type ThinkDistribution = "fixed" | "exponential" | "uniform";
export const thinkDistributions: readonly ThinkDistribution[] = ["fixed", "exponential", "uniform"];

/** How open-loop arrivals are spaced. */
export type ArrivalProcess = "constant" | "poisson";
export const arrivalProcesses: readonly ArrivalProcess[] = ["constant", "poisson"];

/** A seeded source of think times (ms) with mean `thinkMs`. */
export function thinkTimeSampler(distribution: ThinkDistribution, thinkMs: number, seed: number): () => number {
  if (!(thinkMs >= 0) || !Number.isFinite(thinkMs)) throw new Error(`think time must be a finite number ≥ 0 ms; got ${thinkMs}`);
  if (thinkMs === 0 || distribution === "fixed") return () => thinkMs;
  const rng = createRng(seed);
  if (distribution === "exponential") return () => rng.exponential(thinkMs);
  return () => rng.uniform(0, 2 * thinkMs);
}

/** A seeded source of gaps (ms) between open-loop arrivals at `ratePerS` requests per second. */
export function arrivalGapSampler(process: ArrivalProcess, ratePerS: number, seed: number): () => number {
  if (!(ratePerS > 0) || !Number.isFinite(ratePerS)) throw new Error(`arrival rate must be a finite number > 0 per second; got ${ratePerS}`);
  const meanGapMs = 1000 / ratePerS;
  if (process === "constant") return () => meanGapMs;
  const rng = createRng(seed);
  return () => rng.exponential(meanGapMs);
}

/** A per-thread seed derived from the run's seed, so that threads draw independent streams. */
export function threadSeed(seed: number, threadIndex: number, stream: number): number {
  let mixed = (seed ^ Math.imul(threadIndex + 1, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x7feb352d) >>> 0;
  return (mixed ^ (mixed >>> 15)) >>> 0;
}
