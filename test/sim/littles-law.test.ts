/**
 * Little's law (L = λ·W) on the deterministic models too. Over a run that starts and ends empty it is
 * an identity, so here it checks the models' records: L comes from replaying every arrival (+1) and
 * completion (−1) on the engine into a time-weighted count, λ·W from the records' own times. A record
 * that completes before it arrives, an order counted twice or a total time that does not cover the
 * orders would break the equality. (The queueing models are checked in queueing-models.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import { TimeWeighted } from "../../lib/sim/time-weighted.js";
import { simulateToyShop } from "../../lib/sim/toy-shop.js";
import { simulateLatencyHiding } from "../../lib/sim/latency-hiding.js";
import { generateToyOrders } from "../../lib/workloads/toy-orders.js";

interface Stay {
  arrivalMs: number;
  completionMs: number;
}

/** L over [0, end] from the stays, replayed as events, and λ·W from the same stays. */
function littlesLaw(stays: readonly Stay[], endMs: number): { inSystem: number; lambdaW: number } {
  const simulator = new DiscreteEventSimulator();
  const count = new TimeWeighted(simulator);
  for (const stay of stays) {
    expect(stay.completionMs).toBeGreaterThanOrEqual(stay.arrivalMs);
    simulator.scheduleAt(stay.arrivalMs, () => count.add(1));
    simulator.scheduleAt(stay.completionMs, () => count.add(-1));
  }
  simulator.scheduleAt(endMs, () => {});
  simulator.run();
  expect(count.value).toBe(0);
  const meanStay = stays.reduce((total, stay) => total + stay.completionMs - stay.arrivalMs, 0) / stays.length;
  return { inSystem: count.mean(), lambdaW: (stays.length / endMs) * meanStay };
}

describe("Little's law on the deterministic models", () => {
  it("toy shop, both models, with the lecture's orders and with a Poisson stream", () => {
    const poisson = generateToyOrders({ count: 200, work: "exponential", arrivals: "poisson", interarrivalMs: 30, seed: 8 });
    for (const model of ["boss-workers", "pipeline"] as const) {
      for (const orders of [11, poisson]) {
        const result = simulateToyShop({ model, threads: 6, orders });
        const { inSystem, lambdaW } = littlesLaw(result.orders, result.totalMs);
        expect(inSystem).toBeCloseTo(lambdaW, 9);
        expect(result.meanCompletionMs).toBeCloseTo(lambdaW * result.totalMs / result.orderCount, 9);
      }
    }
  });

  it("latency hiding, both policies", () => {
    const comparison = simulateLatencyHiding({ computeMs: 10, idleMs: 5, ctxSwitchMs: 1, requests: 6 });
    for (const run of [comparison.noSwitch, comparison.switching]) {
      const stays = run.requests.map((request) => ({ arrivalMs: 0, completionMs: request.completionMs }));
      const { inSystem, lambdaW } = littlesLaw(stays, run.totalMs);
      expect(inSystem).toBeCloseTo(lambdaW, 9);
    }
  });
});
