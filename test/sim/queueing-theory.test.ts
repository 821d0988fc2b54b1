import { describe, expect, it } from "vitest";
import {
  erlangC,
  md1MeanResponse,
  mg1MeanWait,
  mm1kSteadyState,
  mm1MeanResponse,
  mmcMeanResponse,
  mmcMeanWait,
  nonPreemptivePriorityWaits,
  preemptiveResumePriorityResponses,
} from "../../lib/sim/queueing-theory.js";

describe("queueing theory formulas (hand-checked cases)", () => {
  it("M/M/1: 1/(μ − λ)", () => {
    expect(mm1MeanResponse(0.5, 1)).toBe(2);
    expect(mm1MeanResponse(0.9, 1)).toBeCloseTo(10, 12);
  });

  it("Erlang C: ρ for one server, 1/3 for two servers at offered load 1", () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // With one server M/M/c is M/M/1: wait ρ/(μ − λ).
    expect(mmcMeanWait(0.6, 1, 1)).toBeCloseTo(0.6 / 0.4, 12);
    expect(mmcMeanResponse(0.6, 1, 1)).toBeCloseTo(mm1MeanResponse(0.6, 1), 12);
    // Two servers at λ = 1, μ = 1: wait C/(2 − 1) = 1/3, response 4/3.
    expect(mmcMeanResponse(1, 1, 2)).toBeCloseTo(4 / 3, 12);
  });

  it("Pollaczek–Khinchine: exponential service gives M/M/1, deterministic half its wait", () => {
    expect(mg1MeanWait(0.6, 1, 2) + 1).toBeCloseTo(mm1MeanResponse(0.6, 1), 12);
    expect(md1MeanResponse(0.6, 1) - 1).toBeCloseTo((mm1MeanResponse(0.6, 1) - 1) / 2, 12);
  });

  it("M/M/1/K: with room for one, blocking and L are ρ/(1 + ρ); ρ = 1 is uniform", () => {
    const single = mm1kSteadyState(0.5, 1, 1);
    expect(single.blocking).toBeCloseTo(1 / 3, 12);
    expect(single.meanInSystem).toBeCloseTo(1 / 3, 12);
    const uniform = mm1kSteadyState(1, 1, 4);
    expect(uniform.blocking).toBeCloseTo(1 / 5, 12);
    expect(uniform.meanInSystem).toBeCloseTo(2, 12);
  });

  it("priorities: one class is plain M/G/1; the top class never waits for lower ones", () => {
    const only = [{ arrivalRate: 0.6, meanService: 1, serviceSecondMoment: 2 }];
    expect(nonPreemptivePriorityWaits(only)[0]).toBeCloseTo(mg1MeanWait(0.6, 1, 2), 12);
    expect(preemptiveResumePriorityResponses(only)[0]).toBeCloseTo(mm1MeanResponse(0.6, 1), 12);
    const two = [
      { arrivalRate: 0.3, meanService: 1, serviceSecondMoment: 2 },
      { arrivalRate: 0.4, meanService: 1, serviceSecondMoment: 2 },
    ];
    // Cobham: W0 = (0.3·2 + 0.4·2)/2 = 0.7; W1 = 0.7/0.7 = 1; W2 = 0.7/(0.7·0.3) = 10/3.
    const waits = nonPreemptivePriorityWaits(two);
    expect(waits[0]).toBeCloseTo(1, 12);
    expect(waits[1]).toBeCloseTo(10 / 3, 12);
    // Preemptive resume: T1 = 1/0.7; T2 = 1/0.7 + 0.7/(0.7·0.3) = 1/0.7 + 10/3.
    const responses = preemptiveResumePriorityResponses(two);
    expect(responses[0]).toBeCloseTo(1 / 0.7, 12);
    expect(responses[1]).toBeCloseTo(1 / 0.7 + 10 / 3, 12);
  });

  it("refuses unstable queues and bad inputs, saying why", () => {
    expect(() => mm1MeanResponse(1, 1)).toThrow(/unstable: utilization 1 ≥ 1/);
    expect(() => erlangC(2, 2)).toThrow(/M\/M\/2 is unstable/);
    expect(() => erlangC(0, 0.5)).toThrow(/servers must be a whole number ≥ 1/);
    expect(() => mg1MeanWait(0.5, 1, 0)).toThrow(/serviceSecondMoment must be a finite number > 0/);
    expect(() => nonPreemptivePriorityWaits([])).toThrow(/at least one class/);
    expect(() => mm1kSteadyState(1, 1, 0)).toThrow(/capacity/);
  });
});
