import { describe, expect, it } from "vitest";
import { generateToyOrders } from "../../lib/workloads/toy-orders.js";

describe("generateToyOrders", () => {
  it("defaults to the lecture's orders: all at time 0, 120 ms each, numbered from 1", () => {
    expect(generateToyOrders({ count: 3 })).toEqual([
      { id: 1, arrivalMs: 0, workMs: 120 },
      { id: 2, arrivalMs: 0, workMs: 120 },
      { id: 3, arrivalMs: 0, workMs: 120 },
    ]);
  });

  it("fixed-gap arrivals are evenly spaced", () => {
    const orders = generateToyOrders({ count: 4, orderMs: 50, arrivals: "fixed-gap", interarrivalMs: 10 });
    expect(orders.map((order) => order.arrivalMs)).toEqual([0, 10, 20, 30]);
  });

  it("random work and arrivals are deterministic by seed", () => {
    const options = { count: 200, work: "uniform", spread: 0.25, arrivals: "poisson", interarrivalMs: 40 } as const;
    expect(generateToyOrders({ ...options, seed: 3 })).toEqual(generateToyOrders({ ...options, seed: 3 }));
    expect(generateToyOrders({ ...options, seed: 3 })).not.toEqual(generateToyOrders({ ...options, seed: 4 }));
  });

  it("uniform work stays within mean·(1 ± spread) and averages near the mean", () => {
    const orders = generateToyOrders({ count: 5000, orderMs: 100, work: "uniform", spread: 0.2, seed: 8 });
    const work = orders.map((order) => order.workMs);
    expect(Math.min(...work)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...work)).toBeLessThan(120);
    expect(work.reduce((a, b) => a + b, 0) / work.length).toBeCloseTo(100, 0);
  });

  it("exponential work and Poisson gaps have the requested means", () => {
    const orders = generateToyOrders({ count: 20_000, orderMs: 60, work: "exponential", arrivals: "poisson", interarrivalMs: 15, seed: 21 });
    const meanWork = orders.reduce((total, order) => total + order.workMs, 0) / orders.length;
    const meanGap = orders[orders.length - 1]!.arrivalMs / (orders.length - 1);
    expect(meanWork).toBeGreaterThan(57);
    expect(meanWork).toBeLessThan(63);
    expect(meanGap).toBeGreaterThan(14.2);
    expect(meanGap).toBeLessThan(15.8);
    for (let index = 1; index < orders.length; index++) expect(orders[index]!.arrivalMs).toBeGreaterThanOrEqual(orders[index - 1]!.arrivalMs);
    expect(orders.every((order) => order.workMs > 0)).toBe(true);
  });

  it("rejects bad options with a clear message", () => {
    expect(() => generateToyOrders({ count: 0 })).toThrow(/count must be a whole number ≥ 1/);
    expect(() => generateToyOrders({ count: 2, orderMs: 0 })).toThrow(/orderMs/);
    expect(() => generateToyOrders({ count: 2, spread: 2 })).toThrow(/spread must be in \[0, 1\]/);
    expect(() => generateToyOrders({ count: 2, work: "gamma" as "uniform" })).toThrow(/work must be one of/);
    expect(() => generateToyOrders({ count: 2, arrivals: "poisson" })).toThrow(/need interarrivalMs/);
    expect(() => generateToyOrders({ count: 2, seed: 0.5 })).toThrow(/seed/);
  });
});
