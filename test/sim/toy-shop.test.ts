import { describe, expect, it } from "vitest";
import { simulateToyShop } from "../../lib/sim/toy-shop.js";
import type { ToyShopResult } from "../../lib/sim/toy-shop.js";
import { generateToyOrders } from "../../lib/workloads/toy-orders.js";

/** Closed forms for identical orders all arriving at time 0, written independently of the simulator. */
function bossWorkersCompletion(order: number, threads: number, orderMs: number): number {
  return Math.ceil(order / (threads - 1)) * orderMs;
}
function pipelineCompletion(order: number, threads: number, orderMs: number): number {
  return (threads - 1 + order) * (orderMs / threads);
}

/** No thread works on two orders at once, and every segment is inside the run. */
function expectNoOverlapPerResource(result: ToyShopResult): void {
  for (const resource of result.resources) {
    const segments = result.segments.filter((segment) => segment.resource === resource).sort((a, b) => a.startMs - b.startMs);
    for (let index = 1; index < segments.length; index++) {
      expect(segments[index]!.startMs).toBeGreaterThanOrEqual(segments[index - 1]!.endMs - 1e-9);
    }
  }
  for (const segment of result.segments) {
    expect(segment.endMs).toBeGreaterThan(segment.startMs);
    expect(segment.endMs).toBeLessThanOrEqual(result.totalMs + 1e-9);
  }
}

describe("simulateToyShop: the lecture's figures (P2L5 §2)", () => {
  it("6 threads, 11 orders: boss/workers 360 ms total, mean 196.36 ms", () => {
    const result = simulateToyShop({ model: "boss-workers", threads: 6, orders: 11 });
    expect(result.totalMs).toBe(360);
    expect(result.meanCompletionMs).toBeCloseTo(2160 / 11, 10);
    expect(result.meanCompletionMs.toFixed(2)).toBe("196.36");
    expect(result.completionsMs).toEqual([120, 120, 120, 120, 120, 240, 240, 240, 240, 240, 360]);
  });

  it("6 threads, 11 orders: pipeline 320 ms total, mean 220 ms", () => {
    const result = simulateToyShop({ model: "pipeline", threads: 6, orders: 11 });
    expect(result.totalMs).toBe(320);
    expect(result.meanCompletionMs).toBe(220);
    expect(result.completionsMs).toEqual([120, 140, 160, 180, 200, 220, 240, 260, 280, 300, 320]);
    expect(result.stageMs).toEqual([20, 20, 20, 20, 20, 20]);
  });

  it("6 threads, 10 orders: boss/workers 240 ms vs pipeline 300 ms", () => {
    expect(simulateToyShop({ model: "boss-workers", threads: 6, orders: 10 }).totalMs).toBe(240);
    expect(simulateToyShop({ model: "pipeline", threads: 6, orders: 10 }).totalMs).toBe(300);
  });

  it("boss/workers: each order is built whole by one worker, batches on workers 1..5", () => {
    const result = simulateToyShop({ model: "boss-workers", threads: 6, orders: 11 });
    expect(result.resources).toEqual(["boss", "worker 1", "worker 2", "worker 3", "worker 4", "worker 5"]);
    expect(result.segments).toHaveLength(11);
    expect(result.segments[5]).toEqual({ order: 6, resource: "worker 1", startMs: 120, endMs: 240 });
    expect(result.segments[10]).toEqual({ order: 11, resource: "worker 1", startMs: 240, endMs: 360 });
    expect(result.orders.map((record) => record.startMs)).toEqual([0, 0, 0, 0, 0, 120, 120, 120, 120, 120, 240]);
    expectNoOverlapPerResource(result);
  });

  it("pipeline: each order passes stage 1..6 in turn, 20 ms each; order 1 fills the pipeline", () => {
    const result = simulateToyShop({ model: "pipeline", threads: 6, orders: 11 });
    const first = result.segments.filter((segment) => segment.order === 1);
    expect(first.map((segment) => [segment.resource, segment.startMs, segment.endMs])).toEqual([
      ["stage 1", 0, 20],
      ["stage 2", 20, 40],
      ["stage 3", 40, 60],
      ["stage 4", 60, 80],
      ["stage 5", 80, 100],
      ["stage 6", 100, 120],
    ]);
    expect(result.orders.map((record) => record.startMs)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
    expect(result.segments).toHaveLength(66);
    expectNoOverlapPerResource(result);
  });
});

describe("simulateToyShop: a sweep against closed forms", () => {
  for (const orderMs of [120, 100]) {
    it(`matches ceil(n/(T−1))·t and (T−1+n)·t/T for T = 2..9, n = 1..30, t = ${orderMs} ms`, () => {
      for (let threads = 2; threads <= 9; threads++) {
        for (let orders = 1; orders <= 30; orders++) {
          const boss = simulateToyShop({ model: "boss-workers", threads, orders, orderMs });
          const pipe = simulateToyShop({ model: "pipeline", threads, orders, orderMs });
          const ids = Array.from({ length: orders }, (_, index) => index + 1);
          const bossExpected = ids.map((order) => bossWorkersCompletion(order, threads, orderMs));
          const pipeExpected = ids.map((order) => pipelineCompletion(order, threads, orderMs));
          expect(boss.totalMs).toBeCloseTo(Math.ceil(orders / (threads - 1)) * orderMs, 9);
          expect(pipe.totalMs).toBeCloseTo((threads - 1 + orders) * (orderMs / threads), 9);
          boss.completionsMs.forEach((time, index) => expect(time).toBeCloseTo(bossExpected[index]!, 9));
          pipe.completionsMs.forEach((time, index) => expect(time).toBeCloseTo(pipeExpected[index]!, 9));
          const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
          expect(boss.meanCompletionMs).toBeCloseTo(mean(bossExpected), 9);
          expect(pipe.meanCompletionMs).toBeCloseTo((threads - 1 + (orders + 1) / 2) * (orderMs / threads), 9);
        }
      }
    });
  }

  it("a one-stage pipeline is one thread doing orders one after another", () => {
    const result = simulateToyShop({ model: "pipeline", threads: 1, orders: 3, orderMs: 50 });
    expect(result.completionsMs).toEqual([50, 100, 150]);
  });
});

describe("simulateToyShop: options beyond the lecture", () => {
  it("boss time: the boss hands orders on one at a time", () => {
    // 1 boss (10 ms per order) + 2 workers, 4 orders of 120 ms, worked out by hand:
    // handed on at 10, 20, 30, 40; worker 1: #1 10–130, #3 130–250; worker 2: #2 20–140, #4 140–260.
    const result = simulateToyShop({ model: "boss-workers", threads: 3, orders: 4, bossMs: 10 });
    expect(result.completionsMs).toEqual([130, 140, 250, 260]);
    expect(result.orders.map((record) => record.startMs)).toEqual([0, 10, 20, 30]);
    expect(result.totalMs).toBe(260);
    expect(result.segments.filter((segment) => segment.resource === "boss")).toHaveLength(4);
    expectNoOverlapPerResource(result);
  });

  it("uneven stages: the slowest stage sets the pace", () => {
    const result = simulateToyShop({ model: "pipeline", threads: 3, orders: 4, stageMs: [20, 60, 40] });
    expect(result.orderMs).toBe(120);
    expect(result.completionsMs).toEqual([120, 180, 240, 300]);
  });

  it("an order stream: arrivals and per-order work are honoured", () => {
    const orders = [
      { id: 1, arrivalMs: 0, workMs: 40 },
      { id: 2, arrivalMs: 100, workMs: 80 },
    ];
    const pipe = simulateToyShop({ model: "pipeline", threads: 2, orders });
    expect(pipe.completionsMs).toEqual([40, 180]);
    expect(pipe.meanCompletionMs).toBe((40 + 80) / 2);
    expect(pipe.segments.filter((segment) => segment.order === 2)).toEqual([
      { order: 2, resource: "stage 1", startMs: 100, endMs: 140 },
      { order: 2, resource: "stage 2", startMs: 140, endMs: 180 },
    ]);
  });

  it("random orders: same seed, same result; the work done equals the work asked", () => {
    const stream = (seed: number) => generateToyOrders({ count: 40, work: "exponential", arrivals: "poisson", interarrivalMs: 25, seed });
    const first = simulateToyShop({ model: "boss-workers", threads: 4, orders: stream(9) });
    const again = simulateToyShop({ model: "boss-workers", threads: 4, orders: stream(9) });
    const other = simulateToyShop({ model: "boss-workers", threads: 4, orders: stream(10) });
    expect(again).toEqual(first);
    expect(other.completionsMs).not.toEqual(first.completionsMs);
    const asked = stream(9).reduce((total, order) => total + order.workMs, 0);
    const done = first.segments.reduce((total, segment) => total + segment.endMs - segment.startMs, 0);
    expect(done).toBeCloseTo(asked, 6);
    for (const record of first.orders) expect(record.startMs).toBeGreaterThanOrEqual(record.arrivalMs);
    expectNoOverlapPerResource(first);
  });

  it("rejects bad options with a message naming the problem", () => {
    expect(() => simulateToyShop({ model: "boss-workers", threads: 1, orders: 3 })).toThrow(/threads ≥ 2 \(1 boss/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 0, orders: 3 })).toThrow(/threads ≥ 1/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: 0 })).toThrow(/orders must be a whole number ≥ 1/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: 2, orderMs: -5 })).toThrow(/orderMs/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: 2, bossMs: 5 })).toThrow(/bossMs applies only/);
    expect(() => simulateToyShop({ model: "boss-workers", threads: 2, orders: 2, stageMs: [1, 2] })).toThrow(/stageMs applies only/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 3, orders: 2, stageMs: [1, 2] })).toThrow(/one time per stage \(3\)/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: 2, stageMs: [0, 0] })).toThrow(/add up to 0/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: 2, stageMs: [10, 20], orderMs: 40 })).toThrow(/add up to 30/);
    expect(() => simulateToyShop({ model: "nope" as "pipeline", threads: 2, orders: 2 })).toThrow(/model must be one of/);
    const duplicate = [
      { id: 1, arrivalMs: 0, workMs: 5 },
      { id: 1, arrivalMs: 0, workMs: 5 },
    ];
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: duplicate })).toThrow(/appears twice/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: [{ id: 1, arrivalMs: 0, workMs: 0 }] })).toThrow(/workMs 0/);
    expect(() => simulateToyShop({ model: "pipeline", threads: 2, orders: [], orderMs: 3 })).toThrow(/orderMs applies only/);
  });
});
