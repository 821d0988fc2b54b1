/**
 * AMTED: AMPED with helper THREADS (worker_threads) instead of processes. The loop and its helpers share
 * one address space; each helper blocks its own kernel thread on a miss. See asymmetric.ts.
 */
import type { Architecture } from "./architecture.js";
import { startAsymmetricServer } from "./asymmetric.js";
import { helperRole } from "./helper-loop.js";
import { architectureDeclarations } from "./declarations.js";

export const amtedArchitecture: Architecture = {
  ...architectureDeclarations.amted,
  roles: [helperRole],
  start: (config, disk) => startAsymmetricServer(config, disk, "thread"),
};
