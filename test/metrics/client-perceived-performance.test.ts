import { describe, expect, it } from "vitest";
import { clientPerceivedPerformance, eventRatesPerInterval, MetricInputError } from "../../lib/metrics/index.js";

/** Frame timestamps at `fps` frames per second for `seconds` whole seconds from `fromMs`. */
function frames(fps: number, fromMs: number, seconds: number): number[] {
  return Array.from({ length: fps * seconds }, (_, i) => fromMs + (i * 1000) / fps);
}

describe("eventRatesPerInterval", () => {
  it("counts events per whole interval, as events per second", () => {
    // intervals [0,500) [500,1000): 3 and 1 events → 6/s and 2/s; the event at 1000 ends the window
    expect(eventRatesPerInterval([0, 100, 200, 600, 1000], { intervalMs: 500 })).toEqual([6, 2]);
  });

  it("counts empty intervals inside a fixed window and ignores events outside it", () => {
    expect(eventRatesPerInterval([-5, 100, 2500, 9000], { intervalMs: 1000, startMs: 0, endMs: 3000 })).toEqual([1, 0, 1]);
  });

  it("does not judge a trailing partial interval", () => {
    expect(eventRatesPerInterval([0, 1, 1500], { intervalMs: 1000 })).toEqual([2]);
  });

  it("rejects windows shorter than one interval and bad input", () => {
    expect(() => eventRatesPerInterval([0, 10], { intervalMs: 1000 })).toThrow(/shorter than one interval/);
    expect(() => eventRatesPerInterval([], { intervalMs: 1000 })).toThrow(MetricInputError);
    expect(() => eventRatesPerInterval([0, Number.NaN], { intervalMs: 1000 })).toThrow(/eventTimesMs\[1\] is NaN/);
    expect(() => eventRatesPerInterval([0, 5000], { intervalMs: 0 })).toThrow(/intervalMs is 0/);
    expect(() => eventRatesPerInterval([0], { intervalMs: 10, startMs: 0, endMs: Number.NaN })).toThrow(/endMs is NaN/);
  });
});

describe("clientPerceivedPerformance", () => {
  it("is the share of seconds that deliver at least 30 frames", () => {
    // 3 s at 30 fps, then 1 s at 20 fps: 3 of 4 seconds meet the floor
    const times = [...frames(30, 0, 3), ...frames(20, 3000, 1)];
    const window = { intervalMs: 1000, startMs: 0, endMs: 4000 };
    expect(clientPerceivedPerformance(times, { ...window, minRatePerS: 30 })).toBe(0.75);
    expect(clientPerceivedPerformance(times, { ...window, minRatePerS: 20 })).toBe(1);
    expect(clientPerceivedPerformance(times, { ...window, minRatePerS: 31 })).toBe(0);
  });

  it("rejects a negative or NaN floor", () => {
    expect(() => clientPerceivedPerformance([0, 2000], { intervalMs: 1000, minRatePerS: -1 })).toThrow(/minRatePerS is negative/);
    expect(() => clientPerceivedPerformance([0, 2000], { intervalMs: 1000, minRatePerS: Number.NaN })).toThrow(MetricInputError);
  });
});
