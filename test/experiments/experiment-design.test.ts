/**
 * §24–25 as code: the configuration space is the plan's own count; intervals after n runs match
 * lib/metrics and narrow; and the drift simulation shows what the randomized block order is for: one
 * configuration after another, a steady drift biases the difference by half the drift, in randomized
 * blocks it does not.
 */
import { describe, expect, it } from "vitest";
import {
  builtinSpec,
  checkSpec,
  configurationSpace,
  intervalsByRuns,
  planSweep,
  type RunRecord,
  simulateRunOrderBias,
} from "../../lib/experiments/index.js";
import { meanConfidenceInterval } from "../../lib/metrics/index.js";

describe("configurationSpace", () => {
  it("counts each spec's factors, points, repetitions and runs as its plan does", () => {
    const spec = builtinSpec("single-file")!;
    const [row] = configurationSpace([spec], "full");
    const plan = planSweep(checkSpec(spec), { profile: "full" });
    expect(row).toEqual({ spec: "single-file", factors: "arch (6) × fileSizeKB (9)", points: 54, repetitions: 3, runs: 162, estimatedMinutes: Math.round((plan.estimatedSeconds / 60) * 10) / 10 });
  });
});

describe("intervalsByRuns", () => {
  const records = [10, 12, 14, 11].flatMap((value, index) => [
    { key: `p01-r${index + 1}`, point: "p01", rep: index + 1, status: "ok", levels: { arch: "sped" }, metrics: { throughputRps: value } },
    { key: `p02-r${index + 1}`, point: "p02", rep: index + 1, status: index === 1 ? "failed" : "ok", levels: { arch: "amped" }, metrics: { throughputRps: 2 * value } },
  ]) as Partial<RunRecord>[] as RunRecord[];

  it("gives the mean and interval of the first n runs, n from 2, per level", () => {
    const rows = intervalsByRuns(records, "throughputRps", "arch");
    expect(rows.map((row) => [row.arch, row.n])).toEqual([
      ["sped", 2],
      ["sped", 3],
      ["sped", 4],
      ["amped", 2], // the failed run is left out: 3 runs
      ["amped", 3],
    ]);
    const three = meanConfidenceInterval([10, 12, 14]);
    expect(rows[1]).toMatchObject({ throughputRpsMean: three.mean, throughputRpsCiLow: three.lower, throughputRpsCiHigh: three.upper, halfWidth: three.halfWidth });
    expect(rows[1]!.halfWidth).toBeLessThan(rows[0]!.halfWidth);
  });
});

describe("simulateRunOrderBias", () => {
  it("biases one configuration after another by half the drift, and not the randomized blocks", () => {
    const bias = simulateRunOrderBias({ trueValues: [100, 100], repetitions: 5, drift: 0.2, noise: 0.03, trials: 2000, seed: 3 });
    expect(bias.trueDifference).toBe(0);
    const [sequential, randomized] = bias.summary;
    // The second configuration's runs sit 5 runs later on a 10-run ramp of 20%: 100 · 0.2 · 5/9 ≈ 11.1 slower.
    expect(sequential!.bias).toBeCloseTo(-100 * 0.2 * (5 / 9), 0);
    expect(Math.abs(randomized!.bias)).toBeLessThan(0.5);
    expect(bias.oneAfterAnother).toHaveLength(2000);
    expect(() => simulateRunOrderBias({ trueValues: [1] })).toThrow(/at least two configurations/);
  });

  it("is the same for the same seed", () => {
    expect(simulateRunOrderBias({ trials: 50, seed: 9 })).toEqual(simulateRunOrderBias({ trials: 50, seed: 9 }));
  });
});
