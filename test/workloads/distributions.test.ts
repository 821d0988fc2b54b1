import { describe, expect, it } from "vitest";
import { createDiscreteSampler, normalCdf, normalQuantile, sampleStandardNormal, shuffledIndices, truncatedPoissonWeights, zipfWeights } from "../../lib/workloads/distributions.js";
import { createRng } from "../../lib/runtime/random.js";
import { parseByteSize, sizeClassOf } from "../../lib/workloads/sizes.js";

describe("distributions", () => {
  it("samples a discrete distribution in proportion to its weights, never a zero weight", () => {
    const sampler = createDiscreteSampler([1, 0, 3, 0]);
    const rng = createRng(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.sample(rng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[0]! / 40_000).toBeCloseTo(0.25, 1);
    expect(() => createDiscreteSampler([0, 0])).toThrow(/> 0/);
    expect(() => createDiscreteSampler([1, -1])).toThrow(/≥ 0/);
  });

  it("builds Zipf and truncated Poisson weights", () => {
    expect(zipfWeights(3, 1)).toEqual([1, 1 / 2, 1 / 3]);
    const poisson = truncatedPoissonWeights(4, 9);
    expect(poisson.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(poisson.indexOf(Math.max(...poisson))).toBe(3); // Poisson(4) peaks at 3 and 4 (equal)
    expect(() => zipfWeights(0, 1)).toThrow(/≥ 1/);
  });

  it("draws standard normals (mean ≈ 0, variance ≈ 1) and shuffles deterministically", () => {
    const rng = createRng(11);
    const values = Array.from({ length: 100_000 }, () => sampleStandardNormal(rng));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02); // sd of the mean is 0.003
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(values.filter((value) => Math.abs(value) > 1.96).length / values.length).toBeCloseTo(0.05, 2);
    const shuffled = shuffledIndices(50, createRng(3));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffledIndices(50, createRng(3))).toEqual(shuffled);
  });

  it("inverts the normal CDF, to the precision of the CDF (1.2e-7) near the centre and 5e-6 in the far tails", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 4);
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424, 4);
    expect(normalQuantile(1e-9)).toBeCloseTo(-5.997807, 4);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/must lie in \[0, 1\]/);
    for (const p of [0.01, 0.2, 0.7, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-3.090232)).toBeCloseTo(0.001, 6);
  });
});

describe("sizes", () => {
  it("parses sizes with binary units and rejects anything else", () => {
    expect(parseByteSize("4096")).toBe(4096);
    expect(parseByteSize("4KB")).toBe(4096);
    expect(parseByteSize("1.5 mb")).toBe(1.5 * 1024 * 1024);
    expect(parseByteSize("0")).toBe(0);
    expect(() => parseByteSize("-1KB")).toThrow(/not a size/);
    expect(() => parseByteSize("4 parsecs")).toThrow(/B, KB, MB or GB/);
  });

  it("puts sizes in the SPECweb96 classes", () => {
    expect([0, 1023, 1024, 10239, 10240, 102400, 1048575, 1048576].map(sizeClassOf)).toEqual([0, 0, 1, 1, 2, 3, 3, 4]);
  });
});
