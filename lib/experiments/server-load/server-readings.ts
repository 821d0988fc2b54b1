/**
 * What the runner reads from a running server around the measured window: the simulated disk's reads
 * and misses (from the server's stats), the CPU time and memory of its whole process tree (from
 * /proc), the facts its stats report about how it ran (disk parallelism, accept policy, per-thread
 * caches, where the server reports them), and a copy of the stats small enough to keep with each run.
 */
import { readFileSync } from "node:fs";
import { readProcStatFields } from "../../metrics/process-stat.js";
import { processTree, readProcessUsage } from "../../servers/proc-stats.js";
import type { ServerStats } from "../../servers/types.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Disk reads and misses the server counted so far, or undefined when its disk does not count misses (real disks). */
export function diskCounts(stats: ServerStats): { reads: number; misses: number } | undefined {
  const disk = isObject(stats.disk) ? stats.disk : {};
  // The shared buffer cache's own counters survive contexts that come and go (Apache's pool).
  const shared = disk.sharedCache;
  if (isObject(shared) && typeof shared.lookups === "number" && typeof shared.misses === "number") return { reads: shared.lookups, misses: shared.misses };
  let reads = 0;
  let misses: number | undefined;
  for (const context of stats.contexts) {
    if (context.disk?.misses === null || context.disk?.misses === undefined) continue;
    reads += context.disk.reads;
    misses = (misses ?? 0) + context.disk.misses;
  }
  return misses === undefined ? undefined : { reads, misses };
}

/** The first value of a key matching `pattern`, searched breadth-first to `depth` levels. */
function findReported(value: unknown, pattern: RegExp, depth = 3): { key: string; value: unknown } | undefined {
  let level: unknown[] = [value];
  for (let round = 0; round <= depth && level.length > 0; round++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (!isObject(item)) continue;
      for (const [key, child] of Object.entries(item)) {
        if (pattern.test(key) && (typeof child !== "object" || child === null)) return { key, value: child };
        if (key !== "contexts" && key !== "steps" && key !== "pool") next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

/** How the server says it ran, where its stats report it (undefined: not reported by this server). */
export interface ServerFacts {
  /** Misses the simulated disk serves at once; Infinity for unlimited (JSON carries it as null). */
  diskParallelism: number | undefined;
  acceptPolicy: string | undefined;
  perThreadCaches: boolean | undefined;
}

export function serverFacts(stats: ServerStats): ServerFacts {
  const parallelism = findReported(stats.disk, /parallelism$/i);
  const accept = findReported(stats, /^accept(Policy)?$/i);
  const perThread = findReported(stats, /per-?thread/i);
  return {
    diskParallelism: parallelism === undefined ? undefined : parallelism.value === null ? Infinity : typeof parallelism.value === "number" ? parallelism.value : undefined,
    acceptPolicy: accept === undefined ? undefined : String(accept.value),
    perThreadCaches: typeof perThread?.value === "boolean" ? perThread.value : undefined,
  };
}

/** The Pss of one process (shared pages divided among the processes that map them), or undefined. */
function readPssBytes(pid: number): number | undefined {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident and proportional memory of a process and its descendants, summed; undefined off Linux. */
export function processTreeMemory(pid: number): { rssBytes: number; pssBytes: number | undefined; processes: number } | undefined {
  const members = processTree(pid);
  let rssBytes: number | undefined;
  let pssBytes: number | undefined = 0;
  for (const member of members) {
    const rss = readProcessUsage(member)?.rssBytes;
    if (rss !== undefined) rssBytes = (rssBytes ?? 0) + rss;
    const pss = readPssBytes(member);
    pssBytes = pss === undefined || pssBytes === undefined ? undefined : pssBytes + pss;
  }
  return rssBytes === undefined ? undefined : { rssBytes, pssBytes, processes: members.length };
}

/**
 * CPU seconds the server's process tree has used so far, including processes that have exited: each
 * live member's own user + system time plus that of its children it has reaped (cutime, cstime), so the
 * total never drops when Apache's pool retires a process mid-window. Undefined off Linux.
 */
function serverTreeCpuSeconds(pid: number): number | undefined {
  let ticks: number | undefined;
  for (const member of processTree(pid)) {
    const fields = readProcStatFields(member);
    if (fields === undefined) continue;
    ticks = (ticks ?? 0) + Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks === undefined ? undefined : ticks / 100; // USER_HZ
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
    const cpuSeconds = serverTreeCpuSeconds(this.pid);
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
