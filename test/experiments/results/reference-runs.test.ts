/**
 * Reference runs: trimming keeps a readable run folder with the same summaries and only the small parts
 * of each run's record, refuses what it must not touch, and the loader says clearly when a spec has no
 * reference. The fixture is a modelled sweep of a built-in spec (see test/support/modelled-sweep.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readExperimentRun, readReferenceRun, referenceNote, RunFolderError, trimRunFolder, type ExperimentResult } from "../../../lib/experiments/index.js";
import { modelledSweep } from "../../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-reference-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const references = join(root, "reference");
let sweep: ExperimentResult;

beforeAll(async () => {
  sweep = await modelledSweep("optimizations", "quick", join(root, "sweep"), (settings, rep) => ({ connectionRate: 1000 + rep + Number(settings.fileSizeKB) }), 2);
});

describe("trimRunFolder", () => {
  it("keeps a run folder with the same summaries and only the small parts of each record", async () => {
    const report = await trimRunFolder(sweep.runDir, join(references, "optimizations"));
    expect(report).toMatchObject({ runs: 16, failed: 0, missing: 0 });
    expect(report.bytesAfter).toBeLessThan(report.bytesBefore);
    const trimmed = await readExperimentRun(join(references, "optimizations"));
    expect(trimmed.summaryRows).toEqual(sweep.summaryRows);
    expect(trimmed.manifest.fingerprint).toBe(sweep.plan.fingerprint);
    const record = trimmed.records[0]!;
    expect(Object.keys(record.details)).toEqual(["workload"]); // the load dump is gone
    expect(record.environment).toEqual(sweep.records[0]!.environment);
    expect(readdirSync(join(references, "optimizations", "runs"))).toHaveLength(16);
    expect(readFileSync(join(references, "optimizations", "runs", "p01-r1.json"), "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("refuses a non-empty destination unless asked to replace an earlier reference, and never replaces anything else", async () => {
    await expect(trimRunFolder(sweep.runDir, join(references, "optimizations"))).rejects.toThrow(/is not empty.*--replace/);
    await trimRunFolder(sweep.runDir, join(references, "optimizations"), { replace: true });
    const other = join(root, "not-a-run");
    mkdirSync(other);
    writeFileSync(join(other, "notes.txt"), "mine");
    await expect(trimRunFolder(sweep.runDir, other, { replace: true })).rejects.toBeInstanceOf(RunFolderError);
    expect(readFileSync(join(other, "notes.txt"), "utf8")).toBe("mine");
  });

  it("refuses a folder a sweep is still working in, and a folder that is not a run", async () => {
    const busy = join(root, "busy");
    await modelledSweep("optimizations", "quick", busy, () => ({ connectionRate: 1 }));
    writeFileSync(join(busy, "run.lock"), "12345\n");
    await expect(trimRunFolder(busy, join(root, "busy-trimmed"))).rejects.toThrow(/run\.lock \(pid 12345\)/);
    expect(existsSync(join(root, "busy-trimmed"))).toBe(false);
    await expect(trimRunFolder(join(root, "nowhere"), join(root, "x"))).rejects.toThrow(/not a run folder/);
  });
});

describe("readReferenceRun", () => {
  it("reads a spec's reference and describes where it came from", async () => {
    const reference = await readReferenceRun("optimizations", references);
    expect(reference?.summaryRows).toEqual(sweep.summaryRows);
    const note = referenceNote("optimizations", reference, references);
    expect(note).toMatch(/^Reference for optimizations: the quick profile, 2 repetitions of 8 points, made \d{4}-\d\d-\d\d on .*Node v\d+/);
    expect(note).toMatch(/load average [\d.–]+ during its runs\.$/);
  });

  it("returns null for a spec without one, and the note says the figures show this run alone", async () => {
    expect(await readReferenceRun("single-file", references)).toBeNull();
    expect(referenceNote("single-file", null, references)).toBe(
      `No reference run for single-file: ${join(references, "single-file")} holds none, so the figures show this run alone. ` +
        'The reference runs are made once, with the full profile on a quiet machine (README, "Reference data").',
    );
  });

  it("throws, saying why, for a reference folder that is broken", async () => {
    mkdirSync(join(references, "memory"));
    writeFileSync(join(references, "memory", "run.json"), "{ not json");
    await expect(readReferenceRun("memory", references)).rejects.toThrow(/run\.json is not JSON/);
  });
});
