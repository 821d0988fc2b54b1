import { describe, expect, it } from "vitest";
import { latencySummary, latencySummaryFromPrecomputed, MetricInputError } from "../../lib/metrics/index.js";

describe("latencySummary", () => {
  it("computes mean, min, max and p50/p95/p99 by hand", () => {
    const summary = latencySummary([10, 20, 30, 40, 50]);
    expect(summary.count).toBe(5);
    expect(summary.mean).toBe(30);
    expect(summary.min).toBe(10);
    expect(summary.max).toBe(50);
    expect(summary.p50).toBe(30);
    // h = 4 · 0.95 = 3.8 → 40 + 0.8 · 10
    expect(summary.p95).toBeCloseTo(48, 12);
    // h = 3.96 → 40 + 0.96 · 10
    expect(summary.p99).toBeCloseTo(49.6, 12);
  });

  it("rejects empty, NaN and negative durations", () => {
    expect(() => latencySummary([])).toThrow(MetricInputError);
    expect(() => latencySummary([1, Number.NaN])).toThrow(/values\[1\] is NaN/);
    expect(() => latencySummary([1, -2])).toThrow(/values\[1\] is negative/);
  });
});

describe("latencySummaryFromPrecomputed", () => {
  const valid = { count: 100, mean: 12, min: 1, max: 90, p50: 10, p95: 40, p99: 80 };

  it("returns a consistent summary unchanged, without extra fields", () => {
    expect(latencySummaryFromPrecomputed({ ...valid, extra: 1 } as typeof valid)).toEqual(valid);
  });

  it("rejects inconsistent or invalid summaries", () => {
    expect(() => latencySummaryFromPrecomputed({ ...valid, p95: 5 })).toThrow(/p50 \(10\) exceeds p95 \(5\)/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, max: 70 })).toThrow(/p99 \(80\) exceeds max/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, mean: 100 })).toThrow(/mean/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, count: 0 })).toThrow(/count/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, count: 2.5 })).toThrow(/count/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, p50: Number.NaN })).toThrow(/p50 is NaN/);
    expect(() => latencySummaryFromPrecomputed({ ...valid, min: -1 })).toThrow(/min is negative/);
    expect(() => latencySummaryFromPrecomputed(null as never)).toThrow(MetricInputError);
  });
});
