import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import { Tally } from "../../lib/sim/tally.js";
import { TimeWeighted } from "../../lib/sim/time-weighted.js";
import { NumberQueue } from "../../lib/sim/number-queue.js";
import { createRng } from "../../lib/runtime/random.js";

describe("TimeWeighted", () => {
  it("averages a step function by how long each value held (hand-computed)", () => {
    // 0 on [0,2), 3 on [2,5), 1 on [5,10): area 0·2 + 3·3 + 1·5 = 14 over 10 ms → 1.4.
    const simulator = new DiscreteEventSimulator();
    const count = new TimeWeighted(simulator);
    simulator.scheduleAt(2, () => count.set(3));
    simulator.scheduleAt(5, () => count.add(-2));
    simulator.scheduleAt(10, () => {});
    simulator.run();
    expect(count.mean()).toBeCloseTo(1.4, 12);
    expect(count.max).toBe(3);
    expect(count.value).toBe(1);
    expect(count.elapsedMs).toBe(10);
  });

  it("reset() restarts the average now, from the current value (warm-up removal)", () => {
    // After a reset at 5 the value is 1 on [5,8) and 4 on [8,10): (3 + 8) / 5 = 2.2.
    const simulator = new DiscreteEventSimulator();
    const count = new TimeWeighted(simulator);
    simulator.scheduleAt(1, () => count.set(100));
    simulator.scheduleAt(5, () => {
      count.set(1);
      count.reset();
    });
    simulator.scheduleAt(8, () => count.set(4));
    simulator.scheduleAt(10, () => {});
    simulator.run();
    expect(count.mean()).toBeCloseTo(2.2, 12);
    expect(count.max).toBe(4);
  });

  it("has no mean over no time, and rejects a non-finite start", () => {
    const simulator = new DiscreteEventSimulator();
    expect(new TimeWeighted(simulator, 2).mean()).toBeNaN();
    expect(() => new TimeWeighted(simulator, Number.NaN)).toThrow(/finite/);
  });
});

describe("Tally", () => {
  it("gives count, mean, sample variance, min and max (hand-computed)", () => {
    const tally = new Tally();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) tally.add(value);
    expect(tally.count).toBe(8);
    expect(tally.mean).toBe(5);
    expect(tally.variance).toBeCloseTo(32 / 7, 12); // Σ(x − 5)² = 32
    expect(tally.min).toBe(2);
    expect(tally.max).toBe(9);
  });

  it("stays accurate with a large offset, where Σx² − n·mean² cancels", () => {
    const tally = new Tally();
    for (const value of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) tally.add(value);
    expect(tally.variance).toBeCloseTo(30, 6);
  });

  it("is empty before any observation and after reset", () => {
    const tally = new Tally();
    expect(tally.mean).toBeNaN();
    expect(tally.min).toBeNaN();
    tally.add(3);
    expect(tally.variance).toBeNaN();
    tally.reset();
    expect(tally.count).toBe(0);
    expect(tally.max).toBeNaN();
  });
});

describe("NumberQueue", () => {
  it("behaves like an array used as a FIFO, across growth and wrap-around", () => {
    const queue = new NumberQueue();
    const model: number[] = [];
    const rng = createRng(4);
    for (let step = 0; step < 20_000; step++) {
      if (rng.next() < 0.55) {
        const value = rng.next() * 1000;
        queue.push(value);
        model.push(value);
      } else if (model.length > 0) {
        expect(queue.peek()).toBe(model[0]);
        expect(queue.shift()).toBe(model.shift());
      }
      expect(queue.length).toBe(model.length);
    }
    while (model.length > 0) expect(queue.shift()).toBe(model.shift());
    expect(() => queue.shift()).toThrow(/empty/);
  });
});
