/**
 * The §26 candidate sets on the staffing model: set 1 staffs the areas unevenly, set 4 evenly up to 3
 * per area, where the tools saturate; the slowest day is the largest of the days; more trains-workers
 * than 9 do not help (the tools are busy nearly all the time).
 */
import { describe, expect, it } from "vitest";
import { runToyShopCandidateSets, runToyShopConfiguration, simulateToyShopStaffing, toyShopCandidateSets, toyShopStaffingCurve } from "../../lib/experiments/index.js";

describe("the toy shop's candidate experiment sets", () => {
  const rows = runToyShopCandidateSets({ orders: 60, days: 3 });

  it("runs the lecture's four sets, three configurations each", () => {
    expect(rows.map((row) => `${row.set}:${row.toy}/${row.workers}`)).toEqual(
      ([1, 2, 3, 4] as const).flatMap((set) => toyShopCandidateSets[set].map((configuration) => `${set}:${configuration.toy}/${configuration.workers}`)),
    );
    expect(rows.filter((row) => row.set === 1).map((row) => row.workersPerArea)).toEqual(["1-1-1", "2-1-1", "2-2-1"]);
    expect(rows.filter((row) => row.set === 4).map((row) => row.workersPerArea)).toEqual(["1-1-1", "2-2-2", "3-3-3"]);
  });

  it("summarizes each configuration over its days: mean with interval, slowest day", () => {
    const one = runToyShopConfiguration({ toy: "train", workers: 6 }, { orders: 60, days: 3, firstSeed: 5 });
    const days = [5, 6, 7].map((seed) => simulateToyShopStaffing({ toy: "train", workers: 6, orders: 60, seed }).totalMs);
    expect(one.worstTotalMs).toBe(Math.max(...days));
    expect(one.meanTotalMs).toBeCloseTo(days.reduce((sum, day) => sum + day, 0) / 3, 9);
    expect(one.totalCiLow).toBeLessThanOrEqual(one.meanTotalMs);
    expect(() => runToyShopConfiguration({ toy: "train", workers: 6 }, { days: 1 })).toThrow(/days must be a whole number ≥ 2/);
  });

  it("shows the worst case (trains) levelling off where the tools saturate, at 3 workers per area", () => {
    const curve = toyShopStaffingCurve(["train"], [3, 6, 9, 12], { orders: 60, days: 2 });
    const worst = curve.map((row) => row.worstTotalMs);
    expect(worst[1]).toBeLessThan(worst[0]! * 0.6);
    expect(worst[2]).toBeLessThan(worst[1]!);
    expect(worst[3]).toBeGreaterThan(worst[2]! * 0.95); // a fourth worker per area only waits for the tools
    expect(curve[2]!.toolBusyPct.split("-").map(Number).every((share) => share > 90)).toBe(true);
  });
});
