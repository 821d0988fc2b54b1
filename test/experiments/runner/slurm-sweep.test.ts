/**
 * A sharded sweep through a real SLURM: Debian's slurm-wlm and munge run a one-node cluster that the
 * test starts and stops as root. `flashlab run --emit slurm --shards 4` prints the sbatch script; the
 * job array runs a quick sweep of real servers in 4 shards; one task is killed in the middle of its
 * shard, so the dependent merge refuses and names its missing run; resubmitting that task resumes the
 * shard and merges again. The merged folder must hold exactly the runs of an unsharded run of the same
 * spec: the same keys, points, repetitions and order, none lost or repeated.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTemporaryFile, readExperimentRun } from "../../../lib/experiments/index.js";
import { projectRoot } from "../../../lib/runtime/paths.js";
import { type SlurmCluster, slurmTools, startSlurmCluster } from "../../support/slurm-cluster.js";
import { haveTools } from "../../support/tools.js";
import { waitFor } from "../../support/wait.js";

const cli = join(projectRoot, "dist", "cli.js");
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn("skipping: the SLURM test starts slurmctld, slurmd and munged, which needs root");
const canRun = isRoot && haveTools(...slurmTools);

/** 4 points × 2 repetitions of a SPED server under a 1-second load: the smallest sweep with a run in every shard and a shard that can be killed between its runs. */
const spec = {
  name: "slurm-quick",
  description: "a quick sweep for the SLURM test",
  factors: { fileSizeKB: [1, 8], clients: [1, 4] },
  fixed: { arch: "sped" },
  metrics: ["throughputRps"],
  seed: 11,
  profiles: { quick: { repetitions: 2, warmupS: 0, durationS: 1 }, full: { repetitions: 2, warmupS: 0, durationS: 1 } },
};

function flashlab(args: readonly string[]): { stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 240_000 });
  if (result.status !== 0) throw new Error(`flashlab ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

function runFiles(directory: string): string[] {
  return existsSync(join(directory, "runs")) ? readdirSync(join(directory, "runs")).filter((name) => name.endsWith(".json") && !isTemporaryFile(name)) : [];
}

describe.skipIf(!canRun)("a sharded sweep on a one-node SLURM cluster", () => {
  let cluster: SlurmCluster;
  const work = mkdtempSync(join(tmpdir(), "flashlab-slurm-sweep-"));
  beforeAll(async () => {
    cluster = await startSlurmCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("runs the shards as a job array, survives a killed task resubmitted, and merges exactly the runs of an unsharded run", async () => {
    const specFile = join(work, "slurm-quick.json");
    writeFileSync(specFile, JSON.stringify(spec));
    const unsharded = join(work, "unsharded");
    flashlab(["run", specFile, "--out", unsharded, "--json"]);

    const root = join(work, "sharded");
    const script = flashlab(["run", specFile, "--emit", "slurm", "--shards", "4", "--out", root]).stdout;
    expect(script).toContain("#SBATCH --array=1-4");
    const scriptFile = join(work, "sweep.sbatch");
    writeFileSync(scriptFile, script);
    const job = (await cluster.command("sbatch", ["--parsable", scriptFile])).trim();
    expect(job).toMatch(/^\d+$/);

    // Kill task 3 once its shard has finished one of its two runs (SIGKILL, as a node that dies).
    const shard3 = join(root, "shard-3-of-4");
    await waitFor("shard 3's first run", () => runFiles(shard3).length >= 1, 180_000, 50);
    await cluster.command("scancel", ["--signal=KILL", "--full", `${job}_3`]);
    await waitFor("the array and the first merge to end", async () => (await cluster.queue()).length === 0, 180_000, 250);
    expect(runFiles(shard3)).toHaveLength(1);
    expect(await cluster.command("scontrol", ["show", "job", `${job}_3`])).toMatch(/JobState=(FAILED|CANCELLED)/);
    const logs = join(root, "slurm");
    const firstMerge = readdirSync(logs).filter((name) => name.startsWith("merge-job-"));
    expect(firstMerge).toHaveLength(1);
    const refusal = readFileSync(join(logs, firstMerge[0]!), "utf8");
    expect(refusal).toMatch(/1 run is missing \(p\d\d-r\d\); shard 3 of 4 \(.*shard-3-of-4\) lacks them: resume it/);
    expect(existsSync(join(root, "merged"))).toBe(false);

    // Resubmit the killed task: it resumes its shard, and the merge follows.
    const again = (await cluster.command("sbatch", ["--parsable", "--array=3", scriptFile])).trim();
    expect(again).toMatch(/^\d+$/);
    await waitFor("the resubmitted task and its merge to end", async () => (await cluster.queue()).length === 0, 180_000, 250);
    const secondMerge = readdirSync(logs).filter((name) => name.startsWith("merge-job-") && !firstMerge.includes(name));
    expect(secondMerge).toHaveLength(1);
    expect(readFileSync(join(logs, secondMerge[0]!), "utf8")).toMatch(/merged 4 folders: 8 runs \(8 ok, 0 failed\)/);

    const merged = await readExperimentRun(join(root, "merged"));
    const whole = await readExperimentRun(unsharded);
    const describe = (records: typeof merged.records) => records.map((record) => `${record.order} ${record.key} ${JSON.stringify(record.settings)} ${record.status}`);
    expect(merged.records).toHaveLength(8);
    expect(new Set(merged.records.map((record) => record.key)).size).toBe(8);
    expect(describe(merged.records)).toEqual(describe(whole.records));
    expect(merged.manifest.fingerprint).toBe(whole.manifest.fingerprint);
    expect(merged.manifest.plan.runs).toEqual(whole.manifest.plan.runs);
    expect(merged.summary.select("fileSizeKB", "clients", "n", "failed").objects()).toEqual(whole.summary.select("fileSizeKB", "clients", "n", "failed").objects());
    // Shard 3 was finished by two invocations: the one that was killed, and the resumed one.
    const shard3Records = (await readExperimentRun(shard3)).records;
    expect(shard3Records).toHaveLength(2);
    expect(new Set(shard3Records.map((record) => record.session)).size).toBe(2);
    expect(merged.records.every((record) => (record.metrics.throughputRps ?? 0) > 0)).toBe(true);
    console.log(`sbatch script:\n${script}\nmerged ${merged.records.length} runs (unsharded: ${whole.records.length}); merge notes: ${merged.manifest.merged!.differences.join("; ")}`);
  }, 600_000);
});
