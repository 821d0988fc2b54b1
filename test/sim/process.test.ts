import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import { Interrupt, startProcess, timeout } from "../../lib/sim/process.js";
import type { ProcessBody, ProcessStep } from "../../lib/sim/process.js";
import { Signal } from "../../lib/sim/signal.js";

describe("processes", () => {
  it("interleave their holds in time order", () => {
    const simulator = new DiscreteEventSimulator();
    const log: string[] = [];
    function* ticker(name: string, periodMs: number, ticks: number): ProcessBody {
      for (let tick = 0; tick < ticks; tick++) {
        yield timeout(periodMs);
        log.push(`${name}@${simulator.nowMs}`);
      }
    }
    startProcess(simulator, ticker("a", 3, 3));
    startProcess(simulator, ticker("b", 4, 2));
    simulator.run();
    expect(log).toEqual(["a@3", "b@4", "a@6", "b@8", "a@9"]);
  });

  it("a process can wait for another to end, which goes on at once if it already has", () => {
    const simulator = new DiscreteEventSimulator();
    const log: string[] = [];
    function* child(): ProcessBody {
      yield timeout(5);
      log.push(`child done @${simulator.nowMs}`);
    }
    function* parent(): ProcessBody {
      const worker = startProcess(simulator, child());
      yield worker;
      log.push(`parent resumed @${simulator.nowMs}`);
      yield worker; // already ended: no wait
      log.push(`parent again @${simulator.nowMs}`);
    }
    startProcess(simulator, parent());
    simulator.run();
    expect(log).toEqual(["child done @5", "parent resumed @5", "parent again @5"]);
  });

  it("a signal wakes every process waiting at that moment, with its value", () => {
    const simulator = new DiscreteEventSimulator();
    const doorbell = new Signal<string>();
    const log: string[] = [];
    function* listener(name: string): ProcessBody {
      for (;;) {
        const visitor = (yield doorbell) as string;
        log.push(`${name} saw ${visitor} @${simulator.nowMs}`);
        if (visitor === "last") return;
      }
    }
    startProcess(simulator, listener("x"));
    startProcess(simulator, listener("y"));
    simulator.scheduleAt(2, () => expect(doorbell.fire("ann")).toBe(2));
    simulator.scheduleAt(7, () => doorbell.fire("last"));
    simulator.run();
    expect(log).toEqual(["x saw ann @2", "y saw ann @2", "x saw last @7", "y saw last @7"]);
    expect(doorbell.waiting).toBe(0);
  });

  it("whatever wakes a process finishes first: the wake-up is an event at the same time", () => {
    const simulator = new DiscreteEventSimulator();
    const signal = new Signal();
    const log: string[] = [];
    startProcess(simulator, (function* (): ProcessBody {
      yield signal;
      log.push("woken");
    })());
    simulator.scheduleAt(1, () => {
      signal.fire();
      log.push("firer goes on");
    });
    simulator.run();
    expect(log).toEqual(["firer goes on", "woken"]);
  });

  it("interrupt throws into the waiting process and calls off its timeout", () => {
    const simulator = new DiscreteEventSimulator();
    const log: string[] = [];
    const sleeper = startProcess(simulator, (function* (): ProcessBody {
      try {
        yield timeout(100);
        log.push("slept through");
      } catch (error) {
        expect(error).toBeInstanceOf(Interrupt);
        log.push(`woken by ${(error as Interrupt).cause} @${simulator.nowMs}`);
      }
      yield timeout(1);
      log.push(`done @${simulator.nowMs}`);
    })(), "sleeper");
    simulator.scheduleAt(10, () => sleeper.interrupt("alarm"));
    simulator.run();
    expect(log).toEqual(["woken by alarm @10", "done @11"]);
    expect(simulator.nowMs).toBe(11); // the 100 ms timeout never ran
    expect(sleeper.done).toBe(true);
    expect(() => sleeper.interrupt("again")).toThrow(/cannot interrupt sleeper: it has ended/);
  });

  it("an interrupted process stops waiting for a signal", () => {
    const simulator = new DiscreteEventSimulator();
    const signal = new Signal();
    const waiter = startProcess(simulator, (function* (): ProcessBody {
      try {
        yield signal;
      } catch {
        return;
      }
    })());
    simulator.scheduleAt(1, () => waiter.interrupt("give up"));
    simulator.run();
    expect(signal.waiting).toBe(0);
    expect(waiter.done).toBe(true);
  });

  it("an exception a process does not catch ends run() with it", () => {
    const simulator = new DiscreteEventSimulator();
    startProcess(simulator, (function* (): ProcessBody {
      yield timeout(2);
      throw new Error("model bug");
    })());
    expect(() => simulator.run()).toThrow("model bug");
    expect(simulator.nowMs).toBe(2);
  });

  it("yielding something it cannot wait for is a TypeError that says what may be yielded", () => {
    const simulator = new DiscreteEventSimulator();
    startProcess(simulator, (function* (): ProcessBody {
      yield "soon" as unknown as ProcessStep;
    })(), "confused");
    expect(() => simulator.run()).toThrow(/confused yielded soon; a process may yield timeout\(ms\), a resource request, a signal or a process/);
    expect(() => timeout(-1)).toThrow(/finite number ≥ 0/);
  });
});
