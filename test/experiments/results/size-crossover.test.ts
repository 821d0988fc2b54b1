/**
 * The data-set-size crossover of a modelled dataset-size sweep: AMPED stays level with SPED while the
 * set fits the cache and pulls ahead beyond it; the crossover is the first size from which it stays
 * ahead, sizes are read as built, and a sweep where AMPED never leads has none.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { sizeCrossover } from "../../../lib/experiments/index.js";
import { modelledSweep } from "../../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-crossover-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const directoryBytes = 5_119_484; // one SPECweb96 directory

it("finds where AMPED overtakes SPED, against the cache size, with the sizes as built", async () => {
  // Full profile: a 32 MB cache, sets of 4–128 MB. SPED falls off once the set no longer fits; AMPED far less.
  const result = await modelledSweep("dataset-size", "full", join(root, "a"), (settings) => {
    const size = Number(settings.datasetMB);
    const built = Math.max(1, Math.round((size * 1024 * 1024) / directoryBytes)) * directoryBytes;
    const over = Math.max(0, built / (32 * 1024 * 1024) - 1);
    const throughputRps = settings.arch === "sped" ? 1000 / (1 + 4 * over) : settings.arch === "amped" ? 990 / (1 + over) : 500;
    return { throughputRps, workloadBytes: built };
  }, 1);
  const found = sizeCrossover(result);
  expect(found.cacheMB).toBe(32);
  expect(found.levels.map((level) => level.datasetMB)).toEqual([4, 8, 16, 32, 48, 64, 96, 128]);
  expect(found.levels[0]!.builtMB).toBeCloseTo(4.88, 2);
  // "32 MB" is 7 directories, 34.2 MB: already over the cache, and AMPED is ahead there.
  expect(found.crossover?.datasetMB).toBe(32);
  expect(found.crossover?.builtMB).toBeCloseTo(34.18, 2);
  expect(found.side).toBe("above");
  expect(found.levels[2]!.ratio).toBeCloseTo(0.99, 5);
});

it("has no crossover when AMPED never stays ahead", async () => {
  const result = await modelledSweep("dataset-size", "quick", join(root, "b"), (settings) => ({ throughputRps: settings.arch === "amped" ? 100 : 120 }));
  const found = sizeCrossover(result);
  expect(found.cacheMB).toBe(8);
  expect(found.crossover).toBeNull();
  expect(found.side).toBeNull();
});
