/**
 * AMPED, Flash's architecture: one event loop (this process) plus helper PROCESSES, each forked and
 * spoken to over its own pipe (Node's IPC channel, a Unix socketpair the loop polls like any other
 * descriptor). Only reads that would block go to a helper; the helper count sets the disk I/O in
 * flight, and a killed helper is replaced with its job sent again. See asymmetric.ts.
 */
import type { Architecture } from "./architecture.js";
import { startAsymmetricServer } from "./asymmetric.js";
import { helperRole } from "./helper-loop.js";

export const ampedArchitecture: Architecture = {
  name: "amped",
  summary: "one event loop; disk misses go to helper processes over pipes; only a helper blocks on a miss",
  options: ["helpers", "maxConnections"],
  defaultWorkers: 1,
  startupSeconds: { fixed: 0.4, perWorker: 0, perHelper: 0.2 },
  overlapsMisses: true,
  acceptPolicies: ["one-listener"],
  cachesPer: "event loop",
  roles: [helperRole],
  start: (config, disk) => startAsymmetricServer(config, disk, "process"),
};
