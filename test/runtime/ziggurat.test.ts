import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/runtime/random.js";
import { exponentialZiggurat } from "../../lib/runtime/ziggurat.js";

/** Draws n exponentials of mean 1 from seed 11. */
function draws(count: number): Float64Array {
  const rng = createRng(11);
  const values = new Float64Array(count);
  for (let index = 0; index < count; index++) values[index] = exponentialZiggurat(rng, 1);
  return values;
}

describe("exponentialZiggurat", () => {
  const values = draws(1_000_000);

  it("has the mean and variance of Exp(1)", () => {
    // n = 10^6: the sample mean has σ = 0.001 and the sample variance σ ≈ √(8/n) ≈ 0.0028; margins are ≥ 5σ.
    let total = 0;
    for (const value of values) total += value;
    const mean = total / values.length;
    let squares = 0;
    for (const value of values) squares += (value - mean) ** 2;
    expect(Math.abs(mean - 1)).toBeLessThan(0.005);
    expect(Math.abs(squares / (values.length - 1) - 1)).toBeLessThan(0.015);
    expect(Math.min(...values.subarray(0, 100_000))).toBeGreaterThanOrEqual(0);
  });

  it("follows the exponential CDF (Kolmogorov–Smirnov)", () => {
    // The KS statistic's 1% critical value is 1.63/√n ≈ 0.0016 for n = 10^6; we allow 0.003.
    const sorted = Float64Array.from(values).sort();
    let largestGap = 0;
    sorted.forEach((value, index) => {
      const cdf = 1 - Math.exp(-value);
      largestGap = Math.max(largestGap, Math.abs(cdf - index / sorted.length), Math.abs(cdf - (index + 1) / sorted.length));
    });
    expect(largestGap).toBeLessThan(0.003);
  });

  it("reaches the tail beyond the base strip with the right probability", () => {
    // P(X > 7.697) = e^−7.697 ≈ 4.54·10^−4: about 454 of 10^6 draws (σ ≈ 21), drawn by the tail branch.
    const beyond = values.filter((value) => value > 7.69711747013104972).length;
    expect(beyond).toBeGreaterThan(454 - 110);
    expect(beyond).toBeLessThan(454 + 110);
    expect(values.reduce((largest, value) => Math.max(largest, value), 0)).toBeGreaterThan(10); // P(max < 10) ≈ e^−45
  });

  it("scales by the mean and rejects a bad one", () => {
    const rng = createRng(3);
    let total = 0;
    for (let draw = 0; draw < 200_000; draw++) total += exponentialZiggurat(rng, 30);
    expect(Math.abs(total / 200_000 / 30 - 1)).toBeLessThan(0.012); // σ of the ratio ≈ 0.0022
    expect(() => exponentialZiggurat(rng, 0)).toThrow(/finite number > 0/);
    expect(() => exponentialZiggurat(rng, Number.NaN)).toThrow(/finite number > 0/);
  });
});
