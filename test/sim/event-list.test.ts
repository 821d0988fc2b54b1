/** The simulator's event list: order, ties, cancellation, stale handles, and purging of cancelled events. */
import { describe, expect, it } from "vitest";
import { DiscreteEventSimulator } from "../../lib/sim/simulator.js";
import type { EventHandle } from "../../lib/sim/simulator.js";
import { createRng } from "../../lib/runtime/random.js";

/** A simulator whose actions record [time, payload] as they run. */
function recorder(): { simulator: DiscreteEventSimulator; ran: Array<[number, unknown]>; record: (payload: unknown) => void } {
  const simulator = new DiscreteEventSimulator();
  const ran: Array<[number, unknown]> = [];
  return { simulator, ran, record: (payload) => ran.push([simulator.nowMs, payload]) };
}

describe("the event list", () => {
  it("runs events in time order, and equal times in scheduling order", () => {
    const { simulator, ran, record } = recorder();
    for (const [time, name] of [[5, "e"], [1, "a"], [3, "c1"], [3, "c2"], [0, "start"], [3, "c3"]] as const) simulator.scheduleAt(time, record, name);
    expect(simulator.pendingEvents).toBe(6);
    expect(simulator.run()).toBe(6);
    expect(ran.map(([, payload]) => payload)).toEqual(["start", "a", "c1", "c2", "c3", "e"]);
    expect(simulator.pendingEvents).toBe(0);
  });

  it("agrees with a stable sort on many random events with many ties, across growth", () => {
    const { simulator, ran, record } = recorder();
    const rng = createRng(5);
    const scheduled: Array<[number, unknown]> = [];
    for (let index = 0; index < 5000; index++) {
      const timeMs = rng.integer(0, 50);
      simulator.scheduleAt(timeMs, record, index);
      scheduled.push([timeMs, index]);
    }
    simulator.run();
    expect(ran).toEqual([...scheduled].sort((a, b) => a[0] - b[0])); // Array.prototype.sort is stable
  });

  it("keeps order when scheduling, running and cancelling interleave (against a sorted list)", () => {
    const { simulator, ran, record } = recorder();
    const rng = createRng(9);
    let model: Array<{ timeMs: number; order: number; handle: EventHandle }> = [];
    let order = 0;
    for (let step = 0; step < 20_000; step++) {
      const choice = rng.integer(0, 9);
      if (choice < 5) {
        const timeMs = simulator.nowMs + rng.integer(0, 20);
        model.push({ timeMs, order, handle: simulator.scheduleAt(timeMs, record, order) });
        order++;
      } else if (choice < 8) {
        model.sort((a, b) => a.timeMs - b.timeMs || a.order - b.order);
        const expected = model.shift();
        const before = ran.length;
        expect(simulator.run({ maxEvents: 1 })).toBe(expected === undefined ? 0 : 1);
        if (expected !== undefined) expect(ran[before]).toEqual([expected.timeMs, expected.order]);
      } else if (model.length > 0) {
        const victim = model[rng.integer(0, model.length - 1)]!;
        expect(simulator.cancel(victim.handle)).toBe(true);
        model = model.filter((entry) => entry !== victim);
      }
      expect(simulator.pendingEvents).toBe(model.length);
    }
  });

  it("skips cancelled events and counts only live ones; a second cancel does nothing", () => {
    const { simulator, ran, record } = recorder();
    const first = simulator.scheduleAt(1, record, "first");
    simulator.scheduleAt(2, record, "second");
    const third = simulator.scheduleAt(3, record, "third");
    expect(simulator.cancel(first)).toBe(true);
    expect(simulator.cancel(first)).toBe(false);
    expect(simulator.cancel(third)).toBe(true);
    expect(simulator.pendingEvents).toBe(1);
    expect(simulator.isPending(first)).toBe(false);
    expect(simulator.run()).toBe(1);
    expect(ran).toEqual([[2, "second"]]);
    expect(simulator.cancel(third)).toBe(false);
  });

  it("a stale handle cannot cancel the event that reuses its slot", () => {
    const { simulator, ran, record } = recorder();
    const old = simulator.scheduleAt(1, record, "old");
    simulator.run(); // "old" ran: its slot is free again
    const reused = simulator.scheduleAt(2, record, "new");
    expect(simulator.isPending(old)).toBe(false);
    expect(simulator.cancel(old)).toBe(false);
    expect(simulator.isPending(reused)).toBe(true);
    expect(simulator.cancel(-1 as EventHandle)).toBe(false);
    expect(simulator.cancel(Number.NaN as EventHandle)).toBe(false);
    expect(simulator.cancel(2 ** 60 as EventHandle)).toBe(false);
    simulator.run();
    expect(ran.map(([, payload]) => payload)).toEqual(["old", "new"]);
  });

  it("purges cancelled events once they outnumber live ones, so memory stays bounded", () => {
    // A model that arms a timeout per request and cancels it when the request ends: 100 live timeouts,
    // a million cancelled. Without purging the heap would hold a million entries (20 MB).
    const { simulator, ran, record } = recorder();
    const live: EventHandle[] = [];
    for (let index = 0; index < 100; index++) live.push(simulator.scheduleAt(1000 + index, record, index));
    const bytesWithLiveOnly = simulator.eventQueueBytes;
    let cancelled = 0;
    for (let round = 0; round < 1_000_000; round++) {
      const index = round % 100;
      if (simulator.cancel(live[index]!)) cancelled++;
      live[index] = simulator.scheduleAt(1000 + round, record, index);
    }
    expect(cancelled).toBe(1_000_000);
    expect(simulator.pendingEvents).toBe(100);
    expect(simulator.eventQueueBytes).toBeLessThanOrEqual(4 * bytesWithLiveOnly);
    expect(simulator.eventQueueBytes).toBeLessThan(64 * 1024);
    // The 100 live ones still run, in order.
    expect(simulator.run()).toBe(100);
    const times = ran.map(([timeMs]) => timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
