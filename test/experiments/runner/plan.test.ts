/**
 * The plan: points are every combination of the levels, completed by defaults, fixed settings and
 * overrides; the run order is a permutation of every (point, repetition), blocked by repetition,
 * randomized and fixed by the seed.
 */
import { describe, expect, it } from "vitest";
import { builtinSpec, checkSpec, planSweep, randomizedRunOrder } from "../../../lib/experiments/index.js";

const singleFile = checkSpec(builtinSpec("single-file"));

describe("randomizedRunOrder", () => {
  const order = randomizedRunOrder(12, 3, 1999);

  it("runs every point once in each repetition block", () => {
    expect(order).toHaveLength(36);
    for (let rep = 1; rep <= 3; rep++) {
      const block = order.slice((rep - 1) * 12, rep * 12);
      expect(block.every(([, blockRep]) => blockRep === rep)).toBe(true);
      expect(block.map(([point]) => point).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    }
  });

  it("is the same for the same seed, and another for another seed", () => {
    expect(randomizedRunOrder(12, 3, 1999)).toEqual(order);
    expect(randomizedRunOrder(12, 3, 2000)).not.toEqual(order);
  });

  it("is randomized: blocks differ from each other and from the enumeration order", () => {
    const blocks = [0, 1, 2].map((block) => order.slice(block * 12, (block + 1) * 12).map(([point]) => point));
    expect(new Set(blocks.map((block) => block.join(","))).size).toBe(3);
    for (const block of blocks) expect(block).not.toEqual([...Array(12).keys()]);
  });

  it("keeps the first blocks when repetitions are added", () => {
    expect(randomizedRunOrder(12, 5, 1999).slice(0, 36)).toEqual(order);
  });
});

describe("planSweep", () => {
  const quick = planSweep(singleFile, { profile: "quick" });

  it("plans every point times every repetition, each run once, with the factors' levels", () => {
    expect(quick.points).toHaveLength(4 * 2);
    expect(quick.runs).toHaveLength(8);
    expect(new Set(quick.runs.map((run) => run.key)).size).toBe(8);
    expect(quick.runs.map((run) => run.order)).toEqual([...Array(8).keys()].map((index) => index + 1));
    expect(quick.factors).toEqual([
      { name: "arch", levels: ["sped", "amped", "mp", "apache"] },
      { name: "fileSizeKB", levels: [1, 200] },
    ]);
    // The first factor varies slowest.
    expect(quick.points.slice(0, 3).map((point) => point.levels)).toEqual([
      { arch: "sped", fileSizeKB: 1 },
      { arch: "sped", fileSizeKB: 200 },
      { arch: "amped", fileSizeKB: 1 },
    ]);
  });

  it("completes each point: defaults, fixed settings, overrides; settings that do not apply left out", () => {
    const byArch = (arch: string) => quick.points.find((point) => point.levels.arch === arch)!.settings;
    expect(byArch("apache").caches).toBe("none");
    expect(byArch("sped").caches).toBe("all");
    expect(byArch("mp").workers).toBe(4);
    expect(byArch("sped")).not.toHaveProperty("workers");
    expect(byArch("sped")).not.toHaveProperty("diskLatencyMs");
    expect(byArch("sped")).toMatchObject({ workload: "single", disk: "real", http: "1.0", clients: 32, fileSizeKB: 1 });
    const full = planSweep(singleFile, { profile: "full" });
    expect(full.points.find((point) => point.levels.arch === "mp")!.settings.workers).toBe(32);
    expect(full.points.find((point) => point.levels.arch === "mt")!.settings.workers).toBe(64);
  });

  it("takes repetitions from the option, and fingerprints what decides the results", () => {
    const three = planSweep(singleFile, { profile: "quick", repetitions: 3 });
    expect(three.runs).toHaveLength(24);
    expect(planSweep(singleFile, { profile: "quick" }).fingerprint).toBe(quick.fingerprint);
    expect(three.fingerprint).not.toBe(quick.fingerprint);
    expect(planSweep(singleFile, { profile: "full" }).fingerprint).not.toBe(quick.fingerprint);
    expect(planSweep({ ...singleFile, description: "reworded" }, { profile: "quick" }).fingerprint).toBe(quick.fingerprint);
    expect(planSweep({ ...singleFile, seed: 1 }, { profile: "quick" }).fingerprint).not.toBe(quick.fingerprint);
  });

  it("estimates the time of every run", () => {
    expect(quick.estimatedSeconds).toBeGreaterThan(10 * 1.5);
  });
});
