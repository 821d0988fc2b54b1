/**
 * The testbed the built-in specs share, in one place: a 1999-like simulated disk (10 ms per miss,
 * 20 MB/s, four misses at most at once) and the paper's comparison points as far as one machine allows. Changing a
 * figure here changes every spec that uses it, and the results' metadata records the values used.
 */
import type { SpecOverride } from "../runner/spec.js";
import type { ServerLoadSettings } from "./settings.js";

/**
 * The simulated disk of the disk-bound specs' parameters. It serves at most 4 misses at once
 * (`diskParallelism: 4`), like a server's disk subsystem of 1999 (a few disks, or one disk reordering a
 * queue of requests to shorten its seeks): N MP processes, N MT threads or N helpers do not get N disks,
 * but an architecture that keeps several misses outstanding gets them served together, which is what
 * the paper's disk-bound results rest on. With one arm the disk alone sets the pace of every
 * architecture that overlaps misses (AMPED, MT and MP then tie at its rate, and AMPED gains over SPED
 * only the CPU work it does meanwhile); the disk-latency spec's full profile shows one arm beside four.
 */
export const disk1999Parameters = { diskLatencyMs: 10, diskMBps: 20, diskParallelism: 4 } as const satisfies Partial<ServerLoadSettings>;

/** The simulated 1999 disk, chosen (for specs that do not vary the kind of disk). */
export const disk1999 = { disk: "sim", ...disk1999Parameters } as const satisfies Partial<ServerLoadSettings>;

/**
 * Flash's caches for the disk-bound specs: pathname and header caches on, the data cache off, so that
 * every file byte comes through the simulated buffer cache, which stands for the machine's memory (in
 * Flash the mapped-file cache is the page cache, not memory of its own; here a data cache would be
 * extra memory, and MP's or MT's one per context would multiply it).
 */
export const cachesOverDisk = { caches: "path+header" } as const satisfies Partial<ServerLoadSettings>;

/** Processes and threads of the paper's comparison points (§20: MP 32 processes, MT 64 threads, Zeus 2 processes). */
export const paperWorkers = { mp: 32, mt: 64, zeus: 2 } as const;

/** Smaller pools for quick profiles: starting 32 Node processes on one core takes longer than a quick measurement. */
export const quickWorkers = { mp: 4, mt: 4, zeus: 2 } as const;

/** Overrides that give MP, MT and Zeus-like their pool sizes. */
export function poolOverrides(workers: { mp: number; mt: number; zeus: number }): Array<SpecOverride<ServerLoadSettings>> {
  return [
    { when: { arch: "mp" }, set: { workers: workers.mp } },
    { when: { arch: "mt" }, set: { workers: workers.mt } },
    { when: { arch: "zeus" }, set: { workers: workers.zeus } },
  ];
}
