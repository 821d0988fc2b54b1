/**
 * AMTED: AMPED with helper THREADS (worker_threads) instead of processes. The loop and its helpers share
 * one address space; each helper blocks its own kernel thread on a miss. See asymmetric.ts.
 */
import type { Architecture } from "./architecture.js";
import { startAsymmetricServer } from "./asymmetric.js";
import { helperRole } from "./helper-loop.js";

export const amtedArchitecture: Architecture = {
  name: "amted",
  summary: "one event loop; disk misses go to helper threads; only a helper blocks on a miss",
  options: ["helpers", "maxConnections"],
  defaultWorkers: 1,
  startupSeconds: { fixed: 0.4, perWorker: 0, perHelper: 0.2 },
  overlapsMisses: true,
  acceptPolicies: ["one-listener"],
  cachesPer: "event loop",
  roles: [helperRole],
  start: (config, disk) => startAsymmetricServer(config, disk, "thread"),
};
