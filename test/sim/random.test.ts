import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/sim/random.js";

/** mulberry32 exactly as published in bryc/code "PRNGs.md", kept as an independent reference. */
function referenceMulberry32(a: number): () => number {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("createRng (mulberry32)", () => {
  it("matches the published reference generator draw for draw", () => {
    for (const seed of [0, 1, 42, 123456789, 0xffffffff]) {
      const ours = createRng(seed);
      const reference = referenceMulberry32(seed);
      for (let draw = 0; draw < 1000; draw++) expect(ours.next()).toBe(reference());
    }
  });

  it("is deterministic by seed, and different seeds give different streams", () => {
    const first = Array.from({ length: 20 }, createRng(7).next);
    const again = Array.from({ length: 20 }, createRng(7).next);
    const other = Array.from({ length: 20 }, createRng(8).next);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it("reduces seeds to unsigned 32 bits", () => {
    expect(createRng(-1).seed).toBe(0xffffffff);
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
  });

  it("draws uniform numbers in [0, 1) with the right mean and spread", () => {
    const rng = createRng(2024);
    const count = 100_000;
    let total = 0;
    let below = 0;
    let smallest = 1;
    let largest = 0;
    for (let draw = 0; draw < count; draw++) {
      const value = rng.next();
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      total += value;
      if (value < 0.25) below++;
    }
    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(largest).toBeLessThan(1);
    expect(total / count).toBeCloseTo(0.5, 2);
    expect(below / count).toBeCloseTo(0.25, 2);
  });

  it("draws exponentials with the requested mean and integers within bounds", () => {
    const rng = createRng(99);
    let total = 0;
    const seen = new Set<number>();
    for (let draw = 0; draw < 50_000; draw++) {
      total += rng.exponential(30);
      const value = rng.integer(3, 6);
      seen.add(value);
    }
    expect(total / 50_000).toBeGreaterThan(29);
    expect(total / 50_000).toBeLessThan(31);
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    const uniform = rng.uniform(10, 20);
    expect(uniform).toBeGreaterThanOrEqual(10);
    expect(uniform).toBeLessThan(20);
  });

  it("rejects bad seeds and bad parameters with a clear message", () => {
    expect(() => createRng(1.5)).toThrow(/seed must be a whole number/);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
    const rng = createRng(1);
    expect(() => rng.exponential(0)).toThrow(/mean > 0/);
    expect(() => rng.uniform(2, 1)).toThrow(/low ≤ high/);
    expect(() => rng.integer(1, 0.5)).toThrow(/whole numbers/);
  });
});
