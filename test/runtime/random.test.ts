import { describe, expect, it } from "vitest";
import { createRng, replicationSeeds, streamLength } from "../../lib/runtime/random.js";

/**
 * Known outputs of mulberry32, the first five 32-bit words for each seed (and the 1000th for seed 1).
 * They were computed once, independently of this code base, with the reference algorithm as published
 * in bryc/code "PRNGs.md" (mulberry32), transcribed to Python with explicit 32-bit masking:
 *   a = (a + 0x6D2B79F5) & M; t = imul(a ^ (a >> 15), 1 | a);
 *   t = ((t + imul(t ^ (t >> 7), 61 | t)) & M) ^ t; out = (t ^ (t >> 14)) & M    (M = 2^32 − 1)
 */
const knownOutputs: Array<[number, number[]]> = [
  [0, [1144304738, 1416247, 958946056, 627933444, 2007157716]],
  [1, [2693262067, 11749833, 2265367787, 4213581821, 4159151403]],
  [42, [2581720956, 1925393290, 3661312704, 2876485805, 750819978]],
  [123456789, [1107202814, 4169434471, 3372958138, 885470128, 1301683845]],
  [0xffffffff, [3850105811, 813802916, 3073704848, 4054706436, 3630262831]],
];

describe("createRng (mulberry32)", () => {
  it("gives the reference algorithm's known outputs", () => {
    for (const [seed, words] of knownOutputs) {
      const rng = createRng(seed);
      expect(Array.from({ length: words.length }, () => rng.nextUint32())).toEqual(words);
    }
    const rng = createRng(1);
    let word = 0;
    for (let draw = 0; draw < 1000; draw++) word = rng.nextUint32();
    expect(word).toBe(531143739);
  });

  it("next() is the word over 2^32, and may be passed on its own", () => {
    const next = createRng(1).next;
    expect(next()).toBe(2693262067 / 2 ** 32);
    expect(next()).toBe(11749833 / 2 ** 32);
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
    expect(createRng(-1).nextUint32()).toBe(3850105811);
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
  });

  it("draws uniforms with the mean, spread and bucket counts of U(0, 1)", () => {
    // 200,000 draws: the mean of U(0,1) has standard error 0.29/√n ≈ 0.00065, so ±0.005 is about 8σ;
    // each of 10 buckets expects 20,000 with σ ≈ 134, so ±1,000 is about 7σ.
    const rng = createRng(2024);
    const count = 200_000;
    const buckets = new Array<number>(10).fill(0);
    let total = 0;
    let totalSquares = 0;
    let smallest = 1;
    let largest = 0;
    for (let draw = 0; draw < count; draw++) {
      const value = rng.next();
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      total += value;
      totalSquares += value * value;
      buckets[Math.floor(value * 10)]!++;
    }
    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(largest).toBeLessThan(1);
    expect(Math.abs(total / count - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(totalSquares / count - total ** 2 / count ** 2 - 1 / 12)).toBeLessThan(0.002);
    for (const bucket of buckets) expect(Math.abs(bucket - count / 10)).toBeLessThan(1000);
  });

  it("successive draws are uncorrelated (lag-1 correlation near 0)", () => {
    // For independent uniforms the lag-1 sample correlation has standard error 1/√n ≈ 0.0022 here.
    const rng = createRng(5);
    const count = 200_000;
    const values = Array.from({ length: count }, rng.next);
    let products = 0;
    for (let index = 1; index < count; index++) products += (values[index - 1]! - 0.5) * (values[index]! - 0.5);
    const correlation = products / (count - 1) / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.015);
  });

  it("draws exponentials with the requested mean and integers within bounds", () => {
    // Exp(30) has standard deviation 30: the mean of 50,000 draws has σ ≈ 0.13, so ±1 is about 7σ.
    const rng = createRng(99);
    let total = 0;
    const seen = new Set<number>();
    for (let draw = 0; draw < 50_000; draw++) {
      total += rng.exponential(30);
      seen.add(rng.integer(3, 6));
    }
    expect(Math.abs(total / 50_000 - 30)).toBeLessThan(1);
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

describe("replicationSeeds", () => {
  it("starts replication i exactly i·⌊2^32/n⌋ draws along replication 0's stream", () => {
    const count = 1000;
    const length = streamLength(count);
    expect(length).toBe(Math.floor(2 ** 32 / count));
    const seeds = replicationSeeds(7, count);
    expect(seeds[0]).toBe(7);
    expect(new Set(seeds).size).toBe(count);
    // Walking the stream of seed 7 reaches the first draws of replications 1 and 2 after L and 2·L draws.
    const walker = createRng(7);
    let walked = 0;
    for (const replication of [1, 2]) {
      while (walked < replication * length) {
        walker.nextUint32();
        walked++;
      }
      const copy = createRng(seeds[replication]!);
      const expected = Array.from({ length: 5 }, () => walker.nextUint32());
      walked += 5;
      expect(Array.from({ length: 5 }, () => copy.nextUint32())).toEqual(expected);
    }
  });

  it("rejects a bad count or seed", () => {
    expect(() => replicationSeeds(1, 0)).toThrow(/whole number ≥ 1/);
    expect(() => replicationSeeds(1.5, 3)).toThrow(/base seed/);
  });
});
