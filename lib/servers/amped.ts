/**
 * AMPED, Flash's architecture: one event loop (this process) plus helper PROCESSES, each forked and
 * spoken to over its own pipe (Node's IPC channel, a Unix socketpair the loop polls like any other
 * descriptor). Only reads that would block go to a helper; the helper count sets the disk I/O in
 * flight, and a killed helper is replaced with its job sent again. See asymmetric.ts.
 */
import type { Architecture } from "./architecture.js";
import { startAsymmetricServer } from "./asymmetric.js";
import { helperRole } from "./helper-loop.js";
import { architectureDeclarations } from "./declarations.js";

export const ampedArchitecture: Architecture = {
  ...architectureDeclarations.amped,
  roles: [helperRole],
  start: (config, disk) => startAsymmetricServer(config, disk, "process"),
};
