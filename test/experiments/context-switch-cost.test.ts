// The context-switch program runs (pinned to one CPU where it can be) and reports both costs.
import { describe, expect, it } from "vitest";
import { measureContextSwitchCost } from "../../lib/experiments/context-switch-cost.js";
import { findTaskset } from "../../lib/runtime/executables.js";

describe("measureContextSwitchCost", () => {
  it("times a hand-over between two threads, an event-loop turn and a handler within a turn, in microseconds", () => {
    const cost = measureContextSwitchCost({ handOversPerBatch: 500 });
    // Sanity bounds, not speed: a switch and a loop turn take somewhere between 0.05 µs and a millisecond.
    for (const value of [cost.threadSwitchUs, cost.loopTurnUs]) {
      expect(value).toBeGreaterThan(0.05);
      expect(value).toBeLessThan(1000);
    }
    expect(cost.handlerInTurnUs).toBeGreaterThan(0);
    expect(cost.handlerInTurnUs).toBeLessThan(1000);
    expect(cost.handOvers).toBe(3500);
    if (findTaskset() !== undefined && (process.env.CI === "true" || cost.cpu !== null)) expect(cost.cpu).toMatch(/^\d+$/);
  });

  it("refuses a batch size it cannot time", () => {
    expect(() => measureContextSwitchCost({ handOversPerBatch: 10 })).toThrow(/handOversPerBatch must be/);
  });
});
