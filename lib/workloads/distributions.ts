/**
 * The probability distributions the synthetic workloads draw from: a discrete distribution over given
 * weights (Zipf is one), normal, lognormal, Pareto and the truncated Poisson weights SPECweb96-style
 * class choice uses. Every draw takes the project's seeded stream (`createRng` in lib/runtime/random.ts),
 * so a seed fixes the whole workload.
 */
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
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1), by Peter Acklam's rational approximation
 * (relative error below 1.2e-9). Returns ±Infinity at p = 0 or 1.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must lie in [0, 1]; got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const tailValue = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < low) return tailValue(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tailValue(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** The standard normal CDF Φ(z), through the error function (absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  // Numerical Recipes' erfc approximation (fractional error < 1.2e-7).
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
