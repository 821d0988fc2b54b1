/**
 * `optimizations`: what each of Flash's caches buys (paper Fig. 11, lecture §21): the connection rate
 * of Flash (AMPED) with no caches, the pathname cache only, pathname and data ("path & mmap"), and all
 * three (with the response-header cache), against file size.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";

export default defineSpec<ServerLoadSettings>({
  name: "optimizations",
  description: "connection rate of Flash (AMPED) with no caches, path only, path + data, all, vs file size (paper Fig. 11, §21)",
  notes: [
    "Paper Fig. 11. AMPED serving one file, cached in the page cache (the real disk), to 32 clients over HTTP/1.0, with Flash's",
    "caches switched on in steps: none; pathname translation; pathname and data (the paper's mapped files); all (adding the",
    "response-header cache). Expected (§21): each cache adds throughput, the pathname cache the most, and without them the",
    "small-file rate roughly halves. The quick profile runs a small and a large file (1 and 100 KB), once each.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run optimizations --dry-run): quick about 26 s, full about 11 min.",
  ].join(" "),
  factors: {
    caches: ["none", "path", "path+data", "all"],
    fileSizeKB: [1, 5, 10, 20, 50, 100, 200],
  },
  fixed: { arch: "amped", workload: "single", disk: "real", http: "1.0", clients: 32 },
  metrics: ["connectionRate", "requestsPerCpuSecond", "throughputRps", "bandwidthMBps", "serverCpuPct", "errorPct"],
  seed: 1995,
  profiles: {
    quick: { repetitions: 1, warmupS: 0.5, durationS: 1, factors: { fileSizeKB: [1, 100] } },
    full: { repetitions: 3, warmupS: 1, durationS: 5 },
  },
});
