/**
 * `disk-bound-trace`: a data set much larger than the cache, standing for the paper's CS trace (Fig. 8,
 * lecture §21–22). Misses go to a 1999-like disk (10 ms, at most 4 misses at once), so what matters is whether an
 * architecture keeps serving cached requests while one waits for the disk.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { cachesOverDisk, disk1999Parameters, paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "disk-bound-trace",
  description: "CS-like: a SURGE-like set 8× the cache on a 10 ms simulated disk (and the real disk, cold, where root allows), per architecture (paper Fig. 8, §21)",
  notes: [
    "Stands for the Rice CS department trace, whose data set does not fit in memory. The workload is a SURGE-like set",
    "(heavy-tailed sizes, Zipf popularity, temporal locality; files clipped at 1 MiB) of 64 MB against an 8 MB buffer cache",
    "(quick: 32 MB against 4 MB), on a simulated 1999 disk: 10 ms per miss, 20 MB/s, at most 4 misses at once (N processes do",
    "not get N disks; with one arm, see disk-latency, every architecture that overlaps misses is held to the disk's own rate).",
    "Flash's data cache is off so that every byte comes through the buffer cache, which stands for memory. The",
    "full profile adds the real disk with the page cache dropped at server start (disk cold; needs root, else the run says it",
    "was skipped); a modern disk is far faster than 10 ms and the page cache refills quickly, so it is a contrast, not a",
    "reproduction. Expected (§21–22): AMPED far above SPED (SPED blocks on every miss), AMPED ≥ MT > MP.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run disk-bound-trace --dry-run): quick about 22 s, full about 13 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "zeus", "mt", "mp", "apache"],
    disk: ["sim", "cold"],
  },
  fixed: { ...disk1999Parameters, ...cachesOverDisk, workload: "surge", datasetMB: 64, cacheMB: 8, http: "1.0", clients: 32 },
  overrides: [{ when: { arch: "apache" }, set: { caches: "none" } }],
  metrics: ["throughputRps", "bandwidthMBps", "responseMsP95", "diskMissPct", "diskMissesPerRequest", "serverCpuPct", "errorPct"],
  seed: 1997,
  profiles: {
    quick: {
      repetitions: 1,
      warmupS: 2,
      durationS: 2,
      factors: { arch: ["sped", "amped", "mt", "mp"], disk: ["sim"] },
      fixed: { datasetMB: 32, cacheMB: 4 },
      overrides: poolOverrides(quickWorkers),
    },
    full: { repetitions: 3, warmupS: 8, durationS: 8, overrides: poolOverrides(paperWorkers) },
  },
});
