/**
 * Per-point summaries: n counts the runs that finished ok, failed ones are counted apart, and each
 * metric's mean and 95% interval come from lib/metrics (Student t), checked here by hand.
 */
import { describe, expect, it } from "vitest";
import type { PlannedPoint, RunRecord } from "../../../lib/experiments/index.js";
import { summarizePoints } from "../../../lib/experiments/index.js";

const points: PlannedPoint[] = [
  { index: 0, id: "p01", levels: { arch: "sped" }, settings: { arch: "sped" } },
  { index: 1, id: "p02", levels: { arch: "mp" }, settings: { arch: "mp" } },
  { index: 2, id: "p03", levels: { arch: "mt" }, settings: { arch: "mt" } },
];

function record(point: string, rep: number, status: "ok" | "failed", metrics: Record<string, number | null>): RunRecord {
  return { key: `${point}-r${rep}`, point, rep, status, metrics } as Partial<RunRecord> as RunRecord;
}

describe("summarizePoints", () => {
  const rows = summarizePoints(points, ["throughputRps", "rssMB"], [
    record("p01", 1, "ok", { throughputRps: 10, rssMB: 50 }),
    record("p01", 2, "ok", { throughputRps: 12, rssMB: null }),
    record("p01", 3, "ok", { throughputRps: 14, rssMB: 52 }),
    record("p01", 4, "failed", {}),
    record("p02", 1, "ok", { throughputRps: 7, rssMB: 90 }),
  ]);

  it("gives n, failed and each metric's mean with its 95% interval per point", () => {
    // mean 12, s = 2, t(0.975, 2) = 4.302653: half-width 4.302653 · 2 / √3 = 4.968275
    expect(rows[0]).toMatchObject({ arch: "sped", n: 3, failed: 1, throughputRpsMean: 12 });
    expect(rows[0]!.throughputRpsCiLow).toBeCloseTo(12 - 4.968275, 5);
    expect(rows[0]!.throughputRpsCiHigh).toBeCloseTo(12 + 4.968275, 5);
    // Runs without a value (null) are left out of that metric only: mean of 50 and 52, t(0.975, 1) = 12.7062
    expect(rows[0]!.rssMBMean).toBe(51);
    expect(rows[0]!.rssMBCiHigh).toBeCloseTo(51 + 12.7062047, 5);
  });

  it("gives no interval for one run, and nothing for none", () => {
    expect(rows[1]).toMatchObject({ arch: "mp", n: 1, failed: 0, throughputRpsMean: 7, throughputRpsCiLow: null, throughputRpsCiHigh: null });
    expect(rows[2]).toMatchObject({ arch: "mt", n: 0, failed: 0, throughputRpsMean: null, throughputRpsCiLow: null });
  });
});
