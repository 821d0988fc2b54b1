import { describe, expect, it } from "vitest";
import { sweepLatencyHiding } from "../../lib/experiments/latency-hiding-sweep.js";

describe("sweepLatencyHiding", () => {
  it("saves (requests − 1)·(t_idle − 2·t_ctx_switch) when other requests have work to fill the wait", () => {
    const sweep = sweepLatencyHiding({ computeMs: 20, ctxSwitchMs: 1, requests: 5, idleMs: [6, 0, 1, 2, 2.5, 4] });
    expect(sweep.breakEvenIdleMs).toBe(2);
    expect(sweep.points.map((point) => point.idleMs)).toEqual([0, 1, 2, 2.5, 4, 6]);
    for (const point of sweep.points) expect(point.savedMs).toBeCloseTo(4 * (point.idleMs - 2), 9);
    expect(sweep.points.find((point) => point.idleMs === 2)!.switchingWins).toBe(false); // break-even: no gain
    expect(sweep.points.find((point) => point.idleMs === 2.5)!.switchingWins).toBe(true);
    expect(sweep.disagreements).toEqual([]);
  });

  it("reports where the rule and the simulation disagree: short compute lets the waits overlap", () => {
    // 2 requests of 1 ms CPU (0.5 + 0.5) around a 1.9 ms wait, 1 ms per switch. Without switching:
    // 0.5 + 1.9 + 0.5, a switch, then the same again: 6.8 ms. Switching: R1 0–0.5, switch 0.5–1.5,
    // R2 1.5–2.0, so R2's wait overlaps R1's; R1 resumes after one more switch and everything is done
    // well before 6.8 ms, although 1.9 < 2·t_ctx_switch.
    const sweep = sweepLatencyHiding({ computeMs: 1, ctxSwitchMs: 1, requests: 2, idleMs: [1.9, 3] });
    const [below, above] = sweep.points;
    expect(below).toMatchObject({ ruleSaysSwitch: false, switchingWins: true });
    expect(below!.noSwitchTotalMs).toBeCloseTo(6.8, 9);
    expect(below!.switchTotalMs).toBeLessThan(6.8);
    expect(below!.savedMs).toBeCloseTo(below!.noSwitchTotalMs - below!.switchTotalMs, 9);
    expect(above).toMatchObject({ ruleSaysSwitch: true, switchingWins: true });
    expect(sweep.disagreements).toEqual([1.9]);
  });

  it("rejects an empty or bad sweep", () => {
    expect(() => sweepLatencyHiding({ computeMs: 20, ctxSwitchMs: 1, requests: 5, idleMs: [] })).toThrow(/at least one idle time/);
    expect(() => sweepLatencyHiding({ computeMs: 20, ctxSwitchMs: -1, requests: 5, idleMs: [1] })).toThrow(/ctxSwitchMs/);
  });
});
