/**
 * `optimizations`: what each of Flash's caches buys (paper Fig. 11, lecture §21): the connection rate
 * of Flash (AMPED) with no caches, the pathname cache only, pathname and data ("path & mmap"), and all
 * three (with the response-header cache), against file size. The file sits in the simulated disk's
 * buffer cache, so that Flash's residency test can see it is in memory.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { disk1999 } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "optimizations",
  description: "connection rate of Flash (AMPED) with no caches, path only, path + data, all, vs file size (paper Fig. 11, §21)",
  notes: [
    "Paper Fig. 11. AMPED serving one file to 32 clients over HTTP/1.0, with Flash's caches switched on in steps: none;",
    "pathname translation; pathname and data (the paper's mapped files); all (adding the response-header cache). The file is",
    "on the simulated disk, primed into its 64 MB buffer cache, so that Flash's residency test (mincore() in Flash,",
    "isResident here) finds it in memory and the loop reads it itself: with the data cache off, every request reads the",
    "file from the buffer cache, as Flash without its mapped-file cache read it from the page cache. (On the real disk",
    "flashlab cannot ask the kernel whether a file is resident, so AMPED without its data cache would hand every read to a",
    "helper, and the figure would measure the helpers' round trips instead of the caches.) Nothing misses in the measured",
    "window (expectCached). Step timing is on (a clock read per step, a microsecond or two per request, the same for every",
    "setting), so that each run also says where the time went: the translate-path, compute-header and read-file steps are",
    "the work each cache removes. Expected (§21): each cache adds throughput, the pathname cache the most, and without them the",
    "small-file rate roughly halves. The quick profile runs a small and a large file (1 and 100 KB), once each.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run optimizations --dry-run): quick about 28 s, full about 12 min.",
  ].join(" "),
  factors: {
    caches: ["none", "path", "path+data", "all"],
    fileSizeKB: [1, 5, 10, 20, 50, 100, 200],
  },
  fixed: { arch: "amped", workload: "single", ...disk1999, cacheMB: 64, prime: true, expectCached: true, stepTiming: true, http: "1.0", clients: 32 },
  metrics: ["connectionRate", "requestsPerCpuSecond", "throughputRps", "bandwidthMBps", "translatePathUs", "computeHeaderUs", "readFileUs", "serverCpuPct", "errorPct"],
  seed: 1995,
  profiles: {
    quick: { repetitions: 1, warmupS: 0.4, durationS: 0.8, factors: { fileSizeKB: [1, 100] } },
    full: { repetitions: 3, warmupS: 1, durationS: 5 },
  },
});
