import { describe, expect, it } from "vitest";
import {
  requireConfidenceLevel,
  requireFiniteValues,
  requireFraction,
  requireNonEmpty,
  requireNonNegativeValues,
  requirePositive,
  requireSameLength,
} from "../../lib/metrics/input-checks.js";
import { MetricInputError } from "../../lib/metrics/index.js";

describe("input checks", () => {
  it("accept valid input", () => {
    expect(() => requireFiniteValues("m", "xs", [0, -1, 2.5])).not.toThrow();
    expect(() => requireNonNegativeValues("m", "xs", [0, 1])).not.toThrow();
    expect(() => requireFraction("m", "u", 1)).not.toThrow();
    expect(() => requireConfidenceLevel("m", 0.95)).not.toThrow();
  });

  it("name the metric, the argument and what is accepted", () => {
    expect(() => requirePositive("throughput", "durationS", 0)).toThrow("throughput: durationS is 0; expected durationS > 0");
    expect(() => requireNonEmpty("m", "xs", [], 2)).toThrow("m: xs has 0 value(s); expected xs with at least 2 values");
    expect(() => requireNonEmpty("m", "xs", undefined as never)).toThrow(/xs to be an array/);
    expect(() => requireFiniteValues("m", "xs", [1, "2" as never])).toThrow(/xs\[1\] is 2; expected xs to hold finite numbers only/);
    expect(() => requireNonNegativeValues("m", "xs", [1, -0.5])).toThrow(/xs\[1\] is negative/);
    expect(() => requireFraction("m", "u", -0.1)).toThrow(MetricInputError);
    expect(() => requireConfidenceLevel("m", 0)).toThrow(MetricInputError);
    expect(() => requireSameLength("m", "a", [1], "b", [])).toThrow("m: a has 1 values but b has 0; expected a and b of the same length (paired element by element)");
  });
});
