/**
 * Which toy-shop model is better, and by which metric (lecture §2, §8)? Runs both models of the
 * toy-shop simulator over a range of order counts and says, for each count and each metric (total
 * time for the manager, mean completion time for the customers), which model wins and where the
 * winner changes. The answer changes with the workload and with the metric: that is the point.
 */
import { simulateToyShop, toyShopModels } from "../sim/index.js";
import type { ToyShopModel, ToyShopResult } from "../sim/index.js";

/** The two metrics the lecture compares the models on (both in ms, lower is better). */
export type ToyShopMetric = "totalMs" | "meanCompletionMs";
export const toyShopComparedMetrics: readonly ToyShopMetric[] = ["totalMs", "meanCompletionMs"];

export interface ToyShopComparisonOptions {
  /** Threads per shop (boss/workers: 1 boss + threads − 1 workers; pipeline: one per stage). */
  threads: number;
  /** The order counts to try, each a whole number ≥ 1 (sorted and deduplicated). */
  orderCounts: readonly number[];
  /** Work per order in ms (default 120, as in the lecture). */
  orderMs?: number;
}

/** One model run at one order count. A type alias rather than an interface, so that rows fit seriesFromRows and showTable. */
export type ToyShopComparisonRow = {
  orders: number;
  model: ToyShopModel;
  totalMs: number;
  meanCompletionMs: number;
};

/** The better model at one order count for one metric ("tie" when both give the same value). */
export type ToyShopWinner = ToyShopModel | "tie";

export type ToyShopVerdict = {
  orders: number;
  metric: ToyShopMetric;
  bossWorkersMs: number;
  pipelineMs: number;
  winner: ToyShopWinner;
};

/** A place where the strictly better model changes as the order count grows (ties are skipped). */
export type ToyShopWinnerChange = {
  metric: ToyShopMetric;
  /** The last order count at which `from` was strictly better. */
  lastOrdersFor: number;
  /** The first order count at which `to` is strictly better. */
  firstOrdersFor: number;
  from: ToyShopModel;
  to: ToyShopModel;
};

export interface ToyShopComparison {
  threads: number;
  orderMs: number;
  /** Both models at every order count, ordered by orders then model. */
  rows: ToyShopComparisonRow[];
  /** One verdict per order count and metric. */
  verdicts: ToyShopVerdict[];
  /** Every change of winner, per metric, in order of order count. */
  changes: ToyShopWinnerChange[];
}

/** Equal up to floating-point noise (the pipeline's stage times are divisions). */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function checkOrderCounts(orderCounts: readonly number[]): number[] {
  if (orderCounts.length === 0) throw new RangeError("toy-shop comparison: orderCounts must list at least one order count");
  for (const count of orderCounts) {
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new RangeError(`toy-shop comparison: every order count must be a whole number ≥ 1; got ${count}`);
    }
  }
  return [...new Set(orderCounts)].sort((a, b) => a - b);
}

function changesOf(verdicts: readonly ToyShopVerdict[], metric: ToyShopMetric): ToyShopWinnerChange[] {
  const changes: ToyShopWinnerChange[] = [];
  let previous: { winner: ToyShopModel; orders: number } | undefined;
  for (const verdict of verdicts) {
    if (verdict.metric !== metric || verdict.winner === "tie") continue;
    if (previous !== undefined && previous.winner !== verdict.winner) {
      changes.push({ metric, lastOrdersFor: previous.orders, firstOrdersFor: verdict.orders, from: previous.winner, to: verdict.winner });
    }
    previous = { winner: verdict.winner, orders: verdict.orders };
  }
  return changes;
}

/**
 * Simulates both models at every order count (all orders arriving at time 0) and compares them on
 * total time and mean completion time. Throws a RangeError naming a bad option.
 * Runs in O(Σ orders · threads · log orders).
 */
export function compareToyShopModels(options: ToyShopComparisonOptions): ToyShopComparison {
  const orderCounts = checkOrderCounts(options.orderCounts);
  const rows: ToyShopComparisonRow[] = [];
  const verdicts: ToyShopVerdict[] = [];
  let orderMs = Number.NaN;
  for (const orders of orderCounts) {
    const byModel = {} as Record<ToyShopModel, ToyShopComparisonRow>;
    for (const model of toyShopModels) {
      const result = simulateToyShop({ model, threads: options.threads, orders, ...(options.orderMs === undefined ? {} : { orderMs: options.orderMs }) });
      orderMs = result.orderMs;
      byModel[model] = { orders, model, totalMs: result.totalMs, meanCompletionMs: result.meanCompletionMs };
      rows.push(byModel[model]);
    }
    for (const metric of toyShopComparedMetrics) {
      const bossWorkersMs = byModel["boss-workers"][metric];
      const pipelineMs = byModel.pipeline[metric];
      const winner: ToyShopWinner = nearlyEqual(bossWorkersMs, pipelineMs) ? "tie" : bossWorkersMs < pipelineMs ? "boss-workers" : "pipeline";
      verdicts.push({ orders, metric, bossWorkersMs, pipelineMs, winner });
    }
  }
  const changes = toyShopComparedMetrics.flatMap((metric) => changesOf(verdicts, metric));
  return { threads: options.threads, orderMs, rows, verdicts, changes };
}

/** One run's headline numbers, for a summary table. */
export type ToyShopSummaryRow = {
  model: ToyShopModel;
  threads: number;
  orders: number;
  totalMs: number;
  meanCompletionMs: number;
};

/** The headline numbers of toy-shop runs, mean rounded to 0.01 ms. */
export function toyShopSummaryRows(results: readonly ToyShopResult[]): ToyShopSummaryRow[] {
  return results.map((result) => ({
    model: result.model,
    threads: result.threads,
    orders: result.orderCount,
    totalMs: result.totalMs,
    meanCompletionMs: Number(result.meanCompletionMs.toFixed(2)),
  }));
}
