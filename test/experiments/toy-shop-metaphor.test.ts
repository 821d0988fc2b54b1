import { describe, expect, it } from "vitest";
import { toyShopMetaphorMetrics } from "../../lib/experiments/toy-shop-metaphor.js";
import { simulateToyShop } from "../../lib/sim/index.js";

describe("toyShopMetaphorMetrics", () => {
  it("computes the lecture's boss/workers shop by hand: 11 orders in 360 ms, an idle boss", () => {
    const metrics = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: 6, orders: 11 }));
    expect(metrics.throughputPerS).toBeCloseTo(11 / 0.36, 9);
    expect(metrics.throughputPerHour).toBeCloseTo(110_000, 6);
    expect(metrics.meanReactionMs).toBeCloseTo((5 * 0 + 5 * 120 + 240) / 11, 9); // started in batches
    expect(metrics.meanCompletionMs).toBeCloseTo(2160 / 11, 9);
    expect(metrics.benchUtilization).toBeCloseTo(1320 / (6 * 360), 9); // 11 × 120 ms of work on 6 benches
    expect(metrics.utilizationByBench[0]).toEqual({ bench: "boss", utilization: 0 });
    expect(metrics.utilizationByBench[1]).toEqual({ bench: "worker 1", utilization: 1 });
  });

  it("computes the pipeline: every stage busy 11 × 20 ms of 320 ms", () => {
    const metrics = toyShopMetaphorMetrics(simulateToyShop({ model: "pipeline", threads: 6, orders: 11 }));
    expect(metrics.throughputPerS).toBeCloseTo(11 / 0.32, 9);
    expect(metrics.meanReactionMs).toBeCloseTo(100, 9); // stage 1 starts order i at 20·(i − 1)
    expect(metrics.benchUtilization).toBeCloseTo(1320 / 1920, 9);
    for (const bench of metrics.utilizationByBench) expect(bench.utilization).toBeCloseTo(220 / 320, 9);
  });

  it("counts a boss who takes time per order as a busy bench", () => {
    const metrics = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: 6, orders: 11, bossMs: 10 }));
    const boss = metrics.utilizationByBench.find((bench) => bench.bench === "boss")!;
    expect(boss.utilization).toBeCloseTo(110 / metrics.openMs, 9);
  });
});
