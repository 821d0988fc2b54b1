import { describe, expect, it } from "vitest";
import { EventQueue } from "../../lib/sim/event-queue.js";
import { createRng } from "../../lib/runtime/random.js";

function drain<T>(queue: EventQueue<T>): Array<{ timeMs: number; payload: T }> {
  const out: Array<{ timeMs: number; payload: T }> = [];
  for (let event = queue.pop(); event; event = queue.pop()) out.push({ timeMs: event.timeMs, payload: event.payload });
  return out;
}

describe("EventQueue", () => {
  it("pops in time order, and equal times in insertion order", () => {
    const queue = new EventQueue<string>();
    queue.push(5, "e");
    queue.push(1, "a");
    queue.push(3, "c1");
    queue.push(3, "c2");
    queue.push(0, "start");
    queue.push(3, "c3");
    expect(queue.size).toBe(6);
    expect(drain(queue).map((event) => event.payload)).toEqual(["start", "a", "c1", "c2", "c3", "e"]);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });

  it("agrees with a stable sort on many random events with many ties", () => {
    const rng = createRng(5);
    const queue = new EventQueue<number>();
    const pushed: Array<{ timeMs: number; payload: number }> = [];
    for (let index = 0; index < 5000; index++) {
      const timeMs = rng.integer(0, 50);
      queue.push(timeMs, index);
      pushed.push({ timeMs, payload: index });
    }
    const expected = [...pushed].sort((a, b) => a.timeMs - b.timeMs); // Array.prototype.sort is stable
    expect(drain(queue)).toEqual(expected);
  });

  it("keeps order when pushes and pops interleave", () => {
    const queue = new EventQueue<number>();
    queue.push(10, 1);
    queue.push(20, 2);
    expect(queue.pop()?.payload).toBe(1);
    queue.push(15, 3);
    queue.push(20, 4);
    expect(queue.peek()?.payload).toBe(3);
    expect(drain(queue).map((event) => event.payload)).toEqual([3, 2, 4]);
  });

  it("skips cancelled events and counts only live ones", () => {
    const queue = new EventQueue<string>();
    const first = queue.push(1, "first");
    queue.push(2, "second");
    const third = queue.push(3, "third");
    queue.cancel(first);
    queue.cancel(first);
    queue.cancel(third);
    expect(queue.size).toBe(1);
    expect(queue.peek()?.payload).toBe("second");
    expect(drain(queue).map((event) => event.payload)).toEqual(["second"]);
    queue.cancel(third);
    expect(queue.size).toBe(0);
  });

  it("cancelling an event that already popped does nothing", () => {
    const queue = new EventQueue<string>();
    const only = queue.push(1, "only");
    queue.pop();
    queue.push(2, "next");
    queue.cancel(only);
    expect(queue.size).toBe(1);
  });

  it("rejects times that are not finite numbers", () => {
    const queue = new EventQueue<string>();
    expect(() => queue.push(Number.NaN, "x")).toThrow(/finite/);
    expect(() => queue.push(Number.POSITIVE_INFINITY, "x")).toThrow(/finite/);
  });
});
