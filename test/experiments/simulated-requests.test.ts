import { describe, expect, it } from "vitest";
import { simulatedMeanServiceMs, simulateRequests } from "../../lib/experiments/simulated-requests.js";
import { cpuUtilization, executionTimeMs } from "../../lib/metrics/index.js";

describe("simulateRequests", () => {
  const base = { requests: 3000, arrivalRatePerS: 200, seed: 11 };

  it("states its mean service time: overhead + mean bytes / transfer rate", () => {
    // 1 ms + (0.8 · 4096 + 0.2 · 65536) B / 20 000 B/ms = 1 + 16 384 / 20 000
    expect(simulatedMeanServiceMs(base)).toBeCloseTo(1 + (0.8 * 4096 + 0.2 * 65536) / 20_000, 12);
    const classes = [{ name: "only", share: 3, meanBytes: 1000 }];
    expect(simulatedMeanServiceMs({ ...base, classes, overheadMs: 0.5, transferBytesPerMs: 100 })).toBeCloseTo(10.5, 12);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const first = simulateRequests(base);
    expect(simulateRequests(base).records).toEqual(first.records);
    expect(simulateRequests({ ...base, seed: 12 }).records).not.toEqual(first.records);
  });

  it("serves one request at a time per thread, first come first served, for overhead + bytes / rate", () => {
    const run = simulateRequests({ ...base, servers: 1 });
    let previousEnd = 0;
    let previousArrival = 0;
    for (const record of run.records) {
      expect(record.intendedMs!).toBeGreaterThanOrEqual(previousArrival);
      expect(record.firstByteMs!).toBeGreaterThanOrEqual(Math.max(record.startMs, previousEnd) - 1e-9);
      expect(record.endMs - record.firstByteMs!).toBeCloseTo(1 + record.bytes / 20_000, 9);
      // The thread never idles while a request waits.
      if (record.firstByteMs! > record.startMs + 1e-9) expect(record.firstByteMs!).toBeCloseTo(previousEnd, 9);
      previousEnd = record.endMs;
      previousArrival = record.intendedMs!;
      expect(record.status).toBe(200);
    }
  });

  it("draws classes in their shares and the Poisson rate it was given (generous margins)", () => {
    const run = simulateRequests({ ...base, requests: 5000 });
    const smallShare = run.records.filter((record) => record.url === "/small").length / run.records.length;
    expect(smallShare).toBeGreaterThan(0.77);
    expect(smallShare).toBeLessThan(0.83);
    const lastArrival = run.records[run.records.length - 1]!.intendedMs!;
    expect(5000 / (lastArrival / 1000)).toBeGreaterThan(190);
    expect(5000 / (lastArrival / 1000)).toBeLessThan(210);
  });

  it("samples busy time that adds up to the service times and utilization close to the offered load", () => {
    const run = simulateRequests({ ...base, requests: 5000, servers: 2, arrivalRatePerS: 600 });
    const serviceTotal = run.records.reduce((total, record) => total + (record.endMs - record.firstByteMs!), 0);
    const busy = run.cpuSamples.reduce((total, sample) => total + sample.busy, 0);
    const covered = run.cpuSamples.reduce((total, sample) => total + sample.busy + sample.idle, 0);
    expect(busy).toBeCloseTo(serviceTotal, 6);
    expect(covered).toBeCloseTo(2 * Math.max(...run.records.map((record) => record.endMs)), 6);
    expect(run.offeredLoad).toBeCloseTo((600 * simulatedMeanServiceMs(base)) / 1000 / 2, 12);
    expect(Math.abs(cpuUtilization(run.cpuSamples) - run.offeredLoad)).toBeLessThan(0.06);
    expect(new Set(run.servedBy)).toEqual(new Set(["thread 1", "thread 2"]));
  });

  it("samples each thread's memory: its fixed share plus the response it is sending", () => {
    const run = simulateRequests({ ...base, requests: 500, servers: 2, sampleIntervalMs: 50, perThreadBytes: 1000 });
    const endMs = Math.max(...run.records.map((record) => record.endMs));
    expect(run.memorySamples).toHaveLength(2 * (Math.floor(endMs / 50) + 1));
    const sizes = new Set(run.records.map((record) => record.bytes));
    for (const sample of run.memorySamples) {
      expect(sample.value === 1000 || sizes.has(sample.value - 1000)).toBe(true);
    }
    expect(run.memorySamples.some((sample) => sample.value > 1000)).toBe(true);
  });

  it("counts connections shared by consecutive requests", () => {
    const run = simulateRequests({ ...base, requests: 10, requestsPerConnection: 3 });
    expect(run.connections).toBe(4);
    expect(run.records.filter((record) => record.connectMs !== undefined)).toHaveLength(4);
    expect(run.records.map((record) => record.clientId)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
    expect(executionTimeMs(run.records)).toBeGreaterThan(0);
  });

  it("rejects bad options with a message naming them", () => {
    expect(() => simulateRequests({ ...base, requests: 0 })).toThrow(/requests must be a whole number ≥ 1; got 0/);
    expect(() => simulateRequests({ ...base, arrivalRatePerS: -5 })).toThrow(/arrivalRatePerS must be a finite number > 0/);
    expect(() => simulateRequests({ ...base, servers: 1.5 })).toThrow(/servers/);
    expect(() => simulateRequests({ ...base, classes: [] })).toThrow(/at least one request class/);
    const twice = [{ name: "a", share: 1, meanBytes: 1 }, { name: "a", share: 1, meanBytes: 1 }];
    expect(() => simulateRequests({ ...base, classes: twice })).toThrow(/"a" appears twice/);
    expect(() => simulateRequests({ ...base, classes: [{ name: "a", share: 0, meanBytes: 1 }] })).toThrow(/share of class "a"/);
  });
});
