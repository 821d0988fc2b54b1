import { quantileSorted } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/runtime/random.js";
import {
  apportionRequests,
  makeSurgeWorkload,
  orderWithStackDistances,
  sampleSurgeFileBytes,
  surgeSizeModel,
  surgeSizeQuantile,
} from "../../lib/workloads/surge.js";

/** Mean LRU stack depth of each re-reference in a request stream (first references excluded). */
function meanStackDepth(stream: readonly number[]): number {
  const stack: number[] = [];
  let total = 0;
  let count = 0;
  for (const file of stream) {
    const position = stack.lastIndexOf(file);
    if (position >= 0) {
      total += stack.length - 1 - position;
      count++;
      stack.splice(position, 1);
    }
    stack.push(file);
  }
  return total / count;
}

describe("SURGE file sizes", () => {
  it("splices body and tail continuously at k by default (body share = lognormal CDF at k)", () => {
    expect(surgeSizeModel.bodyFraction).toBeGreaterThan(0.96);
    expect(surgeSizeModel.bodyFraction).toBeLessThan(0.975);
    const p = surgeSizeModel.bodyFraction;
    expect(surgeSizeQuantile(p - 1e-9)).toBeCloseTo(133_000, -2);
    expect(surgeSizeQuantile(p + 1e-9)).toBeCloseTo(133_000, -2);
    // The median is the lognormal's median shifted by the truncation: exp(μ + σ Φ⁻¹(0.5 · F(k) / p)) = e^μ here.
    expect(surgeSizeQuantile(0.5)).toBeCloseTo(Math.exp(9.357), 0);
  });

  it("draws sizes whose quantiles match the analytic quantiles (100k draws)", () => {
    const rng = createRng(2024);
    const sizes = Array.from({ length: 100_000 }, () => sampleSurgeFileBytes(rng)).sort((a, b) => a - b);
    // Body quantiles within 3 %; the tail (p99, p99.5) within 10 %: a quantile's sampling error grows there.
    for (const [q, tolerance] of [[0.05, 0.03], [0.25, 0.03], [0.5, 0.03], [0.75, 0.03], [0.9, 0.03], [0.99, 0.1], [0.995, 0.1]] as const) {
      const sample = quantileSorted(sizes, q);
      const analytic = surgeSizeQuantile(q);
      expect(Math.abs(sample - analytic) / analytic, `q = ${q}: sample ${sample}, analytic ${analytic.toFixed(0)}`).toBeLessThan(tolerance);
    }
    const tailShare = sizes.filter((bytes) => bytes > 133_000).length / sizes.length;
    expect(Math.abs(tailShare - (1 - surgeSizeModel.bodyFraction))).toBeLessThan(0.003);
  });

  it("honours another body share", () => {
    const model = { ...surgeSizeModel, bodyFraction: 0.93 };
    const rng = createRng(8);
    const sizes = Array.from({ length: 50_000 }, () => sampleSurgeFileBytes(rng, model)).sort((a, b) => a - b);
    expect(Math.abs(sizes.filter((bytes) => bytes > 133_000).length / sizes.length - 0.07)).toBeLessThan(0.005);
    expect(Math.abs(quantileSorted(sizes, 0.5) / surgeSizeQuantile(0.5, model) - 1)).toBeLessThan(0.03);
  });
});

describe("SURGE workloads", () => {
  it("is deterministic for a seed", () => {
    const make = (seed: number) => makeSurgeWorkload({ files: 300, requests: 3000, seed, temporalLocality: true });
    expect(make(5)).toEqual(make(5));
    expect(make(5).requestFiles).not.toEqual(make(6).requestFiles);
  });

  it("fills a target data-set size exactly", () => {
    const workload = makeSurgeWorkload({ targetBytes: 20 * 1024 * 1024, requests: 100, seed: 1 });
    expect(workload.files.reduce((sum, file) => sum + file.bytes, 0)).toBe(20 * 1024 * 1024);
  });

  it("apportions requests to popularity exactly", () => {
    expect(apportionRequests([0.5, 0.3, 0.2], 7)).toEqual([4, 2, 1]);
    expect(apportionRequests([1 / 3, 1 / 3, 1 / 3], 10).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it("with temporal locality keeps each file's Zipf count and shortens stack distances", () => {
    const base = { files: 500, requests: 20_000, seed: 77 };
    const independent = makeSurgeWorkload(base);
    const local = makeSurgeWorkload({ ...base, temporalLocality: true });
    // Same files and popularity ranks (same seed); exact counts per file under locality.
    const counts = new Map<number, number>();
    for (const file of local.requestFiles) counts.set(file, (counts.get(file) ?? 0) + 1);
    const mostPopular = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const harmonic = Array.from({ length: 500 }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
    expect(mostPopular[0]![1]).toBe(Math.round(20_000 / harmonic)); // rank 1 gets requests / H(500)
    expect(meanStackDepth(local.requestFiles)).toBeLessThan(meanStackDepth(independent.requestFiles) / 2);
  });

  it("orders a stream by stack distances without losing or adding requests", () => {
    const order = orderWithStackDistances([3, 0, 2, 5], [0, 1, 2, 3], createRng(1));
    expect([...order].sort()).toEqual([0, 0, 0, 2, 2, 3, 3, 3, 3, 3]);
  });

  it("rejects a workload with neither files nor a size", () => {
    expect(() => makeSurgeWorkload({ requests: 10, seed: 1 })).toThrow(/number of files or a target/);
  });
});
