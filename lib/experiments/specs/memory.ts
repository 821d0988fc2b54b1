/**
 * `memory`: memory against concurrency (lecture §17). MP and MT need one execution context per
 * simultaneous connection, so their footprint grows with the clients; SPED and AMPED serve every
 * connection from one event loop (AMPED adds a few helpers).
 */
import { defineSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";

export default defineSpec<ServerLoadSettings>({
  name: "memory",
  description: "server memory (RSS and PSS) vs concurrency for MP, MT, SPED and AMPED (lecture §17)",
  notes: [
    "Lecture §17 (models and memory). As many keep-alive clients as the concurrency level, each holding its connection; MP and",
    "MT get one process or thread per client (workers = clients), SPED and AMPED one event loop (AMPED with 4 helper processes).",
    "RSS sums every process's resident memory, counting pages that processes share once per process; PSS divides shared pages",
    "among their sharers, so it is the fairer total for MP, whose processes share Node's code. The workload is the NASA excerpt",
    "on the real disk (quick: 1 and 8 clients, one run each). Expected: MP grows steeply, MT gently (a thread costs less than",
    "a process), SPED and AMPED stay flat.",
    "Profiles, as estimated for an idle 2-core machine (flashlab run memory --dry-run): quick about 25 s, full about 11 min.",
  ].join(" "),
  factors: {
    arch: ["mp", "mt", "sped", "amped"],
    clients: [1, 8, 32, 64, 128],
  },
  fixed: { workers: "clients", workload: "nasa-excerpt", disk: "real", http: "1.1" },
  metrics: ["rssMB", "pssMB", "throughputRps", "serverCpuPct", "errorPct"],
  seed: 1993,
  profiles: {
    quick: { repetitions: 1, warmupS: 0.5, durationS: 1, factors: { clients: [1, 8] } },
    full: { repetitions: 3, warmupS: 1, durationS: 3 },
  },
});
