import { describe, expect, it } from "vitest";
import { MetricInputError, performancePerWatt, powerDraw } from "../../lib/metrics/index.js";

describe("powerDraw", () => {
  it("interpolates linearly between idle and peak power", () => {
    const model = { idleWatts: 100, peakWatts: 200 };
    expect(powerDraw(model, 0)).toBe(100);
    expect(powerDraw(model, 0.25)).toBe(125);
    expect(powerDraw(model, 1)).toBe(200);
  });

  it("rejects utilization outside 0..1 and peak below idle", () => {
    expect(() => powerDraw({ idleWatts: 100, peakWatts: 200 }, 1.5)).toThrow(/utilization is 1.5; expected utilization from 0 to 1/);
    expect(() => powerDraw({ idleWatts: 300, peakWatts: 200 }, 0.5)).toThrow(/below idleWatts/);
    expect(() => powerDraw({ idleWatts: 100, peakWatts: 0 }, 0.5)).toThrow(MetricInputError);
  });
});

describe("performancePerWatt", () => {
  it("is performance / watts", () => {
    expect(performancePerWatt(2500, 125)).toBe(20);
  });

  it("rejects zero watts", () => {
    expect(() => performancePerWatt(2500, 0)).toThrow(/watts is 0/);
  });
});
