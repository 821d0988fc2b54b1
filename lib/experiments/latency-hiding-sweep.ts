/**
 * The latency-hiding rule (P2L2 §5, lecture §14) as a curve: for a fixed context-switch cost, how
 * much time switching saves over not switching as the I/O wait (t_idle) grows. The rule says the
 * saving turns positive exactly when t_idle > 2·t_ctx_switch; the simulator checks it.
 */
import { latencyHidingBreakEvenMs, simulateLatencyHiding } from "../sim/index.js";

export interface LatencyHidingSweepOptions {
  /** CPU work per request in ms (split around its I/O). */
  computeMs: number;
  ctxSwitchMs: number;
  requests: number;
  /** The I/O waits to try, in ms (each ≥ 0; sorted). */
  idleMs: readonly number[];
}

/** A type alias rather than an interface, so that rows fit seriesFromRows and showTable. */
export type LatencyHidingSweepPoint = {
  idleMs: number;
  noSwitchTotalMs: number;
  switchTotalMs: number;
  /** noSwitchTotalMs − switchTotalMs: positive when switching finishes sooner. */
  savedMs: number;
  switchingWins: boolean;
  /** The rule: t_idle > 2·t_ctx_switch. */
  ruleSaysSwitch: boolean;
};

export interface LatencyHidingSweep {
  options: LatencyHidingSweepOptions;
  /** 2·t_ctx_switch. */
  breakEvenIdleMs: number;
  points: LatencyHidingSweepPoint[];
  /** Idle times at which the simulation and the rule disagree (empty when the rule holds). */
  disagreements: number[];
}

/** Simulates both policies at every idle time. Throws a RangeError on bad options. */
export function sweepLatencyHiding(options: LatencyHidingSweepOptions): LatencyHidingSweep {
  if (options.idleMs.length === 0) throw new RangeError("latency-hiding sweep: idleMs must list at least one idle time");
  const idleTimes = [...options.idleMs].sort((a, b) => a - b);
  const points = idleTimes.map((idleMs) => {
    const comparison = simulateLatencyHiding({ computeMs: options.computeMs, idleMs, ctxSwitchMs: options.ctxSwitchMs, requests: options.requests });
    return {
      idleMs,
      noSwitchTotalMs: comparison.noSwitch.totalMs,
      switchTotalMs: comparison.switching.totalMs,
      savedMs: comparison.savedMs,
      switchingWins: comparison.switchingWins,
      ruleSaysSwitch: comparison.ruleSaysSwitch,
    };
  });
  return {
    options: { ...options, idleMs: idleTimes },
    breakEvenIdleMs: latencyHidingBreakEvenMs(options.ctxSwitchMs),
    points,
    disagreements: points.filter((point) => point.switchingWins !== point.ruleSaysSwitch).map((point) => point.idleMs),
  };
}
