/**
 * `disk-latency`: the disk gets faster, from a 1999 disk's 10 ms per miss to a solid-state disk's
 * 0.1 ms, under the same disk-bound workload. Does AMPED still matter when a miss costs little?
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { cachesOverDisk, disk1999, paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "disk-latency",
  description: "throughput vs simulated disk latency (10 ms → 0.1 ms) on a disk-bound set: does AMPED still matter?",
  notes: [
    "The disk-bound-trace workload (SURGE-like, 64 MB against an 8 MB buffer cache; quick: 32 MB against 4 MB, Flash's data",
    "cache off) with the latency of a miss swept from 10 ms (1999) to 0.1 ms (a solid-state disk). The transfer rate is",
    "500 MB/s throughout, so that the latency is what changes. As a miss gets cheaper, SPED's blocking costs less and the gap",
    "to AMPED narrows; where it closes, the helpers' extra work is all that is left. The disk serves at most 4 misses at once,",
    "as in the other disk-bound specs; the full profile adds a disk with one arm, where every architecture that overlaps",
    "misses is held to the disk's own rate and AMPED gains over SPED only the CPU work it does while a miss is outstanding.",
    "Quick: SPED and AMPED at 10, 1 and 0.1 ms, one run each; full: MT and MP too, one arm and four.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run disk-latency --dry-run): quick about 26 s, full about 20 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "mt", "mp"],
    diskLatencyMs: [10, 5, 2, 1, 0.5, 0.2, 0.1],
    diskParallelism: [disk1999.diskParallelism, 1],
  },
  fixed: { disk: "sim", ...cachesOverDisk, diskMBps: 500, workload: "surge", datasetMB: 64, cacheMB: 8, http: "1.0", clients: 32 },
  metrics: ["throughputRps", "bandwidthMBps", "responseMsP95", "diskMissPct", "diskMissesPerRequest", "serverCpuPct", "errorPct"],
  seed: 1992,
  profiles: {
    quick: {
      repetitions: 1,
      warmupS: 1.5,
      durationS: 1.5,
      factors: { arch: ["sped", "amped"], diskLatencyMs: [10, 1, 0.1], diskParallelism: [disk1999.diskParallelism] },
      fixed: { datasetMB: 32, cacheMB: 4 },
      overrides: poolOverrides(quickWorkers),
    },
    full: { repetitions: 3, warmupS: 4, durationS: 6, factors: { diskLatencyMs: [10, 1, 0.1] }, overrides: poolOverrides(paperWorkers) },
  },
});
