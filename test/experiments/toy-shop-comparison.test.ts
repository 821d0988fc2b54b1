import { describe, expect, it } from "vitest";
import { compareToyShopModels } from "../../lib/experiments/toy-shop-comparison.js";

// Hand-derived for 6 threads and 120 ms orders, all arriving at time 0:
// boss/workers finishes in batches of 5 workers, so order i completes at 120·⌈i/5⌉;
// the pipeline (6 stages of 20 ms) completes order i at 120 + 20·(i − 1).
const bossWorkersCompletion = (i: number): number => 120 * Math.ceil(i / 5);
const pipelineCompletion = (i: number): number => 120 + 20 * (i - 1);
const meanOf = (n: number, completion: (i: number) => number): number =>
  Array.from({ length: n }, (_, k) => completion(k + 1)).reduce((a, b) => a + b, 0) / n;

describe("compareToyShopModels", () => {
  const orderCounts = Array.from({ length: 30 }, (_, k) => k + 1);
  const comparison = compareToyShopModels({ threads: 6, orderCounts });

  it("gives both models' total and mean completion time at every order count", () => {
    expect(comparison.rows).toHaveLength(60);
    for (const n of orderCounts) {
      const bw = comparison.rows.find((row) => row.orders === n && row.model === "boss-workers")!;
      const pl = comparison.rows.find((row) => row.orders === n && row.model === "pipeline")!;
      expect(bw.totalMs).toBeCloseTo(bossWorkersCompletion(n), 9);
      expect(pl.totalMs).toBeCloseTo(pipelineCompletion(n), 9);
      expect(bw.meanCompletionMs).toBeCloseTo(meanOf(n, bossWorkersCompletion), 9);
      expect(pl.meanCompletionMs).toBeCloseTo(meanOf(n, pipelineCompletion), 9);
    }
  });

  it("reproduces the lecture's verdicts for 11 and 10 orders, with ties where the times are equal", () => {
    const verdict = (orders: number, metric: "totalMs" | "meanCompletionMs") =>
      comparison.verdicts.find((v) => v.orders === orders && v.metric === metric)!;
    expect(verdict(11, "totalMs")).toMatchObject({ bossWorkersMs: 360, pipelineMs: 320, winner: "pipeline" });
    expect(verdict(11, "meanCompletionMs").winner).toBe("boss-workers");
    expect(verdict(10, "totalMs")).toMatchObject({ bossWorkersMs: 240, pipelineMs: 300, winner: "boss-workers" });
    expect(verdict(1, "totalMs").winner).toBe("tie");
    expect(verdict(7, "totalMs").winner).toBe("tie");
    expect(verdict(24, "meanCompletionMs").winner).toBe("tie"); // 350 ms each
  });

  it("finds every change of winner, skipping ties", () => {
    const total = comparison.changes.filter((change) => change.metric === "totalMs");
    expect(total.map((change) => [change.lastOrdersFor, change.firstOrdersFor, change.to])).toEqual([
      [5, 6, "pipeline"],
      [6, 8, "boss-workers"],
      [10, 11, "pipeline"],
      [12, 14, "boss-workers"],
      [15, 16, "pipeline"],
      [18, 20, "boss-workers"],
      [20, 21, "pipeline"],
    ]);
    // Mean completion: boss/workers up to 23 orders, tied at 24 and 25, pipeline from 26 (110 + 10n < 12n + 60 beyond 25).
    expect(comparison.changes.filter((change) => change.metric === "meanCompletionMs")).toEqual([
      { metric: "meanCompletionMs", lastOrdersFor: 23, firstOrdersFor: 26, from: "boss-workers", to: "pipeline" },
    ]);
  });

  it("sorts and deduplicates order counts and rejects bad ones", () => {
    expect(compareToyShopModels({ threads: 6, orderCounts: [3, 1, 3] }).rows.map((row) => row.orders)).toEqual([1, 1, 3, 3]);
    expect(() => compareToyShopModels({ threads: 6, orderCounts: [] })).toThrow(/at least one order count/);
    expect(() => compareToyShopModels({ threads: 6, orderCounts: [0] })).toThrow(/whole number ≥ 1; got 0/);
    expect(() => compareToyShopModels({ threads: 1, orderCounts: [3] })).toThrow(/boss-workers needs/);
  });
});
