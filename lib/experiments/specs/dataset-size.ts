/**
 * `dataset-size`: the cache stays fixed and the data set grows through it (paper Figs 9–10, the §23
 * quiz). Below the cache size every server serves from memory and SPED ≈ AMPED; above it the workload
 * turns disk-bound and Flash (AMPED) pulls ahead of SPED, which blocks on each miss. Where is the crossover?
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { cachesOverDisk, disk1999, paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "dataset-size",
  description: "bandwidth vs data-set size through a fixed 32 MB cache: where AMPED overtakes SPED (paper Figs 9–10, §23 quiz)",
  notes: [
    "Paper Figs 9–10: bandwidth against data-set size on the 128 MB machines, Flash overtaking SPED near 100 MB. Here the",
    "machine's memory is the simulated disk's buffer cache (32 MB; quick: 8 MB) and the data set is a SPECweb96-like set",
    "from well below to well above it (quick: SPED and AMPED at 4 and 24 MB, one run each), on the 1999 disk (10 ms, 20 MB/s,",
    "at most 4 misses at once), Flash's data cache off. A SPECweb96-like set comes in directories of 4.9 MB, so a size is rounded to whole",
    "directories (\"24 MB\" holds 24.4 MB, \"32 MB\" 34.2 MB: just over a 32 MB cache). Every file is",
    "requested once before the warm-up (prime): a set that fits is then fully cached, one that does not leaves the cache full.",
    "Expected: alike below the cache size; above it, throughput falls for everyone and far more for SPED.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run dataset-size --dry-run): quick about 24 s, full about 26 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "mt", "mp"],
    datasetMB: [4, 8, 16, 24, 32, 48, 64, 96, 128],
  },
  fixed: { ...disk1999, ...cachesOverDisk, workload: "specweb96", cacheMB: 32, prime: true, http: "1.0", clients: 32 },
  metrics: ["bandwidthMBps", "throughputRps", "requestsPerCpuSecond", "diskMissPct", "diskMissesPerRequest", "serverCpuPct", "responseMsP95", "errorPct"],
  seed: 1996,
  profiles: {
    quick: {
      repetitions: 1,
      warmupS: 1,
      durationS: 2,
      factors: { arch: ["sped", "amped"], datasetMB: [4, 24] },
      fixed: { cacheMB: 8 },
      overrides: poolOverrides(quickWorkers),
    },
    full: { repetitions: 3, warmupS: 2, durationS: 4, factors: { datasetMB: [4, 8, 16, 32, 48, 64, 96, 128] }, overrides: poolOverrides(paperWorkers) },
  },
});
