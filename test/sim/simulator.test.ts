import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import { ServiceStation } from "../../lib/sim/station.js";
import { Deque } from "../../lib/sim/deque.js";
import { createRng } from "../../lib/runtime/random.js";

describe("DiscreteEventSimulator", () => {
  it("runs actions in time order and moves the clock to each one", () => {
    const simulator = new DiscreteEventSimulator();
    const seen: string[] = [];
    simulator.schedule(10, () => {
      seen.push(`b@${simulator.nowMs}`);
      simulator.schedule(5, () => seen.push(`d@${simulator.nowMs}`));
      simulator.schedule(0, () => seen.push(`c@${simulator.nowMs}`));
    });
    simulator.scheduleAt(2, () => seen.push(`a@${simulator.nowMs}`));
    expect(simulator.run()).toBe(4);
    expect(seen).toEqual(["a@2", "b@10", "c@10", "d@15"]);
    expect(simulator.nowMs).toBe(15);
    expect(simulator.eventsRun).toBe(4);
  });

  it("stops at a time or event limit and resumes where it stopped", () => {
    const simulator = new DiscreteEventSimulator();
    const seen: number[] = [];
    for (const time of [1, 2, 3, 4, 5]) simulator.scheduleAt(time, () => seen.push(time));
    expect(simulator.run({ untilMs: 2.5 })).toBe(2);
    expect(simulator.pendingEvents).toBe(3);
    expect(simulator.run({ maxEvents: 1 })).toBe(1);
    expect(simulator.run()).toBe(2);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("cancels scheduled actions", () => {
    const simulator = new DiscreteEventSimulator();
    let ran = false;
    const action = simulator.schedule(3, () => {
      ran = true;
    });
    expect(simulator.isPending(action)).toBe(true);
    expect(simulator.cancel(action)).toBe(true);
    expect(simulator.isPending(action)).toBe(false);
    expect(simulator.run()).toBe(0);
    expect(ran).toBe(false);
  });

  it("hands each action the payload it was scheduled with", () => {
    const simulator = new DiscreteEventSimulator();
    const served: Array<[number, string]> = [];
    const serve = (customer: string): void => {
      served.push([simulator.nowMs, customer]);
    };
    simulator.schedule(2, serve, "bob");
    simulator.schedule(1, serve, "ann");
    simulator.scheduleAt(3, serve, "cy");
    simulator.run();
    expect(served).toEqual([
      [1, "ann"],
      [2, "bob"],
      [3, "cy"],
    ]);
  });

  it("stop() ends the run after the current action and run() resumes", () => {
    const simulator = new DiscreteEventSimulator();
    const seen: number[] = [];
    for (const time of [1, 2, 3]) {
      simulator.scheduleAt(time, () => {
        seen.push(time);
        if (time === 2) simulator.stop();
      });
    }
    expect(simulator.run()).toBe(2);
    expect(simulator.nowMs).toBe(2);
    expect(simulator.run()).toBe(1);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("rejects negative, NaN and infinite delays and times in the past", () => {
    const simulator = new DiscreteEventSimulator();
    expect(() => simulator.schedule(-1, () => {})).toThrow(/≥ 0/);
    expect(() => simulator.schedule(Number.NaN, () => {})).toThrow(/finite number ≥ 0 ms; got NaN/);
    expect(() => simulator.schedule(Number.POSITIVE_INFINITY, () => {})).toThrow(/finite/);
    expect(() => simulator.scheduleAt(Number.NaN, () => {})).toThrow(/finite/);
    simulator.schedule(5, () => {
      expect(() => simulator.scheduleAt(4, () => {})).toThrow(/current time 5/);
    });
    simulator.run();
  });

  it("gives the same trajectory for the same seed", () => {
    const trajectory = (seed: number): number[] => {
      const rng = createRng(seed);
      const simulator = new DiscreteEventSimulator();
      const times: number[] = [];
      const tick = (): void => {
        times.push(simulator.nowMs);
        if (times.length < 200) simulator.schedule(rng.exponential(3), tick);
      };
      simulator.schedule(0, tick);
      simulator.run();
      return times;
    };
    expect(trajectory(11)).toEqual(trajectory(11));
    expect(trajectory(11)).not.toEqual(trajectory(12));
  });

  it("runs a million events quickly (a generous bound; speed belongs in benchmarks)", () => {
    const simulator = new DiscreteEventSimulator();
    const rng = createRng(3);
    let remaining = 1_000_000;
    const step = (): void => {
      if (--remaining > 0) simulator.schedule(rng.next() * 10, step);
    };
    // 1000 concurrent chains keep the heap about 1000 deep.
    for (let chain = 0; chain < 1000; chain++) simulator.schedule(rng.next(), step);
    const started = performance.now();
    simulator.run();
    const seconds = (performance.now() - started) / 1000;
    expect(simulator.eventsRun).toBe(1_000_000 + 999);
    expect(seconds).toBeLessThan(20);
  });
});

describe("ServiceStation", () => {
  it("serves FIFO on the lowest-numbered idle server", () => {
    const simulator = new DiscreteEventSimulator();
    const log: string[] = [];
    const station = new ServiceStation<string>(simulator, {
      resources: ["s1", "s2"],
      serviceMs: (job) => (job === "long" ? 30 : 10),
      onStart: (work) => log.push(`${work.job} on ${work.resource} ${work.startMs}-${work.endMs}`),
      onDone: () => {},
    });
    for (const job of ["long", "a", "b", "c"]) simulator.schedule(0, () => station.arrive(job));
    simulator.run();
    expect(log).toEqual(["long on s1 0-30", "a on s2 0-10", "b on s2 10-20", "c on s2 20-30"]);
    expect(station.queueLength).toBe(0);
  });
});

describe("Deque", () => {
  it("behaves like an array used from both ends, across growth and wrap-around", () => {
    const deque = new Deque<number>();
    const model: number[] = [];
    const rng = createRng(17);
    for (let step = 0; step < 20_000; step++) {
      const choice = rng.integer(0, 2);
      if (choice === 0) {
        deque.pushBack(step);
        model.push(step);
      } else if (choice === 1) {
        deque.pushFront(step);
        model.unshift(step);
      } else {
        expect(deque.popFront()).toBe(model.shift());
      }
      expect(deque.length).toBe(model.length);
    }
    while (model.length > 0) expect(deque.popFront()).toBe(model.shift());
    expect(deque.popFront()).toBeUndefined();
  });
});
