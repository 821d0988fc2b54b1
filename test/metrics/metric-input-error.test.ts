import { describe, expect, it } from "vitest";
import { MetricInputError } from "../../lib/metrics/index.js";

describe("MetricInputError", () => {
  it("says which metric refused what, and what it accepts", () => {
    const error = new MetricInputError("percentile", "p is 120", "a percentile from 0 to 100");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("MetricInputError");
    expect(error.metric).toBe("percentile");
    expect(error.message).toBe("percentile: p is 120; expected a percentile from 0 to 100");
  });
});
