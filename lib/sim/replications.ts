/**
 * Independent replications: run a stochastic model n times with independent random streams and
 * report each measure's mean with a Student-t confidence interval over the runs (lib/metrics). One
 * long run gives one estimate whose error bar is hard to know, because successive customers are
 * correlated; n independent runs give n independent estimates, so the t interval is honest (Law and
 * Kelton, Simulation Modeling and Analysis, §9.4). Combine with warm-up removal in each run, so that
 * the empty start does not bias every replication the same way.
 *
 * The seeds come from `replicationSeeds`: disjoint stretches of the generator's cycle, of
 * ⌊2^32 / n⌋ draws each (about 43 million for 100 replications).
 */
import { meanConfidenceInterval } from "../metrics/mean-confidence-interval.js";
import type { MeanConfidenceInterval } from "../metrics/mean-confidence-interval.js";
import { replicationSeeds } from "../runtime/random.js";

export interface ReplicationOptions<R, M extends string> {
  /** How many runs (whole number ≥ 2: an interval needs two). */
  replications: number;
  /** Seed of the first run's stream; the others follow from it (default 1). */
  baseSeed?: number;
  /** Runs the model once with the given seed. */
  run: (seed: number, replication: number) => R;
  /** The measures to summarise, each read from one run's result. */
  measures: Record<M, (result: R) => number>;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

export interface ReplicationSummary<R, M extends string> {
  seeds: number[];
  results: R[];
  /** Per measure: its value in each run, in run order. */
  values: Record<M, number[]>;
  /** Per measure: the mean over the runs with its confidence interval. */
  intervals: Record<M, MeanConfidenceInterval>;
}

/** Runs `run` once per replication and summarises every measure. O(replications × one run). */
export function replicate<R, M extends string>(options: ReplicationOptions<R, M>): ReplicationSummary<R, M> {
  const { replications } = options;
  if (!Number.isSafeInteger(replications) || replications < 2) {
    throw new RangeError(`replications must be a whole number ≥ 2 (a confidence interval needs two runs); got ${replications}`);
  }
  const seeds = replicationSeeds(options.baseSeed ?? 1, replications);
  const results = seeds.map((seed, index) => options.run(seed, index));
  const names = Object.keys(options.measures) as M[];
  const values = {} as Record<M, number[]>;
  const intervals = {} as Record<M, MeanConfidenceInterval>;
  for (const name of names) {
    values[name] = results.map((result) => options.measures[name](result));
    intervals[name] = meanConfidenceInterval(values[name], options.level ?? 0.95);
  }
  return { seeds, results, values, intervals };
}
