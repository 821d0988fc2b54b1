/**
 * Paired ratios: block by block, a failed or missing run leaves its block out, the median ignores one
 * bad block, and a selector that matches several points is an error rather than a silent pick.
 */
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../../lib/experiments/index.js";
import { pairedRatio } from "../../../lib/experiments/index.js";

function run(point: string, levels: Record<string, string | number>, rep: number, value: number | null, status: "ok" | "failed" = "ok"): RunRecord {
  return { key: `${point}-r${rep}`, point, rep, levels, status, metrics: { throughputRps: value } } as Partial<RunRecord> as RunRecord;
}

describe("pairedRatio", () => {
  const records = [
    run("p01", { arch: "sped", size: 1 }, 1, 100),
    run("p02", { arch: "amped", size: 1 }, 1, 90),
    run("p01", { arch: "sped", size: 1 }, 2, 50), // a block where the machine was busy: both slow
    run("p02", { arch: "amped", size: 1 }, 2, 46),
    run("p01", { arch: "sped", size: 1 }, 3, 100),
    run("p02", { arch: "amped", size: 1 }, 3, 300), // one wild run
    run("p01", { arch: "sped", size: 1 }, 4, 100, "failed"),
    run("p02", { arch: "amped", size: 1 }, 4, 95),
    run("p03", { arch: "sped", size: 2 }, 1, 10),
  ];

  it("divides within each block and takes the median, leaving out blocks with a failed run", () => {
    const paired = pairedRatio(records, "throughputRps", { arch: "amped", size: 1 }, { arch: "sped", size: 1 });
    expect(paired.reps).toEqual([1, 2, 3]);
    expect(paired.ratios).toEqual([0.9, 0.92, 3]);
    expect(paired.median).toBe(0.92);
  });

  it("gives no median when the points never ran in the same block", () => {
    expect(pairedRatio(records, "throughputRps", { arch: "amped", size: 2 }, { arch: "sped", size: 2 })).toEqual({ ratios: [], reps: [], median: null });
  });

  it("refuses levels that match several points", () => {
    expect(() => pairedRatio(records, "throughputRps", { arch: "sped" }, { arch: "amped", size: 1 })).toThrow(/match 2 points \(p01, p03\)/);
  });
});
