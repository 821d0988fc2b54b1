/**
 * `single-file`: the Flash paper's best case (Figs 6–7, lecture §21). Every client asks for the same
 * file over and over, one connection per request (HTTP/1.0, as the paper's clients), so the file is
 * always cached and only the per-connection and per-byte work of each architecture shows. Bandwidth
 * rises with the file size (larger files amortize the connection), the connection rate falls.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "single-file",
  description: "bandwidth and connection rate vs file size (0–200 KB), one cached file, per architecture (paper Figs 6–7, §21)",
  notes: [
    "Paper Figs 6–7 (Solaris and FreeBSD), lecture §21 'best case'. One file, requested by 32 closed-loop clients over HTTP/1.0",
    "(a connection per request); the real disk, the file in the page cache. SPED, AMPED (Flash), Zeus-like (2 SPED processes), MT, MP,",
    "and Apache-like with Flash's caches off (Apache had none of the optimizations). The full profile uses the paper's pools",
    "(MP 32 processes, MT 64 threads); the quick profile 4 of each, since starting 32 Node processes on one core takes longer",
    "than the measurement, and only the smallest and largest files (1 and 200 KB), one run each, without Zeus-like and MT",
    "(the results notebook runs seven quick sweeps in three minutes; cached-trace ranks MT). Expected (§21): all alike, SPED best, AMPED a little lower (the residency test), MT and MP lower, Apache-like lowest.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run single-file --dry-run): quick about 23 s, full about 23 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "zeus", "mt", "mp", "apache"],
    fileSizeKB: [0, 5, 10, 20, 50, 75, 100, 150, 200],
  },
  fixed: { workload: "single", disk: "real", http: "1.0", clients: 32 },
  overrides: [{ when: { arch: "apache" }, set: { caches: "none" } }],
  metrics: ["bandwidthMBps", "connectionRate", "throughputRps", "requestsPerCpuSecond", "responseMsP95", "serverCpuPct", "clientCpuPct", "errorPct"],
  seed: 1999,
  profiles: {
    quick: {
      repetitions: 1,
      warmupS: 0.4,
      durationS: 0.8,
      factors: { arch: ["sped", "amped", "mp", "apache"], fileSizeKB: [1, 200] },
      overrides: poolOverrides(quickWorkers),
    },
    full: {
      repetitions: 3,
      warmupS: 0.5,
      durationS: 3,
      overrides: poolOverrides(paperWorkers),
    },
  },
});
