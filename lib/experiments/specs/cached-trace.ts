/**
 * `cached-trace`: a real trace whose data set fits in memory, standing for the paper's Owlnet trace
 * (Fig. 8, lecture §21: "mostly fits"). Every file is primed into the cache first, and the measured
 * window is checked for disk misses, so the comparison is of the architectures serving from memory.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { disk1999, paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "cached-trace",
  description: "Owlnet-like: a trace whose working set fits the cache (NASA excerpt; SPECweb96-like 24 MB in full), per architecture (paper Fig. 8, §21)",
  notes: [
    "Stands for the Rice Owlnet trace, whose data set mostly fits in memory. The workload is the NASA-HTTP excerpt shipped in",
    "datasets/traces (431 files, 15 MB, replayed in trace order as a closed loop) and, in the full profile, a SPECweb96-like set of",
    "24 MB; both fit the simulated disk's 64 MB buffer cache. Every file is requested once before the warm-up (prime), and disk",
    "misses in the measured window are counted and flagged (expectCached). Since nothing misses, the disk's speed does not matter",
    "to the window; the quick profile primes through a faster disk (1 ms, 200 MB/s) to save time. Expected (§21): Flash ≈ SPED",
    "best, then MT and MP, Apache-like (caches off) lowest.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run cached-trace --dry-run): quick about 23 s, full about 9 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "zeus", "mt", "mp", "apache"],
    workload: ["nasa-excerpt", "specweb96"],
  },
  fixed: { ...disk1999, cacheMB: 64, prime: true, expectCached: true, http: "1.0", clients: 32 },
  overrides: [{ when: { arch: "apache" }, set: { caches: "none" } }],
  metrics: ["throughputRps", "requestsPerCpuSecond", "bandwidthMBps", "connectionRate", "responseMsP95", "serverCpuPct", "clientCpuPct", "diskMisses", "errorPct"],
  seed: 1998,
  profiles: {
    quick: {
      repetitions: 1,
      warmupS: 0.5,
      durationS: 1,
      factors: { workload: ["nasa-excerpt"] },
      fixed: { diskLatencyMs: 1, diskMBps: 200 },
      overrides: poolOverrides(quickWorkers),
    },
    full: { repetitions: 3, warmupS: 2, durationS: 5, fixed: { datasetMB: 24 }, overrides: poolOverrides(paperWorkers) },
  },
});
