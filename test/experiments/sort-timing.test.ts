import { describe, expect, it } from "vitest";
import { measureSortTimes } from "../../lib/experiments/sort-timing.js";

describe("measureSortTimes", () => {
  it("times every run of every size on one increasing clock", () => {
    const runs = measureSortTimes([10, 1000], 3);
    expect(runs.map((run) => [run.n, run.run])).toEqual([[10, 0], [10, 1], [10, 2], [1000, 0], [1000, 1], [1000, 2]]);
    for (const [index, run] of runs.entries()) {
      expect(run.fillStartMs).toBeLessThanOrEqual(run.sortStartMs);
      expect(run.sortStartMs).toBeLessThanOrEqual(run.endMs);
      expect(run.sortMs).toBeCloseTo(run.endMs - run.sortStartMs, 9);
      if (index > 0) expect(run.fillStartMs).toBeGreaterThanOrEqual(runs[index - 1]!.endMs);
    }
  });

  it("rejects bad sizes and run counts", () => {
    expect(() => measureSortTimes([10], 0)).toThrow(/runs must be/);
    expect(() => measureSortTimes([0], 1)).toThrow(/array sizes/);
  });
});
