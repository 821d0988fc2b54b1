/**
 * What every benchmark decides the same way: its knobs from the environment (FLASHLAB_BENCH_*), and
 * where server and client run (server on CPU 0, client on CPU 1, when taskset exists and the machine
 * has two CPUs; otherwise unpinned).
 */
import { availableParallelism } from "node:os";
import { findTaskset } from "../runtime/executables.js";

/** The number in environment variable `name`, or `fallback` when it is unset; throws unless it is > 0. */
export function benchSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number > 0; got ${raw}`);
  return value;
}

/** CPU lists (taskset -c) for the server and the client, both undefined when they cannot be pinned. */
export interface BenchPlacement {
  serverCpus: string | undefined;
  clientCpus: string | undefined;
}

/** Server on CPU 0 and client on CPU 1 when taskset exists and there are two CPUs; else unpinned. */
export function benchPlacement(): BenchPlacement {
  const pinned = findTaskset() !== undefined && availableParallelism() >= 2;
  return { serverCpus: pinned ? "0" : undefined, clientCpus: pinned ? "1" : undefined };
}
