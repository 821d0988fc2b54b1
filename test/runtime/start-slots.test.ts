// StartSlots: at most `slots` starts in flight, the rest started in order as slots free, failures free theirs.
import { describe, expect, it } from "vitest";
import { StartSlots } from "../../lib/runtime/start-slots.js";

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe("StartSlots", () => {
  it("runs at most `slots` at once and starts the waiting ones in order", async () => {
    const slots = new StartSlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const began: number[] = [];
    let inFlight = 0;
    let most = 0;
    const runs = gates.map((gate, index) =>
      slots.run(async () => {
        began.push(index);
        most = Math.max(most, ++inFlight);
        await gate.promise;
        inFlight--;
        return index;
      }),
    );
    await Promise.resolve();
    expect(began).toEqual([0, 1]);
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(began).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(began).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it("frees the slot of a start that fails", async () => {
    const slots = new StartSlots(1);
    await expect(slots.run(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await slots.run(() => Promise.resolve("next"))).toBe("next");
  });

  it("refuses a count that is not a whole number of at least 1", () => {
    expect(() => new StartSlots(0)).toThrow(/slots must be a whole number ≥ 1, not 0/);
  });
});
