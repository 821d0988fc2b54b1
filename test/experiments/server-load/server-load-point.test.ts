/**
 * One real server-load sweep, end to end: a SPED server on the simulated disk under the real load
 * generator in its own process, two points × two repetitions of well under a second each. The rows
 * carry means with confidence intervals, and the cache check sees the miss that an unprimed "cached"
 * point takes in its window, and none once every file is primed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type ExperimentSpec, runExperiment, type ServerLoadSettings } from "../../../lib/experiments/index.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-point-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec: ExperimentSpec<ServerLoadSettings> = {
  name: "tiny-point",
  description: "SPED on the simulated disk, primed or not",
  factors: { prime: [false, true] },
  fixed: { arch: "sped", workload: "single", fileSizeKB: 4, disk: "sim", diskLatencyMs: 1, diskParallelism: "unlimited", expectCached: true, clients: 2 },
  metrics: ["throughputRps", "connectionRate", "diskMisses", "rssMB", "serverCpuPct"],
  seed: 3,
  profiles: { quick: { repetitions: 2, warmupS: 0, durationS: 0.4 }, full: { repetitions: 2, warmupS: 0, durationS: 1 } },
};

it("runs real points into rows with confidence intervals, and flags misses in a window meant to be cached", async () => {
  const result = await runExperiment(spec, { profile: "quick", out: join(root, "run") });
  expect(result.records.map((record) => [record.key, record.status, record.error])).toEqual(
    expect.arrayContaining([
      ["p01-r1", "ok", null],
      ["p01-r2", "ok", null],
      ["p02-r1", "ok", null],
      ["p02-r2", "ok", null],
    ]),
  );
  const rows = result.summary.objects() as Array<Record<string, number | boolean | null>>;
  expect(rows.map((row) => [row.prime, row.n])).toEqual([
    [false, 2],
    [true, 2],
  ]);
  for (const row of rows) {
    expect(row.throughputRpsMean).toBeGreaterThan(0);
    expect(row.throughputRpsCiLow).toBeLessThanOrEqual(row.throughputRpsMean as number);
    expect(row.throughputRpsCiHigh).toBeGreaterThanOrEqual(row.throughputRpsMean as number);
    expect(row.connectionRateMean).toBeGreaterThan(0); // HTTP/1.0 by default: a connection per request
    expect(row.rssMBMean).toBeGreaterThan(10);
  }
  for (const record of result.records) {
    const primed = record.levels.prime === true;
    expect(record.metrics.diskMisses).toBe(primed ? 0 : 1);
    expect(record.warnings.some((warning) => warning.includes("disk misses in the measured window of a point meant to be cached"))).toBe(!primed);
    expect(record.details).toMatchObject({ window: { diskMisses: primed ? 0 : 1 }, load: { summary: { errorsTotal: 0 } } });
    expect(record.loadAverage.after).toHaveLength(3);
  }
});
