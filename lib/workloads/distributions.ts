/**
 * The probability distributions the synthetic workloads draw from: a discrete distribution over given
 * weights (Zipf is one), normal, lognormal, Pareto and the truncated Poisson weights SPECweb96-style
 * class choice uses. Every draw takes the project's seeded stream (`createRng` in lib/runtime/random.ts),
 * so a seed fixes the whole workload.
 */
import { errorFunction, probit } from "simple-statistics";
import type { Rng } from "../runtime/random.js";

/** Draws indices 0…n−1 with probability proportional to fixed weights. */
export interface DiscreteSampler {
  /** The normalised probability of each index. */
  readonly probabilities: readonly number[];
  /** One draw; O(log n) by binary search over the cumulative weights. */
  sample(rng: Rng): number;
}

/**
 * A sampler over `weights` (each finite and ≥ 0, at least one > 0). Setup is O(n).
 */
export function createDiscreteSampler(weights: readonly number[]): DiscreteSampler {
  if (weights.length === 0) throw new RangeError("a discrete distribution needs at least one weight");
  let total = 0;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`weights must be finite and ≥ 0; got ${weight}`);
    total += weight;
  }
  if (total <= 0) throw new RangeError("at least one weight must be > 0");
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((weight, index) => {
    running += weight;
    cumulative[index] = running / total;
  });
  // Rounding may leave the total a hair under 1: close it at the last index with a positive weight.
  let lastPositive = weights.length - 1;
  while (weights[lastPositive] === 0) lastPositive--;
  cumulative.fill(1, lastPositive);
  const probabilities = weights.map((weight) => weight / total);
  return {
    probabilities,
    sample(rng: Rng): number {
      const u = rng.next();
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (cumulative[middle]! > u) high = middle;
        else low = middle + 1;
      }
      // The first index whose cumulative weight exceeds u; a zero-weight index never is the first.
      return low;
    },
  };
}

/** Zipf weights for ranks 1…n: weight of rank i ∝ 1 / i^alpha (index 0 is the most popular). */
export function zipfWeights(n: number, alpha: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Zipf needs a whole number of items ≥ 1; got ${n}`);
  if (!Number.isFinite(alpha) || alpha < 0) throw new RangeError(`Zipf's exponent must be ≥ 0; got ${alpha}`);
  return Array.from({ length: n }, (_, index) => 1 / (index + 1) ** alpha);
}

/** Poisson(mean) probabilities of 0…count−1, renormalised to sum to 1 (the truncated distribution). */
export function truncatedPoissonWeights(mean: number, count: number): number[] {
  const weights: number[] = [];
  let term = Math.exp(-mean);
  for (let k = 0; k < count; k++) {
    weights.push(term);
    term = (term * mean) / (k + 1);
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

/** A standard normal draw (mean 0, sd 1) by the Box–Muller transform; uses two uniforms. */
export function sampleStandardNormal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1], so the logarithm is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A lognormal draw: exp(mu + sigma · Z), Z standard normal. */
export function sampleLognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * sampleStandardNormal(rng));
}

/** A Pareto draw with scale k (the minimum) and shape alpha: k · U^(−1/alpha), U uniform in (0, 1]. */
export function sampleParetoTail(rng: Rng, k: number, alpha: number): number {
  return k * (1 - rng.next()) ** (-1 / alpha);
}

/** Fisher–Yates shuffle of 0…n−1 with `rng`. */
export function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index--) {
    const other = rng.integer(0, index);
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

/**
 * The standard normal quantile Φ⁻¹(p) for p in [0, 1]; ±Infinity at p = 0 or 1.
 *
 * simple-statistics' `probit` (Winitzki's closed form for the inverse error function) is off by up to
 * 0.35 % (0.003 at p = 0.975, 0.014 in the far tails), which would move SURGE's analytic quantiles by
 * up to about 2 %. One Halley step against `normalCdf` brings it to within 5e-6 of the exact value over
 * p in [1e-12, 1 − 1e-12] (the CDF's own precision), which is what the size model's checks need. O(1).
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must lie in [0, 1]; got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const z = probit(p);
  // Halley's step on f(z) = Φ(z) − p, with f' = φ(z) and f''/f' = −z.
  const u = ((normalCdf(z) - p) * Math.sqrt(2 * Math.PI)) * Math.exp((z * z) / 2);
  return z - u / (1 + (z * u) / 2);
}

/**
 * The standard normal CDF Φ(z) = (1 + erf(z/√2)) / 2, with simple-statistics' `errorFunction`
 * (absolute error below 1.2e-7). O(1).
 */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}
