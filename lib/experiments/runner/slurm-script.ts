/**
 * The sbatch script of a sharded sweep (`flashlab run SPEC --emit slurm --shards N`): a SLURM job array
 * with one task per shard, each running `flashlab run … --shard I/N` into its own folder (resuming it when
 * it already holds runs), and the merge (`flashlab results merge`) as a job that depends on the whole
 * array. The first task to start submits the merge once per array job, with `afterany`, so that the
 * merge also runs when a task died and then says which runs are missing; resubmitting that task
 * (`sbatch --array=I FILE`) resumes its shard and submits the merge again.
 */
import { join } from "node:path";
import { shellCommand, shellQuote } from "../../runtime/shell-quote.js";
import type { PlannedRun, SweepPlan } from "./plan.js";
import { runsOfShard } from "./shard.js";

export interface SlurmSweepOptions {
  plan: SweepPlan;
  shards: number;
  /** An absolute folder for the shards' folders, the merged run and SLURM's logs. */
  resultsRoot: string;
  /** What every shard passes to `flashlab run` before `--shard`: SPEC (a built-in name or an absolute path), --profile, --reps, … */
  runArguments: readonly string[];
  /** The command that runs flashlab on the cluster's nodes, as words (e.g. its Node and bin/flashlab.js). */
  flashlab: readonly string[];
  /** A run's estimated seconds (the executor's), for the tasks' time limit. */
  estimateSeconds(run: PlannedRun): number;
}

/** The shard folder of shard `index` of `count` under `root`. */
export function shardFolder(root: string, index: number, count: number): string {
  return join(root, `shard-${index}-of-${count}`);
}

/** The merged run's folder under `root`. */
export function mergedFolder(root: string): string {
  return join(root, "merged");
}

/** SLURM's time format: "1:05:00". */
function slurmTime(seconds: number): string {
  const total = Math.ceil(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours}:${String(minutes).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** The time limit of a task: twice the longest shard's estimate, plus 10 minutes for start-up and a slow node. */
export function taskTimeLimitSeconds(options: Pick<SlurmSweepOptions, "plan" | "shards" | "estimateSeconds">): number {
  let longest = 0;
  for (let index = 1; index <= options.shards; index++) {
    const seconds = runsOfShard(options.plan.runs, { index, count: options.shards }).reduce((sum, run) => sum + options.estimateSeconds(run), 0);
    longest = Math.max(longest, seconds);
  }
  return 2 * longest + 600;
}

/** The sbatch script; see the module comment. */
export function slurmSweepScript(options: SlurmSweepOptions): string {
  const { plan, shards, resultsRoot } = options;
  const name = `flashlab-${plan.specName}`;
  const logs = join(resultsRoot, "slurm");
  const shardWords = Array.from({ length: shards }, (_, index) => shardFolder(resultsRoot, index + 1, shards));
  const merge = shellCommand([...options.flashlab, "results", "merge", ...shardWords, "--out", mergedFolder(resultsRoot)]);
  return `#!/bin/bash
# flashlab sweep on SLURM: spec ${plan.specName}, profile ${plan.profile}, ${plan.repetitions} repetitions, ${plan.runs.length} runs in ${shards} shards (plan ${plan.fingerprint}).
# Submit it with: sbatch THIS_FILE (sbatch's own options override the #SBATCH lines, e.g. sbatch -p PARTITION THIS_FILE).
# Each task of the job array runs one shard (flashlab run --shard I/${shards}) into ${join(resultsRoot, `shard-I-of-${shards}`)},
# resuming that folder when it already holds runs. The first task to start submits the merge, a job that
# waits for the whole array (afterany) and writes ${mergedFolder(resultsRoot)}, a run folder like an unsharded
# run's, or fails naming every missing run. A task that died: sbatch --array=I THIS_FILE runs shard I again,
# resuming it, and merges again. The logs are in ${logs}.
#SBATCH --job-name=${name}
#SBATCH --array=1-${shards}
#SBATCH --cpus-per-task=2
#SBATCH --time=${slurmTime(taskTimeLimitSeconds(options))}
#SBATCH --output=${join(logs, "shard-%a-job-%A.out")}
set -euo pipefail
task=\${SLURM_ARRAY_TASK_ID:?"submit this script with sbatch: it is a SLURM job array"}
results=${shellQuote(resultsRoot)}
shard_dir="$results/shard-$task-of-${shards}"
mkdir -p ${shellQuote(logs)}
if mkdir "$results/slurm/merge-after-$SLURM_ARRAY_JOB_ID" 2>/dev/null; then
  sbatch --job-name=${name}-merge --dependency="afterany:$SLURM_ARRAY_JOB_ID" --cpus-per-task=1 --time=0:30:00 \\
    --output=${shellQuote(join(logs, "merge-job-%j.out"))} \\
    --wrap=${shellQuote(merge)}
fi
if [ -f "$shard_dir/run.json" ]; then
  exec ${shellCommand(options.flashlab)} run --resume "$shard_dir"
fi
exec ${shellCommand([...options.flashlab, "run", ...options.runArguments])} --shard "$task/${shards}" --out "$shard_dir"
`;
}
