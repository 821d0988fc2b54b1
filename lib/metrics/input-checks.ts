/**
 * Input checks shared by the metrics. Each check throws a MetricInputError that names the metric, the
 * offending argument (and index, for arrays), and what is accepted. Every check is O(1) or one pass.
 */
import { MetricInputError } from "./metric-input-error.js";

/** A number that is finite (not NaN, not ±Infinity). */
export function requireFinite(metric: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new MetricInputError(metric, `${name} is ${String(value)}`, `${name} to be a finite number`);
  }
}

/** A finite number ≥ 0 (counts, byte totals, durations). */
export function requireNonNegative(metric: string, name: string, value: number): void {
  requireFinite(metric, name, value);
  if (value < 0) {
    throw new MetricInputError(metric, `${name} is negative (${value})`, `${name} ≥ 0`);
  }
}

/** A finite number > 0 (divisors: durations, costs, watts, resource amounts). */
export function requirePositive(metric: string, name: string, value: number): void {
  requireFinite(metric, name, value);
  if (value <= 0) {
    throw new MetricInputError(metric, `${name} is ${value}`, `${name} > 0`);
  }
}

/** A finite number from 0 to 1 inclusive (fractions such as a utilization). */
export function requireFraction(metric: string, name: string, value: number): void {
  requireFinite(metric, name, value);
  if (value < 0 || value > 1) {
    throw new MetricInputError(metric, `${name} is ${value}`, `${name} from 0 to 1`);
  }
}

/** A confidence level strictly between 0 and 1, e.g. 0.95. */
export function requireConfidenceLevel(metric: string, level: number): void {
  requireFinite(metric, "level", level);
  if (level <= 0 || level >= 1) {
    throw new MetricInputError(metric, `level is ${level}`, "a confidence level strictly between 0 and 1, e.g. 0.95");
  }
}

/** An array with at least `minimum` elements (1 by default). */
export function requireNonEmpty(metric: string, name: string, values: ArrayLike<unknown>, minimum = 1): void {
  if (values === null || values === undefined || typeof values.length !== "number") {
    throw new MetricInputError(metric, `${name} is ${String(values)}`, `${name} to be an array`);
  }
  if (values.length < minimum) {
    const what = minimum === 1 ? "at least one value" : `at least ${minimum} values`;
    throw new MetricInputError(metric, `${name} has ${values.length} value(s)`, `${name} with ${what}`);
  }
}

/** A non-empty array of finite numbers. */
export function requireFiniteValues(metric: string, name: string, values: ArrayLike<number>, minimum = 1): void {
  requireNonEmpty(metric, name, values, minimum);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new MetricInputError(metric, `${name}[${i}] is ${String(value)}`, `${name} to hold finite numbers only`);
    }
  }
}

/** A non-empty array of finite numbers ≥ 0 (durations, latencies, byte counts). */
export function requireNonNegativeValues(metric: string, name: string, values: ArrayLike<number>): void {
  requireFiniteValues(metric, name, values);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < 0) {
      throw new MetricInputError(metric, `${name}[${i}] is negative (${value})`, `${name} to hold values ≥ 0`);
    }
  }
}

/** Two arrays paired element by element must have the same length. */
export function requireSameLength(
  metric: string,
  firstName: string,
  first: ArrayLike<unknown>,
  secondName: string,
  second: ArrayLike<unknown>,
): void {
  if (first.length !== second.length) {
    throw new MetricInputError(
      metric,
      `${firstName} has ${first.length} values but ${secondName} has ${second.length}`,
      `${firstName} and ${secondName} of the same length (paired element by element)`,
    );
  }
}
