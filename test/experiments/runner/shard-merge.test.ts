/**
 * Shards and their merge, with an in-memory executor (exact and fast): shards are disjoint and cover
 * the plan; shard folders merge into the folder an unsharded run writes (same runs, same summary);
 * the merge refuses a missing, repeated or foreign run, another sweep and another code, and reports
 * the machines' differences; a resume continues a shard (and runs its failed runs again); nothing is
 * written by a refused merge. Also the sbatch script of `--emit slurm`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ExperimentSpec,
  MergeError,
  mergeRunFolders,
  parseShard,
  planSweep,
  type PointExecutor,
  readExperimentRun,
  ResumeMismatchError,
  type RunRecord,
  RunFolderError,
  runExperiment,
  runsOfShard,
  ShardError,
  slurmSweepScript,
} from "../../../lib/experiments/index.js";
import { numberSetting } from "../../../lib/experiments/runner/settings.js";
import { countingSpec } from "./counting-spec.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-shards-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => join(root, `folder-${++folders}`);

/** Keys that fail once (then succeed), to check that a resume runs a failed run again. */
const failOnce = new Set<string>();

const countingExecutor: PointExecutor = {
  name: "counting",
  description: "an in-memory point for testing shards",
  settings: { value: numberSetting({ description: "a number", min: 0, required: true }) },
  metrics: { measured: { unit: "1", description: "value + rep / 10" } },
  estimateSeconds: (settings) => Number(settings.value),
  async open() {
    return {
      async run(settings, context) {
        const key = `${String(settings.value)}-r${context.rep}`;
        if (failOnce.delete(key)) throw new Error(`${key} failed this time`);
        return { metrics: { measured: Number(settings.value) + context.rep / 10 }, warnings: [], details: {} };
      },
      async close() {},
    };
  },
};
const executors = { counting: countingExecutor };

function spec(levels: number[], repetitions = 2): ExperimentSpec {
  return countingSpec(levels, { repetitions, fullRepetitions: 3, seed: 7 });
}

/** Runs shards 1..count of `spec([1, 2, 3])` into new folders; returns them. */
async function runShards(count: number, only?: number[]): Promise<string[]> {
  const directories: string[] = [];
  for (let index = 1; index <= count; index++) {
    if (only && !only.includes(index)) continue;
    const out = newFolder();
    await runExperiment(spec([1, 2, 3]), { profile: "quick", out, executors, shard: { index, count } });
    directories.push(out);
  }
  return directories;
}

/** Changes every run record in `directory`, as if its runs had been made elsewhere. */
function editRecords(directory: string, change: (record: RunRecord) => void): void {
  const runs = join(directory, "runs");
  for (const name of readdirSync(runs)) {
    const record = JSON.parse(readFileSync(join(runs, name), "utf8")) as RunRecord;
    change(record);
    writeFileSync(join(runs, name), JSON.stringify(record));
  }
}

describe("shards", () => {
  it("parses I/N and refuses what is not a shard", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "2", "a/4", "2/0", "-1/3", "1/100000"]) expect(() => parseShard(bad), bad).toThrow(ShardError);
    expect(() => parseShard("5/4")).toThrow(/accepted: I\/N with 1 ≤ I ≤ N/);
  });

  it("cuts the randomized order into disjoint slices that cover every run once", () => {
    const plan = planSweep(spec([1, 2, 3, 4, 5], 3), { profile: "quick" }, countingExecutor);
    const slices = [1, 2, 3, 4].map((index) => runsOfShard(plan.runs, { index, count: 4 }).map((run) => run.key));
    expect(slices.flat().sort()).toEqual(plan.runs.map((run) => run.key).sort());
    expect(new Set(slices.flat()).size).toBe(plan.runs.length);
    expect(slices.map((slice) => slice.length)).toEqual([4, 4, 4, 3]);
    expect(slices[1]![0]).toBe(plan.runs[1]!.key); // shard 2 starts with the 2nd run of the order
  });

  it("refuses more shards than runs", async () => {
    await expect(runExperiment(spec([1]), { profile: "quick", out: newFolder(), executors, shard: { index: 3, count: 3 } })).rejects.toThrow(/only 2 runs/);
  });
});

describe("mergeRunFolders", () => {
  it("merges shards into the run folder an unsharded run writes: the same runs, once each, and the same summary", async () => {
    const whole = await runExperiment(spec([1, 2, 3]), { profile: "quick", out: newFolder(), executors });
    const shards = await runShards(3);
    for (const directory of shards) expect(readdirSync(join(directory, "runs"))).toHaveLength(2);
    const out = newFolder();
    const merged = await mergeRunFolders(shards, out);
    expect(merged.records.map((record) => record.key)).toEqual(whole.records.map((record) => record.key));
    const read = await readExperimentRun(out);
    expect(read.records.map((record) => [record.key, record.order, record.point, record.rep])).toEqual(whole.records.map((record) => [record.key, record.order, record.point, record.rep]));
    expect(read.summary.objects()).toEqual(whole.summary.objects());
    expect(read.manifest.fingerprint).toBe(whole.plan.fingerprint);
    expect(read.manifest.shard).toBeUndefined();
    expect(read.manifest.merged!.sources.map((source) => source.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(readFileSync(join(out, "runs.csv"), "utf8").trim().split("\n")).toHaveLength(7);
    expect(merged.differences.some((line) => line.startsWith("load average (1 min) around the runs:"))).toBe(true);
  });

  it("refuses a missing shard, a shard given twice and an unfinished shard, naming the runs and what to do; and writes nothing", async () => {
    const shards = await runShards(3);
    const out = newFolder();
    const missing = mergeRunFolders(shards.slice(0, 2), out);
    await expect(missing).rejects.toThrow(MergeError);
    await expect(mergeRunFolders(shards.slice(0, 2), out)).rejects.toThrow(/2 runs are missing \(p\d\d-r\d, p\d\d-r\d\); shard 3 of 3 was not given/);
    await expect(mergeRunFolders([shards[0]!, shards[0]!, shards[1]!, shards[2]!], out)).rejects.toThrow(/shard 1 of 3 is given twice[\s\S]*is in 2 folders/);
    const lacking = shards[2]!;
    const removed = readdirSync(join(lacking, "runs"))[0]!;
    rmSync(join(lacking, "runs", removed));
    await expect(mergeRunFolders(shards, out)).rejects.toThrow(new RegExp(`1 run is missing \\(${removed.replace(".json", "")}\\); shard 3 of 3 \\(${lacking}\\) lacks them: resume it with flashlab run --resume ${lacking}`));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes(".merging-"))).toEqual([]);
  });

  it("refuses a run in a shard's folder that another shard holds", async () => {
    const shards = await runShards(2);
    const stray = readdirSync(join(shards[1]!, "runs"))[0]!;
    writeFileSync(join(shards[0]!, "runs", stray), readFileSync(join(shards[1]!, "runs", stray)));
    await expect(mergeRunFolders(shards, newFolder())).rejects.toThrow(new RegExp(`holds run ${stray.replace(".json", "")}, which belongs to shard 2 of 2`));
  });

  it("refuses folders of another sweep, and runs of another code; reports other machines", async () => {
    const [first, second] = await runShards(2);
    const other = newFolder();
    await runExperiment(spec([1, 2, 3]), { profile: "full", out: other, executors, shard: { index: 2, count: 2 } });
    await expect(mergeRunFolders([first!, other], newFolder())).rejects.toThrow(/is another sweep \(spec counting, profile full, 3 repetitions, plan \w+\)/);

    editRecords(second!, (record) => {
      record.environment.cpuModel = "a CPU from elsewhere";
      record.environment.hostname = "node-7";
    });
    const reported = await mergeRunFolders([first!, second!], newFolder());
    expect(reported.differences).toContainEqual(expect.stringMatching(/^CPU model differs: ".+" \(shard 1 of 2\), "a CPU from elsewhere" \(shard 2 of 2\)$/));
    expect(reported.differences).toContainEqual(expect.stringMatching(/^host differs: /));
    expect(reported.manifest.merged!.differences).toEqual(reported.differences);

    editRecords(second!, (record) => {
      record.environment.gitCommit = "f".repeat(40);
    });
    await expect(mergeRunFolders([first!, second!], newFolder())).rejects.toThrow(/flashlab commit differs: .* \(shard 1 of 2\), "f{40}" \(shard 2 of 2\): runs of different code are different experiments/);
  });

  it("refuses a folder a runner is still writing, and a non-empty --out", async () => {
    const [first, second] = await runShards(2);
    writeFileSync(join(second!, "run.lock"), `${process.pid}\n`);
    await expect(mergeRunFolders([first!, second!], newFolder())).rejects.toThrow(/is still being written by a runner \(pid \d+\)/);
    rmSync(join(second!, "run.lock"));
    const busy = newFolder();
    mkdirSync(busy);
    writeFileSync(join(busy, "something"), "");
    await expect(mergeRunFolders([first!, second!], busy)).rejects.toThrow(RunFolderError);
    await expect(mergeRunFolders([first!, second!], busy)).rejects.toThrow(/is not empty/);
  });
});

describe("resuming a shard", () => {
  it("continues only that shard's runs, runs its failed runs again, and refuses another shard's folder", async () => {
    const out = newFolder();
    const plan = planSweep(spec([1, 2, 3]), { profile: "quick" }, countingExecutor);
    const mine = runsOfShard(plan.runs, { index: 2, count: 3 });
    const [value, rep] = [mine[0]!.point.settings.value, mine[0]!.rep];
    failOnce.add(`${String(value)}-r${rep}`);
    const first = await runExperiment(spec([1, 2, 3]), { profile: "quick", out, executors, shard: { index: 2, count: 3 } });
    expect(first.records.map((record) => record.status)).toEqual(["failed", "ok"]);
    expect(first.runCount).toBe(2);
    const okBefore = readFileSync(join(out, "runs", `${mine[1]!.key}.json`), "utf8");
    await expect(runExperiment(spec([1, 2, 3]), { profile: "quick", resume: out, executors, shard: { index: 1, count: 3 } })).rejects.toThrow(ResumeMismatchError);
    const second = await runExperiment(spec([1, 2, 3]), { profile: "quick", resume: out, executors });
    expect(second.shard).toEqual({ index: 2, count: 3 });
    expect(second.records.map((record) => [record.key, record.status])).toEqual(mine.map((run) => [run.key, "ok"]));
    expect(readFileSync(join(out, "runs", `${mine[1]!.key}.json`), "utf8")).toBe(okBefore); // the ok run was not repeated
    expect(readdirSync(join(out, "runs")).sort()).toEqual(mine.map((run) => `${run.key}.json`).sort());
  });
});

describe("slurmSweepScript", () => {
  it("is a job array of one task per shard that resumes its folder, with the merge as a job depending on the array", () => {
    const plan = planSweep(spec([1, 2, 3]), { profile: "quick" }, countingExecutor);
    const results = join(root, "my sweep");
    // Stand-ins for sbatch and flashlab that record how they were called.
    const bin = join(root, "bin");
    mkdirSync(join(results, "slurm"), { recursive: true });
    mkdirSync(bin, { recursive: true });
    const calls = join(root, "calls.txt");
    const recorder = (name: string) => `#!/bin/sh\nprintf '${name}' >> '${calls}'; for word in "$@"; do printf ' [%s]' "$word" >> '${calls}'; done; echo >> '${calls}'\n`;
    writeFileSync(join(bin, "sbatch"), recorder("sbatch"), { mode: 0o755 });
    writeFileSync(join(bin, "flashlab"), recorder("flashlab"), { mode: 0o755 });
    const script = slurmSweepScript({
      plan,
      shards: 3,
      resultsRoot: results,
      runArguments: ["/specs/counting.json", "--profile", "quick"],
      flashlab: [join(bin, "flashlab")],
      estimateSeconds: (run) => Number(run.point.settings.value),
    });
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain("#SBATCH --array=1-3\n");
    const longest = Math.max(...[1, 2, 3].map((index) => runsOfShard(plan.runs, { index, count: 3 }).reduce((sum, run) => sum + Number(run.point.settings.value), 0)));
    expect(script).toContain(`#SBATCH --time=0:10:${String(2 * longest).padStart(2, "0")}\n`); // 2 × the longest shard + 10 min
    expect(script).toContain(`#SBATCH --output=${results}/slurm/shard-%a-job-%A.out\n`);
    const file = join(root, "sweep.sbatch");
    writeFileSync(file, script);
    const task = (id: number) => execFileSync("bash", [file], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_JOB_ID: "42" } });
    task(2);
    task(3);
    mkdirSync(join(results, "shard-3-of-3"));
    writeFileSync(join(results, "shard-3-of-3", "run.json"), "{}");
    task(3); // a resubmitted task finds its folder and resumes it
    const lines = readFileSync(calls, "utf8").trim().split("\n");
    expect(lines[0]).toMatch(/^sbatch \[--job-name=flashlab-counting-merge\] \[--dependency=afterany:42\] .*\[--wrap=.*\]$/);
    expect(lines.slice(1)).toEqual([
      `flashlab [run] [/specs/counting.json] [--profile] [quick] [--shard] [2/3] [--out] [${results}/shard-2-of-3]`,
      `flashlab [run] [/specs/counting.json] [--profile] [quick] [--shard] [3/3] [--out] [${results}/shard-3-of-3]`,
      `flashlab [run] [--resume] [${results}/shard-3-of-3]`,
    ]); // the merge was submitted once for array job 42
    // The merge job's command, run as sbatch --wrap runs it (sh -c).
    const wrap = /\[--wrap=(.*)\]$/.exec(lines[0]!)![1]!;
    writeFileSync(calls, "");
    execFileSync("sh", ["-c", wrap]);
    const shards = [1, 2, 3].map((index) => `[${results}/shard-${index}-of-3]`).join(" ");
    expect(readFileSync(calls, "utf8").trim()).toBe(`flashlab [results] [merge] ${shards} [--out] [${results}/merged]`);
  });
});
