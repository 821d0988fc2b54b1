/**
 * The server a run measures, wherever it runs: here (a server started by startServer, read through its
 * IPC channel and this host's /proc) or on another host (remote-server.ts, read over SSH). The executor
 * asks both the same things: the stats at the edges of the measured window, the CPU time of the server's
 * processes over the window, their memory, and to stop.
 */
import type { RunningServer, ServerStats } from "../../servers/types.js";
import { processTreeMemory, ServerCpuSampler } from "./server-readings.js";

/** The server's CPU utilization over the measured window, and what it covers. */
export interface CpuReading {
  /** % of one core. */
  cpuPct: number;
  /** Seconds the reading covers. */
  seconds: number;
  /** What the reading spans, in words (kept with the run). */
  over: string;
}

/** Reads the server's CPU time while a load runs. */
export interface CpuMeter {
  /** Takes the last reading (call when the load has finished). */
  stop(): Promise<void>;
  /** The utilization over the measured phase (it began at `measuredStartEpochMs`, local clock) or, where that cannot be told apart, over the whole load. */
  reading(measuredStartEpochMs: number | null, durationS: number): CpuReading | undefined;
}

export interface ServerMemory {
  rssBytes: number;
  pssBytes: number | undefined;
  processes: number;
}

export interface ServerUnderTest {
  url: string;
  diskDescription: string;
  stats(): Promise<ServerStats>;
  startCpuMeter(): Promise<CpuMeter>;
  memory(): Promise<ServerMemory | undefined>;
  stop(): Promise<void>;
}

/** A server on this host: its CPU time is sampled from /proc every 100 ms, so the reading can keep to the inside of the measured phase. */
export function localServer(server: RunningServer): ServerUnderTest {
  return {
    url: server.url,
    diskDescription: server.diskDescription,
    stats: () => server.stats(),
    async startCpuMeter() {
      const sampler = new ServerCpuSampler(server.pid);
      return {
        async stop() {
          sampler.stop();
        },
        reading(start, durationS) {
          const inside = start === null ? undefined : sampler.utilizationWithin(start, start + durationS * 1000);
          if (inside) return { ...inside, over: "the inside of the measured phase" };
          const overall = sampler.utilizationOverall();
          return overall && { ...overall, over: "the whole load call (too short to sample inside)" };
        },
      };
    },
    async memory() {
      return processTreeMemory(server.pid);
    },
    stop: () => server.stop(),
  };
}
