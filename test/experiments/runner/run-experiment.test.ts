/**
 * The runner's own behaviour, with an in-memory executor (a plug-in, as the simulator's models will
 * be) so that each case is exact and fast: the run folder's files, a failed point recorded and the
 * sweep going on, an interrupt that keeps every finished run, a resume that runs each missing run
 * once, and the refusals (another spec's folder, a non-empty --out, a folder in use).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ExperimentProgress,
  type ExperimentSpec,
  type PointExecutor,
  readExperimentRun,
  ResumeMismatchError,
  RunFolderError,
  runExperiment,
} from "../../../lib/experiments/index.js";
import { numberSetting } from "../../../lib/experiments/runner/settings.js";
import { countingSpec } from "./counting-spec.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => join(root, `run-${++folders}`);

/** Runs of the in-memory executor, in the order they ran. */
const ran: string[] = [];

/** Measures `value` (plus a tenth per repetition); the level 13 always fails. */
const countingExecutor: PointExecutor = {
  name: "counting",
  description: "an in-memory point for testing the runner",
  settings: { value: numberSetting({ description: "a number", min: 0, required: true }) },
  metrics: { measured: { unit: "1", description: "value + rep / 10" } },
  estimateSeconds: () => 1,
  async open() {
    return {
      async run(settings, context) {
        ran.push(`${String(settings.value)}-r${context.rep}`);
        if (settings.value === 13) throw new Error("thirteen is unlucky");
        return { metrics: { measured: Number(settings.value) + context.rep / 10 }, warnings: [], details: { seed: context.seed } };
      },
      async close() {},
    };
  },
};
const executors = { counting: countingExecutor };

function spec(levels: number[], repetitions = 2): ExperimentSpec {
  return countingSpec(levels, { repetitions, fullRepetitions: 5, seed: 5 });
}

describe("runExperiment", () => {
  it("writes every run, the CSV and the summary, and returns them as tables", async () => {
    ran.length = 0;
    const out = newFolder();
    const progress: ExperimentProgress[] = [];
    const result = await runExperiment(spec([1, 2, 3]), { profile: "quick", out, executors, onProgress: (item) => progress.push(item) });
    expect(result.interrupted).toBe(false);
    expect(ran).toHaveLength(6);
    expect(readdirSync(join(out, "runs")).sort()).toEqual(["p01-r1.json", "p01-r2.json", "p02-r1.json", "p02-r2.json", "p03-r1.json", "p03-r2.json"]);
    expect(readFileSync(join(out, "runs.csv"), "utf8").trim().split("\n")).toHaveLength(7);
    expect(existsSync(join(out, "run.json")) && existsSync(join(out, "summary.csv")) && existsSync(join(out, "summary.json"))).toBe(true);
    expect(existsSync(join(out, "run.lock"))).toBe(false);
    expect(result.summary.objects()).toEqual([
      { value: 1, n: 2, failed: 0, measuredMean: expect.closeTo(1.15, 10), measuredCiLow: expect.any(Number), measuredCiHigh: expect.any(Number) },
      { value: 2, n: 2, failed: 0, measuredMean: expect.closeTo(2.15, 10), measuredCiLow: expect.any(Number), measuredCiHigh: expect.any(Number) },
      { value: 3, n: 2, failed: 0, measuredMean: expect.closeTo(3.15, 10), measuredCiLow: expect.any(Number), measuredCiHigh: expect.any(Number) },
    ]);
    expect(result.runs.numRows()).toBe(6);
    const record = result.records[0]!;
    expect(record.placement.description).toBe("unpinned: the spec asks for no pinning");
    expect(record.environment.nodeVersion).toBe(process.version);
    expect(record.loadAverage.before).toHaveLength(3);
    expect(record.details.seed).toBe(5 + record.rep);
    // Progress before and after each run, counting up to the total.
    expect(progress.filter((item) => item.last !== undefined).map((item) => item.finished)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)!.etaS).toBe(0);
    // The folder reads back into the same tables.
    expect((await readExperimentRun(out)).summary.objects()).toEqual(result.summary.objects());
  });

  it("records a failed point with its error and goes on", async () => {
    ran.length = 0;
    const result = await runExperiment(spec([13, 14]), { profile: "quick", out: newFolder(), executors });
    expect(ran).toHaveLength(4);
    const failed = result.records.filter((record) => record.status === "failed");
    expect(failed.map((record) => record.point).sort()).toEqual(["p01", "p01"]);
    expect(failed[0]!.error).toBe("thirteen is unlucky");
    expect(result.summaryRows).toEqual([
      { value: 13, n: 0, failed: 2, measuredMean: null, measuredCiLow: null, measuredCiHigh: null },
      expect.objectContaining({ value: 14, n: 2, failed: 0 }),
    ]);
  });

  it("keeps every finished run when interrupted, and a resume runs each missing run exactly once", async () => {
    ran.length = 0;
    const out = newFolder();
    const abort = new AbortController();
    const first = await runExperiment(spec([1, 2, 3], 3), {
      profile: "quick",
      out,
      executors,
      signal: abort.signal,
      onProgress: (item) => item.finished === 4 && abort.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect(first.records).toHaveLength(4);
    expect(readdirSync(join(out, "runs"))).toHaveLength(4);
    const before = Object.fromEntries(first.records.map((record) => [record.key, readFileSync(join(out, "runs", `${record.key}.json`), "utf8")]));
    ran.length = 0;
    const second = await runExperiment(spec([1, 2, 3], 3), { profile: "quick", resume: out, executors });
    expect(second.interrupted).toBe(false);
    expect(ran).toHaveLength(5);
    expect(second.records).toHaveLength(9);
    expect(new Set(second.records.map((record) => record.key)).size).toBe(9);
    // The runs finished before the interrupt were not repeated: their files are untouched.
    for (const [key, text] of Object.entries(before)) expect(readFileSync(join(out, "runs", `${key}.json`), "utf8")).toBe(text);
    expect(new Set(second.records.map((record) => record.session)).size).toBe(2);
  });

  it("refuses to resume a folder made by another spec, profile or repetition count", async () => {
    const out = newFolder();
    await runExperiment(spec([1]), { profile: "quick", out, executors });
    await expect(runExperiment(spec([1, 2]), { profile: "quick", resume: out, executors })).rejects.toThrow(ResumeMismatchError);
    await expect(runExperiment(spec([1]), { profile: "full", resume: out, executors })).rejects.toThrow(/was made by spec counting, profile quick, 2 repetitions; this sweep is spec counting, profile full, 5 repetitions/);
    await expect(runExperiment(spec([1]), { profile: "quick", repetitions: 3, resume: out, executors })).rejects.toThrow(ResumeMismatchError);
  });

  it("refuses an --out folder that is not empty, and a folder another runner holds", async () => {
    const busy = newFolder();
    await runExperiment(spec([1]), { profile: "quick", out: busy, executors });
    await expect(runExperiment(spec([1]), { profile: "quick", out: busy, executors })).rejects.toThrow(/is not empty; continue a sweep there with --resume/);
    writeFileSync(join(busy, "run.lock"), `${process.ppid}\n`); // a live process that is not this one
    await expect(runExperiment(spec([1]), { profile: "quick", resume: busy, executors })).rejects.toThrow(RunFolderError);
    writeFileSync(join(busy, "run.lock"), "999999999\n"); // left by a runner that is gone
    await expect(runExperiment(spec([1]), { profile: "quick", resume: busy, executors })).resolves.toMatchObject({ interrupted: false });
  });
});
