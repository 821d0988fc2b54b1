/**
 * Seeded latency-hiding problems (lecture §14): requests that compute, wait for I/O, and compute again on
 * one CPU, with a context-switch cost. Should the CPU switch to another request during the I/O, and what
 * are the total times either way? The worked answers state the rule (switch when t_idle > 2·t_ctx_switch)
 * and the simulator's totals for both policies.
 */
import { createRng } from "../runtime/random.js";
import { latencyHidingBreakEvenMs, simulateLatencyHiding } from "../sim/latency-hiding.js";
import type { SelfCheckProblem } from "./problem.js";

const ms = (value: number): string => String(Math.round(value * 100) / 100);

/** The latency-hiding problem seeded by `seed`, with its worked answers. */
export function latencyHidingProblem(seed: number): SelfCheckProblem {
  const rng = createRng(seed);
  const computeMs = 2 * rng.integer(1, 10);
  const ctxSwitchMs = 0.5 * rng.integer(1, 6);
  // Around the break-even point, so that both answers come up.
  const idleMs = Math.max(0.5, 0.5 * Math.round((2 * ctxSwitchMs * rng.uniform(0.5, 2.5)) / 0.5));
  const requests = rng.integer(2, 5);
  const comparison = simulateLatencyHiding({ computeMs, idleMs, ctxSwitchMs, requests });
  const breakEven = latencyHidingBreakEvenMs(ctxSwitchMs);
  const fillsTheWait = computeMs / 2 > idleMs - ctxSwitchMs;
  return {
    title: `latency hiding (lecture §14): ${requests} requests on one CPU, each computing ${computeMs} ms around one I/O wait`,
    parameters: [
      ["compute-ms", computeMs],
      ["idle-ms", idleMs],
      ["ctx-switch-ms", ctxSwitchMs],
      ["requests", requests],
    ],
    given: [],
    questions: [
      "Should the CPU switch to another request while one waits for its I/O (yes or no), and why?",
      "What is the total time without switching (ms)?",
      "What is the total time with switching (ms)?",
    ],
    answers: [
      `switching costs a switch away and a switch back, 2 × ${ctxSwitchMs} = ${ms(breakEven)} ms, and pays only when the wait is longer: t_idle = ${idleMs} ms ${comparison.ruleSaysSwitch ? ">" : "≤"} ${ms(breakEven)} ms, so ${comparison.ruleSaysSwitch ? "yes, switch" : "no, do not switch"}.`,
      `each request runs start to finish, its wait included, and each after the first costs one switch to load it: ${requests} × (${computeMs} + ${idleMs}) + (${requests} − 1) × ${ctxSwitchMs} = ${ms(comparison.noSwitch.totalMs)} ms.`,
      (fillsTheWait
        ? `the other requests have more work than each wait (${computeMs}/2 > ${idleMs} − ${ctxSwitchMs}), so switching hides ${requests} − 1 waits at two switches each and saves (${requests} − 1) × (t_idle − 2·t_ctx_switch) = ${ms((requests - 1) * (idleMs - breakEven))} ms (a negative saving is a loss): ${ms(comparison.noSwitch.totalMs)} − (${ms((requests - 1) * (idleMs - breakEven))}); `
        : `the other requests have no more work than a wait (${computeMs}/2 ≤ ${idleMs} − ${ctxSwitchMs}), so waits overlap and the simple rule undercounts what switching gains; `) +
        `the simulator's schedule (CPU busy ${ms(comparison.switching.cpuBusyMs)} ms, switching ${ms(comparison.switching.switchingMs)} ms, idle ${ms(comparison.switching.cpuIdleMs)} ms, ${comparison.switching.contextSwitches} switches) gives ${ms(comparison.switching.totalMs)} ms.`,
    ],
  };
}
