/**
 * §20 as code: the comparison points come from the architectures' own declarations and the specs'
 * pools; the lecture's data sets are the ones the specs serve (the NASA excerpt and the SPECweb96-like
 * set fit their cache, the SURGE-like set is 8× its cache); the trace's flaws are counted, not fixed.
 */
import { describe, expect, it } from "vitest";
import { comparisonPoints, lectureWorkloads, traceFlawRows, workloadSummaryRows } from "../../lib/experiments/index.js";
import { architectures } from "../../lib/servers/index.js";

describe("comparisonPoints", () => {
  it("pairs each of the paper's servers with flashlab's architecture, its own summary and the specs' pools", () => {
    const points = comparisonPoints();
    expect(points.map((point) => [point.server, point.arch])).toEqual([
      ["Flash", "amped"],
      ["Flash-SPED", "sped"],
      ["Zeus", "zeus"],
      ["Flash-MT", "mt"],
      ["Flash-MP", "mp"],
      ["Apache 1.3.1", "apache"],
    ]);
    for (const point of points) expect(point.flashlab).toBe(architectures[point.arch].summary);
    expect(points.find((point) => point.arch === "mp")).toMatchObject({ contexts: "32 processes (quick: 4)", cachesPer: "process" });
    expect(points.find((point) => point.arch === "mt")).toMatchObject({ contexts: "64 threads (quick: 4)", cachesPer: "thread" });
  });
});

describe("lectureWorkloads", () => {
  it("builds the data sets the specs serve, and says which trace each stands for", async () => {
    const workloads = await lectureWorkloads("full");
    const rows = workloadSummaryRows(workloads);
    expect(rows.map((row) => [row.workload, row.spec, row.cacheMB])).toEqual([
      ["NASA-HTTP trace excerpt", "cached-trace", 64],
      ["SPECweb96-like set, 24 MB", "cached-trace", 64],
      ["SURGE-like set, 64 MB", "disk-bound-trace", 8],
    ]);
    expect(rows[0]).toMatchObject({ files: 431, requests: 1847, standsFor: expect.stringMatching(/^Owlnet/) });
    expect(rows[2]!.standsFor).toMatch(/^CS department/);
    for (const row of rows.slice(0, 2)) expect(Number(row.dataMB)).toBeLessThan(Number(row.cacheMB));
    expect(Number(rows[2]!.dataMB)).toBeGreaterThan(7 * Number(rows[2]!.cacheMB));
    expect(Number(rows[2]!.top10PctFilesShare)).toBeGreaterThan(0.5); // skewed, as web traffic is
  });

  it("counts the NASA excerpt's flaws as its README lists them", async () => {
    const [nasa] = await lectureWorkloads("quick");
    const flaws = Object.fromEntries(traceFlawRows(nasa!.workload).map((row) => [row.flaw.split(" (")[0]!.split(":")[0], row.count]));
    expect(flaws["records broken across two lines by a stray line break"]).toBe(49);
    expect(flaws["lines cut off"]).toBe(1);
    expect(flaws["targets that are not safe file names"]).toBeGreaterThan(0);
    expect(() => traceFlawRows({ ...nasa!.workload, trace: undefined })).toThrow(/needs a trace workload/);
  });
});
