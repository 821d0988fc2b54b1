import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import { Interrupt, startProcess, timeout } from "../../lib/sim/process.js";
import type { ProcessBody } from "../../lib/sim/process.js";
import { Preemption, Resource } from "../../lib/sim/resource.js";
import type { ResourceOptions } from "../../lib/sim/resource.js";

interface Job {
  name: string;
  arriveMs: number;
  holdMs: number;
  priority?: number;
}

/** Runs jobs through a resource; returns "name start-end" per finished use, in finishing order. */
function runJobs(options: ResourceOptions, jobs: Job[]): { log: string[]; resource: Resource; simulator: DiscreteEventSimulator } {
  const simulator = new DiscreteEventSimulator();
  const resource = new Resource(simulator, options);
  const log: string[] = [];
  function* job({ name, arriveMs, holdMs, priority }: Job): ProcessBody {
    yield timeout(arriveMs);
    let remainingMs = holdMs;
    for (;;) {
      const request = resource.request(priority ?? 0);
      yield request;
      if (request.refused) {
        log.push(`${name} refused @${simulator.nowMs}`);
        return;
      }
      const startMs = simulator.nowMs;
      try {
        yield timeout(remainingMs);
        resource.release(request);
        log.push(`${name} ${startMs}-${simulator.nowMs}`);
        return;
      } catch (error) {
        if (!(error instanceof Interrupt && error.cause instanceof Preemption)) throw error;
        remainingMs -= simulator.nowMs - startMs;
        log.push(`${name} preempted @${simulator.nowMs} by priority ${error.cause.by.priority}, held since ${error.cause.usageSinceMs}`);
      }
    }
  }
  for (const entry of jobs) startProcess(simulator, job(entry), entry.name);
  simulator.run();
  return { log, resource, simulator };
}

describe("Resource", () => {
  it("FIFO with one unit: first come, first served; utilization and mean queue length (hand-computed)", () => {
    const { log, resource } = runJobs({}, [
      { name: "a", arriveMs: 0, holdMs: 2 },
      { name: "b", arriveMs: 0, holdMs: 2 },
      { name: "c", arriveMs: 0, holdMs: 2 },
    ]);
    expect(log).toEqual(["a 0-2", "b 2-4", "c 4-6"]);
    // Busy all 6 ms; 2 waiting on [0,2), 1 on [2,4), none after: (4 + 2) / 6 = 1.
    expect(resource.utilization()).toBe(1);
    expect(resource.queueLength.mean()).toBeCloseTo(1, 12);
    expect(resource.waits.mean).toBeCloseTo(2, 12); // waits 0, 2, 4
    expect(resource.grantedRequests).toBe(3);
  });

  it("FIFO with two units hands each freed unit to the next in line", () => {
    const { log, resource } = runJobs({ capacity: 2 }, [
      { name: "a", arriveMs: 0, holdMs: 3 },
      { name: "b", arriveMs: 0, holdMs: 1 },
      { name: "c", arriveMs: 0, holdMs: 2 },
      { name: "d", arriveMs: 0, holdMs: 2 },
    ]);
    expect(log).toEqual(["b 0-1", "a 0-3", "c 1-3", "d 3-5"]);
    // Units in use: 2 on [0,3), 1 on [3,5): (6 + 2) / (5 · 2) = 0.8.
    expect(resource.utilization()).toBeCloseTo(0.8, 12);
  });

  it("priority: the lowest number is served first, first come first served among equals", () => {
    const { log } = runJobs({ discipline: "priority" }, [
      { name: "holder", arriveMs: 0, holdMs: 5, priority: 9 },
      { name: "p2", arriveMs: 1, holdMs: 1, priority: 2 },
      { name: "p1-first", arriveMs: 2, holdMs: 1, priority: 1 },
      { name: "p1-second", arriveMs: 3, holdMs: 1, priority: 1 },
      { name: "p0", arriveMs: 4, holdMs: 1, priority: 0 },
    ]);
    expect(log).toEqual(["holder 0-5", "p0 5-6", "p1-first 6-7", "p1-second 7-8", "p2 8-9"]);
  });

  it("preemptive: a better priority takes the unit; the user is interrupted and resumes its work later", () => {
    const { log, resource } = runJobs({ discipline: "priority", preemptive: true }, [
      { name: "low", arriveMs: 0, holdMs: 10, priority: 5 },
      { name: "high", arriveMs: 4, holdMs: 3, priority: 1 },
      { name: "same", arriveMs: 5, holdMs: 1, priority: 1 }, // equal to the user: waits, does not preempt
    ]);
    expect(log).toEqual(["low preempted @4 by priority 1, held since 0", "high 4-7", "same 7-8", "low 8-14"]);
    expect(resource.preemptedRequests).toBe(1);
  });

  it("preemptive with several units takes the unit of the worst user", () => {
    const { log } = runJobs({ capacity: 2, discipline: "priority", preemptive: true }, [
      { name: "mid", arriveMs: 0, holdMs: 10, priority: 2 },
      { name: "worst", arriveMs: 0, holdMs: 10, priority: 3 },
      { name: "better", arriveMs: 1, holdMs: 1, priority: 1 },
    ]);
    expect(log).toEqual(["worst preempted @1 by priority 1, held since 0", "better 1-2", "mid 0-10", "worst 2-11"]);
  });

  it("a bounded line refuses whoever finds it full: the customer balks", () => {
    const { log, resource } = runJobs({ queueLimit: 1 }, [
      { name: "a", arriveMs: 0, holdMs: 4 },
      { name: "b", arriveMs: 1, holdMs: 1 },
      { name: "c", arriveMs: 2, holdMs: 1 },
      { name: "d", arriveMs: 5, holdMs: 1 },
    ]);
    expect(log).toEqual(["c refused @2", "a 0-4", "b 4-5", "d 5-6"]);
    expect(resource.refusedRequests).toBe(1);
    expect(resource.queueLength.max).toBe(1);
  });

  it("an interrupted waiter leaves the line (reneging), and the unit goes to the next", () => {
    const simulator = new DiscreteEventSimulator();
    const resource = new Resource(simulator);
    const log: string[] = [];
    function* user(name: string, holdMs: number): ProcessBody {
      const request = resource.request();
      try {
        yield request;
      } catch {
        log.push(`${name} gave up @${simulator.nowMs}`);
        return;
      }
      yield timeout(holdMs);
      resource.release(request);
      log.push(`${name} done @${simulator.nowMs}`);
    }
    startProcess(simulator, user("a", 5));
    const impatient = startProcess(simulator, user("b", 5));
    startProcess(simulator, user("c", 1));
    simulator.scheduleAt(2, () => {
      expect(resource.waiting).toBe(2);
      impatient.interrupt("tired of waiting");
      expect(resource.waiting).toBe(1);
    });
    simulator.run();
    expect(log).toEqual(["b gave up @2", "a done @5", "c done @6"]);
  });

  it("release: twice is an error, a waiting request is withdrawn, a refused one is a no-op", () => {
    const simulator = new DiscreteEventSimulator();
    const resource = new Resource(simulator, { queueLimit: 1, name: "disk" });
    const first = resource.request();
    const second = resource.request();
    const third = resource.request();
    expect([first.state, second.state, third.state]).toEqual(["granted", "waiting", "refused"]);
    resource.release(second);
    expect(second.state).toBe("withdrawn");
    expect(resource.waiting).toBe(0);
    resource.release(third);
    resource.release(first);
    expect(() => resource.release(first)).toThrow(/disk: a request was released twice/);
    const other = new Resource(simulator, { name: "cpu" });
    expect(() => resource.release(other.request())).toThrow(/that request belongs to cpu/);
  });

  it("resetStatistics restarts the averages and counts, not what is in use", () => {
    const simulator = new DiscreteEventSimulator();
    const resource = new Resource(simulator);
    const held = resource.request();
    simulator.scheduleAt(10, () => {
      resource.resetStatistics();
      resource.release(held);
    });
    simulator.scheduleAt(14, () => {});
    simulator.run();
    expect(resource.grantedRequests).toBe(0);
    expect(resource.utilization()).toBe(0); // idle over [10, 14]
  });

  it("rejects bad options with a message naming them", () => {
    const simulator = new DiscreteEventSimulator();
    expect(() => new Resource(simulator, { capacity: 0 })).toThrow(/capacity must be a whole number ≥ 1; got 0/);
    expect(() => new Resource(simulator, { preemptive: true })).toThrow(/preemptive needs discipline "priority"/);
    expect(() => new Resource(simulator, { queueLimit: -1 })).toThrow(/queueLimit must be a whole number ≥ 0/);
    expect(() => new Resource(simulator, { discipline: "lifo" as never })).toThrow(/discipline must be "fifo" or "priority"/);
    expect(() => new Resource(simulator).request(Number.NaN)).toThrow(/priority must be a finite number/);
  });
});
