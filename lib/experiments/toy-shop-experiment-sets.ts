/**
 * The toy-shop manager's four candidate experiment sets (lecture §26), run on the staffing model
 * (toy-shop-staffing.ts): each configuration for several seeded days, summarized by the day's total
 * time (mean with its 95% interval, and the slowest day), the workers per work area and how busy the
 * tools were. A finer sweep (every worker count, each toy) shows the curve the sets sample.
 */
import { meanConfidenceInterval } from "../metrics/mean-confidence-interval.js";
import { simulateToyShopStaffing, type ToyWorkload } from "./toy-shop-staffing.js";

/** One configuration of an experiment: the day's toys and the workers hired. */
export type ToyShopConfiguration = { toy: ToyWorkload; workers: number };

/** The lecture's four candidate sets, by number. */
export const toyShopCandidateSets: Readonly<Record<1 | 2 | 3 | 4, readonly ToyShopConfiguration[]>> = {
  1: [{ toy: "train", workers: 3 }, { toy: "train", workers: 4 }, { toy: "train", workers: 5 }],
  2: [{ toy: "blocks", workers: 3 }, { toy: "bear", workers: 6 }, { toy: "train", workers: 9 }],
  3: [{ toy: "mixed", workers: 3 }, { toy: "mixed", workers: 6 }, { toy: "mixed", workers: 9 }],
  4: [{ toy: "train", workers: 3 }, { toy: "train", workers: 6 }, { toy: "train", workers: 9 }],
};

export interface ToyShopDays {
  /** Orders of each day (default 90). */
  orders?: number;
  /** Days simulated per configuration, seeds firstSeed, firstSeed + 1, … (default 5). */
  days?: number;
  firstSeed?: number;
}

/** One configuration over its days. */
export type ToyShopConfigurationResult = {
  toy: ToyWorkload;
  workers: number;
  /** Workers in each of the 3 areas, e.g. "2-1-1". */
  workersPerArea: string;
  days: number;
  meanTotalMs: number;
  totalCiLow: number;
  totalCiHigh: number;
  /** The slowest day: what the worst case must meet. */
  worstTotalMs: number;
  /** How busy each area's tools were, in %, averaged over the days: "96-48-48". */
  toolBusyPct: string;
};

/** Simulates a configuration for each day and summarizes it. */
export function runToyShopConfiguration(configuration: ToyShopConfiguration, options: ToyShopDays = {}): ToyShopConfigurationResult {
  const orders = options.orders ?? 90;
  const days = options.days ?? 5;
  const firstSeed = options.firstSeed ?? 1;
  if (!Number.isInteger(days) || days < 2) throw new RangeError(`days must be a whole number ≥ 2 (for an interval); got ${days}`);
  const results = Array.from({ length: days }, (_, day) => simulateToyShopStaffing({ ...configuration, orders, seed: firstSeed + day }));
  const totals = results.map((result) => result.totalMs);
  const interval = meanConfidenceInterval(totals);
  const areas = results[0]!.workAreas;
  const busy = Array.from({ length: areas }, (_, area) => (100 * results.reduce((sum, result) => sum + result.toolUtilization[area]!, 0)) / days);
  return {
    toy: configuration.toy,
    workers: configuration.workers,
    workersPerArea: results[0]!.workersPerArea.join("-"),
    days,
    meanTotalMs: interval.mean,
    totalCiLow: interval.lower,
    totalCiHigh: interval.upper,
    worstTotalMs: Math.max(...totals),
    toolBusyPct: busy.map((share) => Math.round(share)).join("-"),
  };
}

/** Every configuration of the four candidate sets, with the set it belongs to. */
export function runToyShopCandidateSets(options: ToyShopDays = {}): Array<ToyShopConfigurationResult & { set: number }> {
  return ([1, 2, 3, 4] as const).flatMap((set) => toyShopCandidateSets[set].map((configuration) => ({ set, ...runToyShopConfiguration(configuration, options) })));
}

/** Each toy at every worker count in `workers`: the curve the candidate sets sample. */
export function toyShopStaffingCurve(toys: readonly ToyWorkload[], workers: readonly number[], options: ToyShopDays = {}): ToyShopConfigurationResult[] {
  return toys.flatMap((toy) => workers.map((count) => runToyShopConfiguration({ toy, workers: count }, options)));
}
