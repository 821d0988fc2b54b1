/**
 * Does a disk miss stall the requests that need no disk? (Lecture §16.) On the simulated disk, one or
 * more clients fetch files that are not in memory, one after the other, so that a miss is nearly
 * always in flight; meanwhile a probe asks for a file that is in memory at a steady pace, each request
 * on a new connection, and its latency is measured from the moment it was due (so a probe held up by
 * the client itself still counts its delay). Under SPED the one event loop blocks on every miss and the
 * probes wait with it; under AMPED and AMTED a helper waits instead and the probes are answered at once.
 *
 * Every time is on the machine's monotonic clock, given in ms from the start of the measurement. The
 * clients run in the caller's process (a few requests a second: far from loading it).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { percentile } from "../metrics/percentile.js";
import { monotonicClockMs } from "../runtime/monotonic-clock.js";
import { startServer } from "../servers/start-server.js";
import type { ServerOptions } from "../servers/types.js";
import { demoPlacement } from "./server-under-load.js";
import { timedRequest } from "./timed-request.js";

export interface MissStallOptions {
  /** The server; give it the simulated disk (`disk: { kind: "sim", … }`) so that the cold files miss. */
  server: Omit<ServerOptions, "cpus">;
  /** A file to keep in memory (fetched first) and probe. */
  hotPath: string;
  /** Files not fetched before: each is a miss; the miss clients go through them in order (and stop at the end). */
  coldPaths: readonly string[];
  /** How long to measure, ms. Default 2,000. */
  durationMs?: number;
  /** A probe is due every this many ms. Default 10. */
  probeEveryMs?: number;
  /** Clients fetching cold files at once. Default 1. */
  missClients?: number;
  /** Pin the server to one CPU (the uniprocessor testbed; unpinned where it cannot be). Default true. */
  pinServer?: boolean;
}

/** One probe: due at `dueMs`, answered `latencyMs` later (from when it was due, or from when it began if a timer sent it a little early). */
export interface MissStallProbe {
  dueMs: number;
  latencyMs: number;
  status: number;
}

/** One cold fetch, from connecting to its last byte. */
export interface MissStallMiss {
  path: string;
  startMs: number;
  endMs: number;
  status: number;
}

export interface MissStallRun {
  arch: ServerOptions["arch"];
  probes: MissStallProbe[];
  misses: MissStallMiss[];
  /** Probe latency: median, 95th percentile and maximum, ms. */
  probeP50Ms: number;
  probeP95Ms: number;
  probeMaxMs: number;
  /** Mean time of a cold fetch, ms. */
  missMeanMs: number;
  /** Reads the helpers did (AMPED, AMTED), and what the server's disk is, in words. */
  helperDispatches: number | null;
  diskDescription: string;
}

/**
 * Starts the server, brings the hot file into memory, runs the probes and the miss clients together
 * for `durationMs`, then stops the server. Throws on bad options, when the server cannot start, or when
 * a request fails.
 */
export async function measureMissStall(options: MissStallOptions): Promise<MissStallRun> {
  const durationMs = options.durationMs ?? 2000;
  const probeEveryMs = options.probeEveryMs ?? 10;
  const missClients = options.missClients ?? 1;
  if (!(durationMs > 0 && durationMs <= 600_000)) throw new RangeError(`durationMs must be above 0 and at most 600,000; got ${durationMs}`);
  if (!(probeEveryMs >= 1)) throw new RangeError(`probeEveryMs must be at least 1; got ${probeEveryMs}`);
  if (!Number.isInteger(missClients) || missClients < 1) throw new RangeError(`missClients must be a whole number ≥ 1; got ${missClients}`);
  if (options.coldPaths.length === 0) throw new RangeError("coldPaths needs at least one file that is not in memory");
  const cpus = options.pinServer === false ? null : demoPlacement("uniprocessor").serverCpus;
  const server = await startServer({ ...options.server, ...(cpus === null ? {} : { cpus }) });
  try {
    const port = server.port;
    for (let warm = 0; warm < 3; warm++) await timedRequest(port, { path: options.hotPath });
    const dispatchesBefore = (await server.stats()).helpers?.dispatches;
    const originMs = monotonicClockMs();
    const endMs = originMs + durationMs;
    const misses: MissStallMiss[] = [];
    let nextCold = 0;
    const missClient = async (): Promise<void> => {
      while (monotonicClockMs() < endMs && nextCold < options.coldPaths.length) {
        const path = options.coldPaths[nextCold++]!;
        const response = await timedRequest(port, { path, timeoutMs: durationMs + 30_000 });
        misses.push({ path, startMs: response.startMs - originMs, endMs: response.doneMs - originMs, status: response.status });
      }
    };
    const probes: Array<Promise<MissStallProbe>> = [];
    const probeLoop = async (): Promise<void> => {
      for (let due = originMs; due < endMs; due += probeEveryMs) {
        await sleep(Math.max(0, due - monotonicClockMs()));
        const dueMs = due;
        probes.push(
          timedRequest(port, { path: options.hotPath, timeoutMs: durationMs + 30_000 }).then((response) => ({
            dueMs: dueMs - originMs,
            latencyMs: response.doneMs - Math.min(dueMs, response.startMs),
            status: response.status,
          })),
        );
      }
    };
    await Promise.all([probeLoop(), ...Array.from({ length: missClients }, missClient)]);
    const answered = await Promise.all(probes);
    const failed = [...answered, ...misses].find((entry) => entry.status !== 200);
    if (failed !== undefined) throw new Error(`a request got status ${failed.status}`);
    const latencies = answered.map((probe) => probe.latencyMs);
    const dispatchesAfter = (await server.stats()).helpers?.dispatches;
    return {
      arch: options.server.arch,
      probes: answered,
      misses,
      probeP50Ms: percentile(latencies, 50),
      probeP95Ms: percentile(latencies, 95),
      probeMaxMs: Math.max(...latencies),
      missMeanMs: misses.length === 0 ? 0 : misses.reduce((sum, miss) => sum + (miss.endMs - miss.startMs), 0) / misses.length,
      helperDispatches: dispatchesBefore === undefined || dispatchesAfter === undefined ? null : dispatchesAfter - dispatchesBefore,
      diskDescription: server.diskDescription,
    };
  } finally {
    await server.stop();
  }
}
