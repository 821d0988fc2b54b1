import { describe, expect, it } from "vitest";
import { sweepOfferedLoad } from "../../lib/experiments/offered-load-sweep.js";

describe("sweepOfferedLoad", () => {
  const sweep = sweepOfferedLoad({ requests: 4000, servers: 2, seed: 5, offeredLoads: [0.2, 0.5, 0.9, 1.3] });
  const at = (load: number) => sweep.points.find((point) => point.offeredLoad === load)!;

  it("states the capacity: servers / mean service time", () => {
    expect(sweep.capacityPerS).toBeCloseTo(2000 / sweep.meanServiceMs, 9);
    expect(at(0.5).arrivalRatePerS).toBeCloseTo(0.5 * sweep.capacityPerS, 9);
  });

  it("keeps throughput near the arrival rate below saturation and caps it at the capacity above", () => {
    for (const load of [0.2, 0.5, 0.9]) {
      expect(at(load).throughputPerS / at(load).arrivalRatePerS).toBeGreaterThan(0.9);
      expect(at(load).throughputPerS / at(load).arrivalRatePerS).toBeLessThan(1.1);
      expect(Math.abs(at(load).utilization - load)).toBeLessThan(0.07);
    }
    expect(at(1.3).throughputPerS).toBeLessThan(1.02 * sweep.capacityPerS);
    expect(at(1.3).throughputPerS).toBeGreaterThan(0.9 * sweep.capacityPerS);
    expect(at(1.3).utilization).toBeGreaterThan(0.97);
  });

  it("shows response times growing with the load", () => {
    expect(at(0.5).meanResponseMs).toBeGreaterThan(at(0.2).meanResponseMs);
    expect(at(0.9).meanResponseMs).toBeGreaterThan(at(0.5).meanResponseMs);
    expect(at(1.3).p95ResponseMs).toBeGreaterThan(10 * at(0.2).p95ResponseMs);
  });

  it("rejects an empty or non-positive load", () => {
    expect(() => sweepOfferedLoad({ requests: 10, offeredLoads: [] })).toThrow(/at least one load/);
    expect(() => sweepOfferedLoad({ requests: 10, offeredLoads: [0] })).toThrow(/> 0; got 0/);
  });
});
