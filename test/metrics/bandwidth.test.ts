import { describe, expect, it } from "vitest";
import { bandwidth, MetricInputError } from "../../lib/metrics/index.js";

describe("bandwidth", () => {
  it("is bytes per second, in B/s, MB/s or Mb/s", () => {
    expect(bandwidth(4_000_000, 2)).toBe(2_000_000);
    expect(bandwidth(4_000_000, 2, "MB/s")).toBe(2);
    expect(bandwidth(4_000_000, 2, "Mb/s")).toBe(16);
  });

  it("rejects unknown units and bad input", () => {
    expect(() => bandwidth(1, 1, "GB/s" as never)).toThrow(/unit is GB\/s; expected one of B\/s, MB\/s, Mb\/s/);
    expect(() => bandwidth(1, 0)).toThrow(MetricInputError);
    expect(() => bandwidth(-1, 1)).toThrow(MetricInputError);
  });
});
