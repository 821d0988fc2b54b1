/**
 * `many-clients`: WAN conditions (paper Fig. 12, lecture §21). Clients behind slow links hold their
 * connections far longer than the server needs to serve them, so the number of simultaneous connections
 * grows; an architecture with one execution context per connection runs out of contexts.
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import { paperWorkers, poolOverrides, quickWorkers } from "../server-load/testbed.js";

export default defineSpec<ServerLoadSettings>({
  name: "many-clients",
  description: "throughput as simultaneous slow (WAN) clients grow, per architecture (paper Fig. 12, §21)",
  notes: [
    "Paper Fig. 12. Each client sees 50 ms of added latency per request and receives at 1 Mbit/s (the load generator's client",
    "emulation: this machine's kernel has no netem), requesting one 10 KB file (a page; cached) over HTTP/1.0: about 130 ms",
    "per request, almost all of it the client's link, so a connection is held far longer than the server works on it. (A",
    "trace's large files would take seconds each at 1 Mbit/s, and a short window would measure the few that happened to be",
    "in flight.)",
    "The pools are fixed (full: MP 32 processes, MT 64 threads, as in the paper; quick: 4 each), so once the clients outnumber",
    "them, connections wait for a free context (quick: 16 and 128 clients, one run each). Expected (§21): SPED and AMPED flat,",
    "MT declining gradually, MP markedly.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run many-clients --dry-run): quick about 29 s, full about 18 min.",
  ].join(" "),
  factors: {
    arch: ["sped", "amped", "mt", "mp"],
    clients: [16, 32, 64, 128, 256, 512],
  },
  fixed: { workload: "single", fileSizeKB: 10, disk: "real", http: "1.0", clientDelayMs: 50, clientKbps: 1000, timeoutMs: 60_000 },
  metrics: ["throughputRps", "bandwidthMBps", "responseMsP95", "serverCpuPct", "errorPct"],
  seed: 1994,
  profiles: {
    quick: { repetitions: 1, warmupS: 0.5, durationS: 1.5, factors: { clients: [16, 128] }, overrides: poolOverrides(quickWorkers) },
    full: { repetitions: 3, warmupS: 2, durationS: 6, overrides: poolOverrides(paperWorkers) },
  },
});
