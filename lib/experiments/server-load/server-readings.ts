/**
 * What the runner reads from a running server around the measured window: the simulated disk's reads
 * and misses (from the server's stats), the CPU time and memory of its whole process tree (from
 * /proc), the facts its stats report about how it ran (disk parallelism, accept policy, per-thread
 * caches), and a copy of the stats small enough to keep with each run.
 */
import { processTree, processTreeCpuSeconds, readProcStatus, readPssBytes } from "../../runtime/proc.js";
import type { ServerStats } from "../../servers/types.js";

type Json = Record<string, unknown>;

/** Disk reads and misses the server counted so far, or undefined when its disk does not count misses (real disks). */
export function diskCounts(stats: ServerStats): { reads: number; misses: number } | undefined {
  // The shared buffer cache's own counters survive contexts that come and go (Apache's pool).
  const shared = stats.disk.sharedCache;
  if (shared) return { reads: shared.lookups, misses: shared.misses };
  let reads = 0;
  let misses: number | undefined;
  for (const context of stats.contexts) {
    if (context.disk?.misses === null || context.disk?.misses === undefined) continue;
    reads += context.disk.reads;
    misses = (misses ?? 0) + context.disk.misses;
  }
  return misses === undefined ? undefined : { reads, misses };
}

/** How the server says it ran. */
export interface ServerFacts {
  /** Misses the simulated disk serves at once (Infinity: unlimited); undefined for a real disk. */
  diskParallelism: number | undefined;
  acceptPolicy: ServerStats["acceptPolicy"];
  /** Flash's caches are per thread (MT, Apache-like): a V8 isolate cannot share objects. */
  perThreadCaches: boolean;
}

export function serverFacts(stats: ServerStats): ServerFacts {
  return {
    diskParallelism: stats.disk.kind === "sim" ? stats.disk.parallelism : undefined,
    acceptPolicy: stats.acceptPolicy,
    perThreadCaches: stats.cachesPer === "thread",
  };
}

/** Resident and proportional memory of a process and its descendants, summed; undefined off Linux. */
export function processTreeMemory(pid: number): { rssBytes: number; pssBytes: number | undefined; processes: number } | undefined {
  const members = processTree(pid);
  let rssBytes: number | undefined;
  let pssBytes: number | undefined = 0;
  for (const member of members) {
    const rss = readProcStatus(member)?.rssBytes;
    if (rss !== undefined) rssBytes = (rssBytes ?? 0) + rss;
    const pss = readPssBytes(member);
    pssBytes = pss === undefined || pssBytes === undefined ? undefined : pssBytes + pss;
  }
  return rssBytes === undefined ? undefined : { rssBytes, pssBytes, processes: members.length };
}

/** Now, in ms since the Unix epoch, comparable across the processes of this machine. */
function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The server's CPU time sampled every `intervalMs` while a load runs, so that its utilization can be
 * read over the inside of the measured phase only: between the first sample after the phase began and
 * the last one before it ended. The client's start-up before the phase and its summary after it (when
 * the server idles, or Apache's pool adjusts itself) are then outside the reading. Each sample scans
 * /proc for the tree (a few ms), so samples are 100 ms apart by default.
 */
export class ServerCpuSampler {
  private readonly samples: Array<{ atMs: number; cpuSeconds: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const cpuSeconds = processTreeCpuSeconds(this.pid);
    if (cpuSeconds !== undefined) this.samples.push({ atMs: epochNowMs(), cpuSeconds });
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /**
   * CPU utilization (% of one core) between the first and last samples inside [fromMs, toMs], and the
   * seconds it covers; undefined when fewer than two samples fall inside.
   */
  utilizationWithin(fromMs: number, toMs: number): { cpuPct: number; seconds: number } | undefined {
    const inside = this.samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs);
    const first = inside[0];
    const last = inside.at(-1);
    if (first === undefined || last === undefined || last.atMs - first.atMs <= 0) return undefined;
    const seconds = (last.atMs - first.atMs) / 1000;
    return { cpuPct: (100 * (last.cpuSeconds - first.cpuSeconds)) / seconds, seconds };
  }

  /** CPU utilization over everything sampled (% of one core), or undefined. */
  utilizationOverall(): { cpuPct: number; seconds: number } | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    return first && last ? this.utilizationWithin(first.atMs, last.atMs) : undefined;
  }
}

/** The stats without the per-step latency histograms and with the pool's last samples only: what a run keeps. */
export function compactStats(stats: ServerStats): Json {
  const steps = Object.fromEntries(Object.entries(stats.steps).map(([step, timing]) => [step, { count: timing.count, totalMs: timing.totalMs, maxMs: timing.maxMs }]));
  return { ...stats, steps, ...(stats.pool ? { pool: stats.pool.slice(-100) } : {}) };
}
