/**
 * The lecture's visual metaphor (§4) made concrete: the three headline metrics — throughput,
 * response time, utilization — computed for one toy-shop run from its per-order records and its
 * timeline, with the metrics library.
 *
 * - throughput: orders finished per second (and per hour) over the shop's opening time;
 * - response time: how long an order waited until a thread started on it (the shop "reacting" to
 *   the order), and how long until it was done;
 * - utilization: the share of bench time (threads × opening time) spent working on toys, overall
 *   and per bench. A boss who takes no time per order, as in the lecture, is an idle bench.
 */
import { cpuUtilization, throughput, waitTimesFromArrivals } from "../metrics/index.js";
import type { ToyShopResult } from "../sim/index.js";

export type ToyShopMetaphorMetrics = {
  model: ToyShopResult["model"];
  threads: number;
  orders: number;
  /** From time 0 to the last completion. */
  openMs: number;
  throughputPerS: number;
  throughputPerHour: number;
  /** Mean time from an order's arrival until a thread first worked on it. */
  meanReactionMs: number;
  /** Mean time from an order's arrival to its completion. */
  meanCompletionMs: number;
  /** Busy bench time / (benches × openMs), from 0 to 1. */
  benchUtilization: number;
  /** Each bench (thread) with its own busy share, in timeline order. */
  utilizationByBench: Array<{ bench: string; utilization: number }>;
};

function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * Throughput, response times and bench utilization of one toy-shop run. O(orders + segments).
 * Throws when the run has no opening time (cannot happen for a simulated run with work > 0).
 */
export function toyShopMetaphorMetrics(result: ToyShopResult): ToyShopMetaphorMetrics {
  const openMs = result.totalMs;
  if (!(openMs > 0)) throw new RangeError(`toy-shop metrics: the run lasted ${openMs} ms; it must last > 0 ms`);
  const busyByBench = new Map<string, number>(result.resources.map((bench) => [bench, 0]));
  for (const segment of result.segments) {
    busyByBench.set(segment.resource, (busyByBench.get(segment.resource) ?? 0) + (segment.endMs - segment.startMs));
  }
  const samples = [...busyByBench].map(([, busy]) => ({ busy, idle: Math.max(0, openMs - busy) }));
  const reactions = waitTimesFromArrivals(
    result.orders.map((order) => order.arrivalMs),
    result.orders.map((order) => order.startMs),
  );
  const perS = throughput(result.orderCount, openMs / 1000);
  return {
    model: result.model,
    threads: result.threads,
    orders: result.orderCount,
    openMs,
    throughputPerS: perS,
    throughputPerHour: perS * 3600,
    meanReactionMs: mean(reactions),
    meanCompletionMs: result.meanCompletionMs,
    benchUtilization: cpuUtilization(samples),
    utilizationByBench: [...busyByBench].map(([bench, busy]) => ({ bench, utilization: busy / openMs })),
  };
}
