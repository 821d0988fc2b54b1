/**
 * The simulator against queueing theory. Every run is seeded, so each check is deterministic; the
 * margins are stated next to each one, from the spread seen over 8 seeds of the same run (the "rms"
 * below): about 4–5 times that spread, generous but able to catch a model that is wrong by more.
 */
import { describe, expect, it } from "vitest";
import { simulateMM1 } from "../../lib/sim/mm1.js";
import { simulateQueueingStation } from "../../lib/sim/queueing-station.js";
import type { CustomerClass, QueueingStationResult } from "../../lib/sim/queueing-station.js";
import {
  erlangC,
  md1MeanResponse,
  mm1kSteadyState,
  mm1MeanResponse,
  mmcMeanResponse,
  nonPreemptivePriorityWaits,
  preemptiveResumePriorityResponses,
} from "../../lib/sim/queueing-theory.js";
import { replicate } from "../../lib/sim/replications.js";

const exponential = (meanMs: number) => ({ kind: "exponential" as const, meanMs });

function relativeError(simulated: number, theory: number): number {
  return Math.abs(simulated / theory - 1);
}

/** Little's law on a station run: L = λ·W and Lq = λ·Wq, with λ the measured throughput. */
function expectLittle(result: QueueingStationResult, tolerance: number): void {
  expect(relativeError(result.meanInSystem, result.throughputPerMs * result.meanResponseMs)).toBeLessThan(tolerance);
  expect(relativeError(result.meanQueueLength, result.throughputPerMs * result.meanWaitMs)).toBeLessThan(tolerance);
}

describe("M/M/1", () => {
  it("event-scheduling model (mm1.ts): mean response 1/(μ − λ), L = ρ/(1 − ρ), utilization ρ", () => {
    // ρ = 0.8, 10^6 customers, 10^4 warm-up: rms error of W over 8 seeds 1.5% → margin 6%.
    const result = simulateMM1({ customers: 1_000_000, rho: 0.8, seed: 1, warmupCustomers: 10_000 });
    expect(result.events).toBe(2_000_000);
    expect(result.measuredCustomers).toBe(990_000);
    expect(relativeError(result.meanResponseMs, mm1MeanResponse(0.8, 1))).toBeLessThan(0.06);
    expect(relativeError(result.meanInSystem, 0.8 / 0.2)).toBeLessThan(0.06);
    expect(Math.abs(result.utilization - 0.8)).toBeLessThan(0.01);
    // Little's law, with the warm-up boundary (customers present at the reset) as the only error.
    expect(relativeError(result.meanInSystem, result.throughputPerMs * result.meanResponseMs)).toBeLessThan(0.01);
  });

  it("process model (queueing-station.ts) agrees with theory too", () => {
    // ρ = 0.7, 2·10^5 customers: rms error 1.7% over 8 seeds → margin 8%.
    const result = simulateQueueingStation({ classes: [{ arrivalRatePerMs: 0.7, service: exponential(1) }], customers: 200_000, seed: 1 });
    expect(relativeError(result.meanResponseMs, mm1MeanResponse(0.7, 1))).toBeLessThan(0.08);
    expect(Math.abs(result.utilization - 0.7)).toBeLessThan(0.02);
    // The run starts and ends empty: Little's law holds exactly, up to rounding.
    expectLittle(result, 1e-9);
  });

  it("mean service time only rescales time: the same seed gives the same trajectory in other units", () => {
    const inMs = simulateMM1({ customers: 50_000, rho: 0.5, seed: 3 });
    const inSeconds = simulateMM1({ customers: 50_000, rho: 0.5, seed: 3, meanServiceMs: 1000 });
    expect(inSeconds.meanResponse).toBeCloseTo(inMs.meanResponse, 9);
    expect(inSeconds.meanResponseMs).toBeCloseTo(1000 * inMs.meanResponseMs, 3);
  });

  it("rejects bad options, naming each", () => {
    expect(() => simulateMM1({ customers: 0, rho: 0.5 })).toThrow(/customers must be a whole number ≥ 1; got 0/);
    expect(() => simulateMM1({ customers: 10, rho: 1 })).toThrow(/rho must be a number strictly between 0 and 1/);
    expect(() => simulateMM1({ customers: 10, rho: 0.5, warmupCustomers: 10 })).toThrow(/warmupCustomers must be .* below customers \(10\)/);
    expect(() => simulateMM1({ customers: 10, rho: 0.5, meanServiceMs: -1 })).toThrow(/meanServiceMs/);
  });
});

describe("M/M/c against Erlang C", () => {
  it("3 servers at 80%: the fraction that waits is C(3, 2.4), the response C/(3μ − λ) + 1/μ", () => {
    // 2·10^5 customers: rms error of the waiting fraction 0.6% and of the response 2.3% → margins 3% and 10%.
    const result = simulateQueueingStation({ servers: 3, classes: [{ arrivalRatePerMs: 2.4, service: exponential(1) }], customers: 200_000, seed: 2 });
    expect(relativeError(result.waitedFraction, erlangC(3, 2.4))).toBeLessThan(0.03);
    expect(relativeError(result.meanResponseMs, mmcMeanResponse(2.4, 1, 3))).toBeLessThan(0.1);
    expect(Math.abs(result.utilization - 0.8)).toBeLessThan(0.02);
    expectLittle(result, 1e-9);
  });
});

describe("M/D/1 against Pollaczek–Khinchine", () => {
  it("deterministic service halves the wait of M/M/1: ρ/(2μ(1 − ρ)) + 1/μ", () => {
    // ρ = 0.7, 2·10^5 customers: rms error 0.9% → margin 5%. M/M/1 at the same load waits twice as long.
    const result = simulateQueueingStation({ classes: [{ arrivalRatePerMs: 0.7, service: { kind: "deterministic", ms: 1 } }], customers: 200_000, seed: 3 });
    expect(relativeError(result.meanResponseMs, md1MeanResponse(0.7, 1))).toBeLessThan(0.05);
    expect(result.meanWaitMs).toBeLessThan(0.6 * (mm1MeanResponse(0.7, 1) - 1));
    expectLittle(result, 1e-9);
  });
});

describe("M/M/1/K: a bounded line, arrivals balk", () => {
  it("the balking fraction and the mean number in system match the truncated geometric law", () => {
    // Room for 5 (1 in service, queueLimit 4) at ρ = 0.9: rms error of the balking fraction 1% → margin 5%.
    const result = simulateQueueingStation({ classes: [{ arrivalRatePerMs: 0.9, service: exponential(1) }], queueLimit: 4, customers: 200_000, seed: 4 });
    const theory = mm1kSteadyState(0.9, 1, 5);
    expect(relativeError(result.balkingFraction, theory.blocking)).toBeLessThan(0.05);
    expect(relativeError(result.meanInSystem, theory.meanInSystem)).toBeLessThan(0.05);
    expectLittle(result, 1e-9);
  });
});

describe("priority queues", () => {
  const classes: CustomerClass[] = [
    { name: "high", arrivalRatePerMs: 0.3, service: exponential(1), priority: 0 },
    { name: "low", arrivalRatePerMs: 0.4, service: exponential(1), priority: 1 },
  ];
  const theoryClasses = [
    { arrivalRate: 0.3, meanService: 1, serviceSecondMoment: 2 },
    { arrivalRate: 0.4, meanService: 1, serviceSecondMoment: 2 },
  ];

  it("non-preemptive: each class waits as Cobham's formula says", () => {
    // rms error of the low class's wait 1.6% over 8 seeds → margins 8%.
    const result = simulateQueueingStation({ classes, discipline: "priority", customers: 200_000, seed: 5 });
    const waits = nonPreemptivePriorityWaits(theoryClasses);
    expect(relativeError(result.classes[0]!.meanWaitMs, waits[0]!)).toBeLessThan(0.08);
    expect(relativeError(result.classes[1]!.meanWaitMs, waits[1]!)).toBeLessThan(0.08);
    expect(result.classes[0]!.preemptions + result.classes[1]!.preemptions).toBe(0);
    expectLittle(result, 1e-9);
  });

  it("preemptive resume: the high class sees M/M/1 alone; the low class matches the M/G/1 formula", () => {
    // rms error of the low class's response 1.2% → margins 6%.
    const result = simulateQueueingStation({ classes, discipline: "priority", preemptive: true, customers: 200_000, seed: 6 });
    const responses = preemptiveResumePriorityResponses(theoryClasses);
    expect(responses[0]).toBeCloseTo(mm1MeanResponse(0.3, 1), 12);
    expect(relativeError(result.classes[0]!.meanResponseMs, responses[0]!)).toBeLessThan(0.06);
    expect(relativeError(result.classes[1]!.meanResponseMs, responses[1]!)).toBeLessThan(0.06);
    expect(result.classes[0]!.preemptions).toBe(0);
    expect(result.classes[1]!.preemptions).toBeGreaterThan(10_000);
    expectLittle(result, 1e-9);
  });
});

describe("warm-up removal and replications", () => {
  it("an empty start biases short runs low; removing a warm-up gives an interval that covers theory", () => {
    // M/M/1 at ρ = 0.9 (theory: W = 10), 400 replications each. The first 100 customers after an empty
    // start average about 5.5; after 2000 warm-up customers, the next 100 average about 10.
    const short = replicate({
      replications: 400,
      baseSeed: 1,
      run: (seed) => simulateMM1({ customers: 100, rho: 0.9, seed }),
      measures: { response: (result) => result.meanResponse },
    });
    const warmed = replicate({
      replications: 400,
      baseSeed: 1,
      run: (seed) => simulateMM1({ customers: 2100, rho: 0.9, seed, warmupCustomers: 2000 }),
      measures: { response: (result) => result.meanResponse },
    });
    expect(short.intervals.response.upper).toBeLessThan(8);
    expect(warmed.intervals.response.lower).toBeLessThan(10);
    expect(warmed.intervals.response.upper).toBeGreaterThan(10);
  });

  it("replications get disjoint random streams and a t interval over the runs", () => {
    const summary = replicate({
      replications: 20,
      baseSeed: 9,
      run: (seed) => simulateMM1({ customers: 50_000, rho: 0.8, seed, warmupCustomers: 2000 }),
      measures: { response: (result) => result.meanResponse, utilization: (result) => result.utilization },
    });
    expect(new Set(summary.seeds).size).toBe(20);
    expect(new Set(summary.values.response).size).toBe(20);
    const { response, utilization } = summary.intervals;
    expect(response.n).toBe(20);
    expect(response.lower).toBeLessThan(5);
    expect(response.upper).toBeGreaterThan(5);
    expect(response.halfWidth).toBeLessThan(0.5);
    expect(Math.abs(utilization.mean - 0.8)).toBeLessThan(0.01);
    expect(() => replicate({ replications: 1, run: () => 0, measures: { x: (value: number) => value } })).toThrow(/≥ 2/);
  });
});
