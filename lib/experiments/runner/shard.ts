/**
 * Shards: a sweep cut into N disjoint slices that can run at the same time on different machines (a
 * SLURM job array), each into its own run folder, and be merged afterwards (merge.ts). Shard I of N
 * holds the runs at positions I, I + N, I + 2N, … of the randomized run order, so every shard gets a
 * mix of points and repetitions (a drift of one machine spreads over all points) and the shards take
 * about as long as each other. Together the N shards hold every run of the plan exactly once.
 */

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A shard that cannot be: "0/4", "5/4", "two/4", or more shards than runs. */
export class ShardError extends Error {
  override name = "ShardError";
}

const maxShards = 10_000;

/** "2/4" → { index: 2, count: 4 }; throws ShardError saying what is accepted. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const accepted = `I/N with 1 ≤ I ≤ N ≤ ${maxShards}, e.g. 2/4 (the second of four shards)`;
  if (!match) throw new ShardError(`"${text}" is not a shard; accepted: ${accepted}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > maxShards || index < 1 || index > count) throw new ShardError(`${index}/${count} is not a shard; accepted: ${accepted}`);
  return { index, count };
}

/** "shard 2 of 4". */
export function describeShard(shard: ShardSpec): string {
  return `shard ${shard.index} of ${shard.count}`;
}

/** The shard (1-based) that holds the run at 1-based position `order` of the run order. */
export function shardOfRun(order: number, count: number): number {
  return ((order - 1) % count) + 1;
}

/** The runs of `runs` (each with its 1-based position `order`) that `shard` holds; all of them without a shard. */
export function runsOfShard<R extends { order: number }>(runs: readonly R[], shard: ShardSpec | undefined): R[] {
  if (shard === undefined) return [...runs];
  return runs.filter((run) => shardOfRun(run.order, shard.count) === shard.index);
}

/** Throws ShardError when `shard` would hold no run of a plan of `runCount` runs. */
export function checkShardFits(shard: ShardSpec, runCount: number): void {
  if (shard.count > runCount) {
    throw new ShardError(`${shard.index}/${shard.count}: the sweep has only ${runCount} runs, so at most ${runCount} shards each hold a run`);
  }
}
