/**
 * Student's t distribution: the critical values behind a confidence interval for a mean of few runs.
 * With n runs the sample mean's standardized error follows t with n − 1 degrees of freedom, whose tails
 * are heavier than the normal's when n is small (t₀.₉₇₅ is 12.71 for 2 runs, 2.26 for 10, 1.96 as n → ∞).
 *
 * The CDF uses the regularized incomplete beta function I (continued fraction, modified Lentz method,
 * as in Numerical Recipes §6.4; log-gamma from simple-statistics):
 *
 *   for t ≥ 0:  P(T ≤ t) = 1 − ½ · I_{df/(df+t²)}(df/2, ½),   and P(T ≤ −t) = 1 − P(T ≤ t)
 *
 * The quantile inverts the CDF by bisection to about 1e-12 relative precision. Cost: O(1) per CDF
 * (≤ 300 continued-fraction terms), about 100 CDF evaluations per quantile.
 */
import { gammaln } from "simple-statistics";
import { requireFinite, requirePositive } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** P(T ≤ t) for Student's t with `degreesOfFreedom` (> 0, need not be whole). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  requireFinite("studentTCdf", "t", t);
  requirePositive("studentTCdf", "degreesOfFreedom", degreesOfFreedom);
  const upperTailTimesTwo = regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - upperTailTimesTwo / 2 : upperTailTimesTwo / 2;
}

/** The t such that P(T ≤ t) = probability (0 < probability < 1), e.g. studentTQuantile(0.975, 9) ≈ 2.262. */
export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  const metric = "studentTQuantile";
  requireFinite(metric, "probability", probability);
  if (probability <= 0 || probability >= 1) {
    throw new MetricInputError(metric, `probability is ${probability}`, "a probability strictly between 0 and 1");
  }
  requirePositive(metric, "degreesOfFreedom", degreesOfFreedom);
  // The distribution is symmetric about 0: solve in the upper half only.
  if (probability < 0.5) return -studentTQuantile(1 - probability, degreesOfFreedom);
  if (probability === 0.5) return 0;
  let low = 0;
  let high = 1;
  while (studentTCdf(high, degreesOfFreedom) < probability) {
    low = high;
    high *= 2;
  }
  for (let step = 0; step < 200 && high - low > 1e-12 * high; step++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < probability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** I_x(a, b), the regularized incomplete beta function, for 0 ≤ x ≤ 1 and a, b > 0. */
function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  // I is 0 at x = 0 and 1 at x = 1; the logarithms below need x strictly inside.
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The continued fraction for I_x(a, b), evaluated with the modified Lentz method. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const nonZero = (value: number): number => (Math.abs(value) < tiny ? tiny : value);
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= 300; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    fraction *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return fraction;
}
