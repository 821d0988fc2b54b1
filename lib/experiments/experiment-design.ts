/**
 * The lecture's advice on designing and running experiments (§24–25) as code a notebook can run:
 * - the configuration space of a set of specs: factors, levels, points, repetitions, runs, time;
 * - how a mean's confidence interval narrows as runs are added (the first n repetition blocks of a sweep);
 * - what randomizing the run order protects against: a machine whose speed drifts during a sweep,
 *   simulated, measured one configuration after the other and in the runner's randomized blocks.
 */
import { meanConfidenceInterval } from "../metrics/mean-confidence-interval.js";
import { createRng } from "../runtime/random.js";
import { sampleStandardNormal } from "../workloads/distributions.js";
import type { RunRecord } from "./runner/run-folder.js";
import { planSweep, randomizedRunOrder } from "./runner/plan.js";
import { checkSpec } from "./runner/spec-check.js";
import type { ExperimentProfile, ExperimentSpec, SettingValue } from "./runner/spec.js";
import type { PointSummaryRow } from "./runner/summary.js";

/** One spec's configuration space under a profile. */
export type ConfigurationSpaceRow = {
  spec: string;
  factors: string;
  points: number;
  repetitions: number;
  runs: number;
  estimatedMinutes: number;
};

/** The size of each spec's sweep: factors × levels = points, × repetitions = runs, and the estimated time. */
export function configurationSpace<S>(specs: ReadonlyArray<ExperimentSpec<S>>, profile: ExperimentProfile): ConfigurationSpaceRow[] {
  return specs.map((spec) => {
    const plan = planSweep(checkSpec(spec), { profile });
    return {
      spec: spec.name,
      factors: plan.factors.map((factor) => `${factor.name} (${factor.levels.length})`).join(" × "),
      points: plan.points.length,
      repetitions: plan.repetitions,
      runs: plan.runs.length,
      estimatedMinutes: Math.round((plan.estimatedSeconds / 60) * 10) / 10,
    };
  });
}

/**
 * For each level of `by` and each n from 2 to the number of repetitions: the mean of `metric` over the
 * first n repetition blocks, with its 95% confidence interval, as summary rows (`n`, `<metric>Mean`,
 * `<metric>CiLow`, `<metric>CiHigh`, and `halfWidth`), so that the shrinking interval can be drawn.
 */
export function intervalsByRuns(records: readonly RunRecord[], metric: string, by: string): Array<PointSummaryRow & { halfWidth: number }> {
  const levels: SettingValue[] = [];
  for (const record of records) {
    const level = record.levels[by];
    if (level !== undefined && !levels.includes(level)) levels.push(level);
  }
  const rows: Array<PointSummaryRow & { halfWidth: number }> = [];
  for (const level of levels) {
    const values = records
      .filter((record) => record.status === "ok" && record.levels[by] === level && typeof record.metrics[metric] === "number")
      .sort((a, b) => a.rep - b.rep)
      .map((record) => record.metrics[metric] as number);
    for (let n = 2; n <= values.length; n++) {
      const interval = meanConfidenceInterval(values.slice(0, n));
      rows.push({ [by]: level, n, [`${metric}Mean`]: interval.mean, [`${metric}CiLow`]: interval.lower, [`${metric}CiHigh`]: interval.upper, halfWidth: interval.halfWidth });
    }
  }
  return rows;
}

export interface RunOrderBiasOptions {
  /** The true value of each configuration (default two equal ones: [100, 100]). */
  trueValues?: readonly number[];
  /** Repetitions of each configuration (default 5). */
  repetitions?: number;
  /** How much slower the machine gets from the first run to the last, as a share (default 0.2: 20%). */
  drift?: number;
  /** Run-to-run noise, as a share of the value (standard deviation; default 0.03). */
  noise?: number;
  /** Simulated sweeps (default 2000). */
  trials?: number;
  seed?: number;
}

export interface RunOrderBias {
  /** The true difference, last configuration's value minus the first's. */
  trueDifference: number;
  /** The difference each simulated sweep estimated (mean of the last configuration's runs minus the first's), per order. */
  oneAfterAnother: number[];
  randomizedBlocks: number[];
  /** Mean and standard deviation of those estimates. */
  summary: Array<{ order: string; meanEstimate: number; bias: number; sd: number }>;
}

/**
 * Simulates sweeps on a machine that slows down steadily (another job starting, a thermal limit): run k
 * of K measures trueValue × (1 − drift · k / (K − 1)) × (1 + noise · N(0, 1)). Each sweep is measured
 * in two orders: every run of the first configuration, then every run of the next ("one after
 * another"), and the runner's randomized blocks (`randomizedRunOrder`). One after another, the drift
 * lands on the later configurations and biases the difference; in randomized blocks it spreads over
 * every configuration and the estimate is unbiased. Pure and seeded.
 */
export function simulateRunOrderBias(options: RunOrderBiasOptions = {}): RunOrderBias {
  const trueValues = options.trueValues ?? [100, 100];
  const repetitions = options.repetitions ?? 5;
  const drift = options.drift ?? 0.2;
  const noise = options.noise ?? 0.03;
  const trials = options.trials ?? 2000;
  if (trueValues.length < 2) throw new RangeError("simulateRunOrderBias needs at least two configurations");
  if (!Number.isInteger(repetitions) || repetitions < 2) throw new RangeError(`repetitions must be a whole number ≥ 2; got ${repetitions}`);
  const rng = createRng(options.seed ?? 25);
  const total = trueValues.length * repetitions;
  const first = 0;
  const last = trueValues.length - 1;
  const estimate = (order: ReadonlyArray<readonly [number, number]>): number => {
    const sums = new Array<number>(trueValues.length).fill(0);
    order.forEach(([point], position) => {
      const slowdown = 1 - (drift * position) / Math.max(1, total - 1);
      sums[point]! += trueValues[point]! * slowdown * (1 + noise * sampleStandardNormal(rng));
    });
    return (sums[last]! - sums[first]!) / repetitions;
  };
  const sequential = trueValues.flatMap((_, point) => Array.from({ length: repetitions }, (__, rep) => [point, rep + 1] as const));
  const oneAfterAnother: number[] = [];
  const randomizedBlocks: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    oneAfterAnother.push(estimate(sequential));
    randomizedBlocks.push(estimate(randomizedRunOrder(trueValues.length, repetitions, 1000 + trial)));
  }
  const trueDifference = trueValues[last]! - trueValues[first]!;
  const describe = (order: string, values: number[]) => {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
    return { order, meanEstimate: mean, bias: mean - trueDifference, sd };
  };
  return {
    trueDifference,
    oneAfterAnother,
    randomizedBlocks,
    summary: [describe("one configuration after another", oneAfterAnother), describe("randomized blocks (the runner's order)", randomizedBlocks)],
  };
}
