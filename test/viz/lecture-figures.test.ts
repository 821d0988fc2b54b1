/**
 * The lecture's figures for each built-in spec, drawn from modelled sweeps (the real runner and run
 * folders; metrics chosen by the test): every spec's figures build from its quick profile, the
 * data-set axis is the set as built over the cache (so the quick and full profiles share it), and the
 * one-arm disk figure appears only when a sweep measured it (the full profile).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinSpecs, type PointSettings } from "../../lib/experiments/index.js";
import { lectureFigures, specsWithFigures } from "../../lib/viz/index.js";
import { modelledSweep } from "../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-lecture-figures-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const out = () => join(root, `run-${++folders}`);
const directoryBytes = 5_119_484;

/** Every metric the figures read, from the settings. */
function model(settings: PointSettings) {
  const size = Number(settings.datasetMB ?? 0);
  const value = 100 + String(settings.arch ?? settings.caches).length + Number(settings.fileSizeKB ?? 0);
  return {
    throughputRps: value, bandwidthMBps: value / 10, connectionRate: value, requestsPerCpuSecond: value * 2, pssMB: value / 3,
    workloadBytes: size > 0 ? Math.max(1, Math.round((size * 2 ** 20) / directoryBytes)) * directoryBytes : 1024,
  };
}

describe("lectureFigures", () => {
  it("has figures for every built-in spec, built from its quick profile", async () => {
    expect([...specsWithFigures].sort()).toEqual(builtinSpecs.map((spec) => spec.name).sort());
    for (const spec of builtinSpecs) {
      const sweep = await modelledSweep(spec.name, "quick", out(), model);
      const figures = lectureFigures(spec.name, sweep, null);
      expect(figures.length, spec.name).toBeGreaterThan(0);
      for (const figure of figures) {
        expect(figure.data.length, `${spec.name}: ${String(figure.layout.title?.text)}`).toBeGreaterThan(0);
        expect(figure.layout.title?.text).toMatch(/\(no reference run to compare\)$/);
      }
    }
  });

  it("puts the size sweep on the set-over-cache axis, so profiles with different caches share it", async () => {
    const quick = await modelledSweep("dataset-size", "quick", out(), model);
    const full = await modelledSweep("dataset-size", "full", out(), model, 1);
    const [figure] = lectureFigures("dataset-size", quick, full);
    const sped = figure!.data.find((trace) => trace.name === "SPED (this run)")!;
    const spedReference = figure!.data.find((trace) => trace.name === "SPED (reference)")!;
    // quick: 4 MB (one 4.9 MB directory) and 24 MB (24.4 MB) through an 8 MB cache; full: through 32 MB.
    expect(sped.x).toEqual([0.61, 3.051]);
    expect((spedReference.x as number[])[0]).toBeCloseTo(0.153, 3);
    expect(figure!.layout.shapes).toEqual([expect.objectContaining({ x0: 1, x1: 1 })]);
  });

  it("draws the one-arm disk only when a sweep measured it", async () => {
    const quick = await modelledSweep("disk-latency", "quick", out(), model);
    expect(lectureFigures("disk-latency", quick, null)).toHaveLength(1);
    const full = await modelledSweep("disk-latency", "full", out(), model, 1);
    const figures = lectureFigures("disk-latency", quick, full);
    expect(figures.map((figure) => figure.layout.title?.text)).toEqual([
      "Does AMPED still matter on a fast disk? (up to 4 misses at once)",
      "The same on a disk with one arm (full profile)",
    ]);
    expect(figures[1]!.data.map((trace) => trace.name)).toEqual(["SPED (reference)", "AMPED (Flash) (reference)", "MT (reference)", "MP (reference)"]);
  });
});
