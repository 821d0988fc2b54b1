/**
 * The architecture models against what can be computed by hand: a blocking event loop serves one miss at
 * a time whatever the cores; N blocking contexts (or N helpers, or asynchronous reads) overlap N misses
 * when the disk has the arms; CPU-bound throughput is cores over CPU per request, but one event loop uses
 * one core; Little's law holds for a closed loop; memory spent on processes shrinks the buffer cache;
 * M/D/1 for an open loop into SPED; a link-limited and a client-limited server. Every run is seeded and
 * deterministic; the margins cover the load's ramp at its start and its drain at its end.
 */
import { describe, expect, it } from "vitest";
import { md1MeanResponse } from "../../../lib/sim/queueing-theory.js";
import {
  simArchitectureNames,
  simulateServer,
  singleFileWorkload,
  surgeLikeWorkload,
  type ServerSimulationOptions,
  type ServerWorkload,
} from "../../../lib/sim/index.js";
import { cpuBoundProfile, fixtureProfile } from "./fixture-profile.js";

function relativeError(value: number, expected: number): number {
  return Math.abs(value / expected - 1);
}

/** 1,000 files of 4 KB requested in turn: with a small buffer cache, every request misses. */
const manySmallFiles: ServerWorkload = {
  description: "1,000 files of 4 KB in turn",
  fileBytes: Array.from({ length: 1000 }, () => 4096),
  requestFiles: Array.from({ length: 1000 }, (_, index) => index),
};

/** A pure-miss run: 10 ms per miss, no CPU cost, Flash's data cache off, a buffer cache of 16 such files. */
function pureMiss(options: Partial<ServerSimulationOptions> & Pick<ServerSimulationOptions, "arch">): ServerSimulationOptions {
  return {
    hardware: fixtureProfile(),
    workload: manySmallFiles,
    cacheMB: 16 * 4096 / 2 ** 20,
    caches: { data: false },
    clients: 64,
    warmupS: 0.2,
    durationS: 2,
    ...options,
  };
}

describe("blocking on the disk", () => {
  it("SPED on a pure-miss workload serves one request per miss time (plus its CPU), however many cores", () => {
    for (const cores of [1, 4]) {
      const result = simulateServer(pureMiss({ arch: "sped", cores }));
      expect(result.disk.missRatio).toBe(1);
      expect(relativeError(result.throughputRps, 100)).toBeLessThan(0.01); // 1 / 10 ms
      expect(result.utilization.cpu).toBe(0);
    }
    const withCpu = simulateServer(pureMiss({ arch: "sped", hardware: cpuBoundProfile(1000) }));
    expect(relativeError(withCpu.throughputRps, 1000 / 11)).toBeLessThan(0.01); // 1 / (10 ms + 1 ms)
  });

  it("MP with N processes overlaps N misses when the disk has the arms, and min(N, arms) when it has fewer", () => {
    for (const workers of [1, 2, 8, 16]) {
      const unlimited = simulateServer(pureMiss({ arch: "mp", workers }));
      expect(relativeError(unlimited.throughputRps, 100 * workers)).toBeLessThan(0.03);
      const fourArms = simulateServer(pureMiss({ arch: "mp", workers, disk: { parallelism: 4 } }));
      expect(relativeError(fourArms.throughputRps, 100 * Math.min(workers, 4))).toBeLessThan(0.03);
    }
  });

  it("AMPED and AMTED overlap as many misses as they have helpers; SPED with asynchronous reads overlaps them all", () => {
    for (const arch of ["amped", "amted"] as const) {
      for (const helpers of [1, 2, 8]) {
        const result = simulateServer(pureMiss({ arch, helpers }));
        expect(relativeError(result.throughputRps, 100 * helpers)).toBeLessThan(0.03);
        expect(result.counters.helperReads).toBeGreaterThan(0);
      }
    }
    const asyncReads = simulateServer(pureMiss({ arch: "sped-async", clients: 16 }));
    expect(relativeError(asyncReads.throughputRps, 1600)).toBeLessThan(0.03); // 16 clients, each waiting 10 ms
    const twoArms = simulateServer(pureMiss({ arch: "sped-async", clients: 16, disk: { parallelism: 2 } }));
    expect(relativeError(twoArms.throughputRps, 200)).toBeLessThan(0.03);
  });

  it("MT and Zeus-like spread connections blind to who is busy, so they overlap fewer misses than they have contexts", () => {
    // With 8 contexts and 64 clients every context usually has a queue; overlap approaches 8 but hashing
    // leaves some contexts idle at times. MP's master hands each connection to an idle worker instead.
    const mt = simulateServer(pureMiss({ arch: "mt", workers: 8 }));
    const mp = simulateServer(pureMiss({ arch: "mp", workers: 8 }));
    expect(mt.throughputRps).toBeLessThanOrEqual(mp.throughputRps * 1.001);
    expect(mt.throughputRps).toBeGreaterThan(0.5 * mp.throughputRps);
  });
});

describe("contention for cores", () => {
  const cached = (arch: ServerSimulationOptions["arch"], cores: number, workers?: number): ServerSimulationOptions => ({
    arch,
    cores,
    ...(workers === undefined ? {} : { workers }),
    hardware: cpuBoundProfile(1000), // 1 ms of CPU per request
    workload: singleFileWorkload(1024),
    clients: 64,
    warmupS: 0.1,
    durationS: 2,
  });

  it("a CPU-bound server serves cores / (CPU per request); one event loop uses one core", () => {
    for (const cores of [1, 2, 4]) {
      expect(relativeError(simulateServer(cached("mt", cores, 8)).throughputRps, 1000 * cores)).toBeLessThan(0.03);
      expect(relativeError(simulateServer(cached("mp", cores, 8)).throughputRps, 1000 * cores)).toBeLessThan(0.03);
      expect(relativeError(simulateServer(cached("sped", cores)).throughputRps, 1000)).toBeLessThan(0.02);
      expect(relativeError(simulateServer(cached("zeus", cores, 2)).throughputRps, 1000 * Math.min(2, cores))).toBeLessThan(0.1);
    }
  });

  it("a busy core queues work: with 1 core and 64 clients the response time is 64 ms", () => {
    const result = simulateServer(cached("sped", 1));
    expect(result.utilization.cpu).toBeGreaterThan(0.99);
    expect(relativeError(result.responseMs.mean, 64)).toBeLessThan(0.05);
  });

  it("context switches cost CPU: MP's worker processes pay process switches, SPED none", () => {
    const profile = cpuBoundProfile(100, { contextSwitchUs: { process: 50, thread: 10 } });
    const options = { hardware: profile, workload: singleFileWorkload(1024), clients: 32, warmupS: 0.1, durationS: 1 } as const;
    const sped = simulateServer({ ...options, arch: "sped" });
    const mp = simulateServer({ ...options, arch: "mp", workers: 4 });
    const mt = simulateServer({ ...options, arch: "mt", workers: 4 });
    expect(sped.cpu.processSwitches + sped.cpu.threadSwitches).toBe(0);
    expect(relativeError(sped.throughputRps, 10_000)).toBeLessThan(0.01);
    expect(mp.cpu.processSwitches).toBeGreaterThan(mp.requests); // master → worker → master, at least
    expect(mt.cpu.threadSwitches).toBeGreaterThan(0);
    expect(mt.cpu.processSwitches).toBeLessThan(mt.cpu.threadSwitches);
    // The CPU spent switching is what the throughput lost: X = (1 − switch share) / CPU per request.
    for (const result of [mp, mt]) {
      expect(relativeError(result.throughputRps, (10_000 * (100 - result.cpu.switchSharePct)) / 100)).toBeLessThan(0.03);
    }
  });
});

describe("Little's law and open loops", () => {
  it("a closed loop of N clients thinking Z: N = X·(R + Z), for every architecture", () => {
    const workload = surgeLikeWorkload({ datasetMB: 16, seed: 3, requests: 5000 });
    for (const arch of simArchitectureNames) {
      const result = simulateServer({
        arch,
        hardware: cpuBoundProfile(200, { disk: { latencyMs: 2, bandwidthMBps: 100, parallelism: 4 } }),
        workload,
        cacheMB: 4,
        clients: 40,
        thinkMs: 20,
        thinkDistribution: "exponential",
        warmupS: 0.5,
        durationS: 4,
        seed: 5,
      });
      const littlesN = (result.throughputRps / 1000) * (result.responseMs.mean + 20);
      // The measured span includes the drain after the last send, when fewer than N are in the system.
      expect(relativeError(littlesN, 40), arch).toBeLessThan(0.05);
    }
  });

  it("Poisson arrivals into SPED with a fixed CPU cost: the mean response of M/D/1", () => {
    const result = simulateServer({
      arch: "sped",
      hardware: cpuBoundProfile(1000),
      workload: singleFileWorkload(1024),
      arrivalRatePerS: 700,
      warmupS: 5,
      durationS: 200,
      seed: 2,
    });
    expect(relativeError(result.throughputRps, 700)).toBeLessThan(0.02);
    expect(relativeError(result.responseMs.mean, md1MeanResponse(0.7, 1))).toBeLessThan(0.05);
    expect(Math.abs(result.utilization.cpu! - 0.7)).toBeLessThan(0.02);
  });
});

describe("memory and the network", () => {
  it("memory spent on processes shrinks the buffer cache, and the miss ratio grows", () => {
    // The stream's 100,000 requests touch about 410 MB of a 600 MB set: 4 processes leave a cache that
    // holds it, 40 do not.
    const hardware = cpuBoundProfile(100, { memoryMB: 512, contextMemoryMB: { process: 8, thread: 1 }, disk: { latencyMs: 1, bandwidthMBps: Infinity, parallelism: Infinity } });
    const workload = surgeLikeWorkload({ datasetMB: 600, seed: 4, requests: 100_000 });
    const run = (workers: number) => simulateServer({ arch: "mp", workers, hardware, workload, caches: { data: false }, clients: 64, warmupS: 5, durationS: 5 });
    const few = run(4);
    const many = run(40);
    expect(few.memory.bufferCacheMB).toBe(512 - 5 * 8);
    expect(many.memory.bufferCacheMB).toBe(512 - 41 * 8);
    expect(many.disk.missRatio).toBeGreaterThan(few.disk.missRatio + 0.05);
    const tooMany = run(70);
    expect(tooMany.memory.bufferCacheMB).toBe(0);
    expect(tooMany.memory.overcommittedMB).toBe(71 * 8 - 512);
    expect(tooMany.warnings.join(" ")).toMatch(/would page/);
  });

  it("a saturated link serves link rate / response size", () => {
    const result = simulateServer({
      arch: "sped",
      hardware: fixtureProfile({ network: { linkMBps: 10, sendBufferKB: 256 } }),
      workload: singleFileWorkload(100 * 1024),
      clients: 32,
      warmupS: 0.5,
      durationS: 5,
    });
    expect(relativeError(result.throughputRps, (10 * 2 ** 20) / (100 * 1024 + 200))).toBeLessThan(0.02);
    expect(result.utilization.link).toBeGreaterThan(0.98);
  });

  it("slow clients hold MP's workers until they have read everything, but not SPED's loop", () => {
    // 100 KB at 1 Mbit/s takes 0.82 s; each MP worker is held that long, SPED serves every client at once.
    const options = { hardware: fixtureProfile(), workload: singleFileWorkload(100 * 1024), clients: 64, clientMbps: 1, warmupS: 2, durationS: 20 } as const;
    const perClientS = ((100 * 1024 + 200) * 8) / 1e6;
    const mp = simulateServer({ ...options, arch: "mp", workers: 4 });
    const sped = simulateServer({ ...options, arch: "sped" });
    expect(relativeError(mp.throughputRps, 4 / perClientS)).toBeLessThan(0.05);
    expect(relativeError(sped.throughputRps, 64 / perClientS)).toBeLessThan(0.05);
  });
});

describe("the runs themselves", () => {
  it("are deterministic for a seed", () => {
    const options: ServerSimulationOptions = { ...pureMiss({ arch: "mt", workers: 4 }), seed: 7 };
    const first = simulateServer(options);
    const second = simulateServer(options);
    expect(second.throughputRps).toBe(first.throughputRps);
    expect(second.events).toBe(first.events);
  });

  it("keep the load generator's turns apart from the server's: with a round trip, MT's threads go on serving", () => {
    // Each thread holds its connection until the client has closed, while the client takes its turn on the
    // load generator: sharing one holder, the generator's turn used to take the thread's place, which was never freed.
    const options: ServerSimulationOptions = { arch: "mt", workers: 4, workload: singleFileWorkload(1024), clients: 32, clientRttMs: 2, warmupS: 0.5, durationS: 2, hardware: fixtureProfile() };
    const withGenerator = simulateServer({ ...options, hardware: fixtureProfile({ loadGenerator: { cores: 1, requestUs: 10, perKBUs: 0 } }) });
    const without = simulateServer(options);
    expect(without.throughputRps).toBeGreaterThan(1000);
    expect(withGenerator.throughputRps).toBeGreaterThan(0.8 * without.throughputRps);
  });

  it("reject bad options, saying what is accepted", () => {
    const base = pureMiss({ arch: "sped" });
    expect(() => simulateServer({ ...base, arch: "spedd" as "sped" })).toThrow(/unknown architecture "spedd"; the models are mp, mt, sped/);
    expect(() => simulateServer({ ...base, workers: 0 })).toThrow(/workers must be a whole number > 0; got 0/);
    expect(() => simulateServer({ ...base, durationS: -1 })).toThrow(/durationS must be a number > 0/);
    expect(() => simulateServer({ ...base, arch: "sped", acceptPolicy: "reuseport" })).toThrow(/acceptPolicy reuseport does not apply to sped; accepted: one-listener/);
    expect(() => simulateServer({ ...base, disk: { latencyMs: -2 } })).toThrow(/disk latency must be/);
  });
});
