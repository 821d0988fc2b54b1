// The calibration's fit of CPU costs, on figures made up so that each rule can be checked by hand.
import { describe, expect, it } from "vitest";
import { calibrationCases, fitCpuCosts, type CalibrationCase, type CaseFigures } from "../../../lib/experiments/calibration/calibrate.js";
import type { SwitchProbeResult } from "../../../lib/experiments/calibration/switch-probe.js";
import { pipelineSteps, type PipelineStep } from "../../../lib/http/steps.js";

function steps(values: Partial<Record<PipelineStep, number>>): Record<PipelineStep, number> {
  return Object.fromEntries(pipelineSteps.map((step) => [step, values[step] ?? 0])) as Record<PipelineStep, number>;
}

const timed = { parse: 3, "translate-path": 2, "compute-header": 1, "read-file": 0.5, "send-data": 6 };
const figures: Record<CalibrationCase, CaseFigures> = {
  keepAlive: { serverUs: 20, clientUs: 15, stepsUs: steps(timed), startS: 0.4 },
  small: { serverUs: 35, clientUs: 40, stepsUs: steps(timed), startS: 0.4 },
  large: { serverUs: 35 + 99 * 0.3, clientUs: 40 + 99 * 0.2, stepsUs: steps({ ...timed, "send-data": 30 }), startS: 0.4 },
  uncached: { serverUs: 60, clientUs: 40, stepsUs: steps({ ...timed, "translate-path": 12, "compute-header": 4, "read-file": 14 }), startS: 0.4 },
  uncachedLarge: { serverUs: 90, clientUs: 60, stepsUs: steps({ ...timed, "translate-path": 12, "compute-header": 4, "read-file": 14 + 99 * 0.05 }), startS: 0.4 },
  residencyTest: { serverUs: 50, clientUs: 40, stepsUs: steps({ ...timed, "read-file": 14 + 9 }), startS: 0.8 },
  processMessages: { serverUs: 120, clientUs: 40, stepsUs: steps(timed), startS: 0.4 + 4 * 0.25 },
  threads: { serverUs: 45, clientUs: 40, stepsUs: steps(timed), startS: 0.4 + 4 * 0.1 },
  helperProcesses: { serverUs: 150, clientUs: 40, stepsUs: steps(timed), startS: 1.2 },
  helperThreads: { serverUs: 90, clientUs: 40, stepsUs: steps(timed), startS: 0.8 },
};
const switches: SwitchProbeResult[] = [
  { kind: "process", rounds: 1, roundTripUs: 20, baselineUs: 4, switchUs: 8 },
  { kind: "thread", rounds: 1, roundTripUs: 12, baselineUs: 2, switchUs: 5 },
];

describe("fitting the CPU costs", () => {
  it("has a case for every rule", () => {
    expect(Object.keys(calibrationCases).sort()).toEqual(Object.keys(figures).sort());
  });

  it("takes the timed steps from the step timers, accept and read-request from CPU per request, per-KB costs from 100 KB against 1 KB", () => {
    const fit = fitCpuCosts(figures, switches);
    expect(fit.steps.parse.us).toBe(3);
    expect(fit.steps["translate-path"]).toEqual({ us: 2, uncachedUs: 12 });
    expect(fit.steps["compute-header"]).toEqual({ us: 1, uncachedUs: 4 });
    expect(fit.steps["read-file"]).toEqual({ us: 0.5, uncachedUs: 14, perKBUs: 0.05 });
    expect(fit.steps["send-data"]).toEqual({ us: 6, perKBUs: 0.3 });
    expect(fit.steps.accept.us).toBe(35 - 20); // a new connection beyond a keep-alive request
    expect(fit.steps["read-request"].us).toBe(20 - (3 + 2 + 1 + 0.5 + 6)); // a keep-alive request beyond its timed steps
    expect(fit.residencyCheckUs).toBe(9);
    expect(fit.contextSwitchUs).toEqual({ process: 8, thread: 5 });
    expect(fit.contextStartUs.process).toBeCloseTo(250_000, 6);
    expect(fit.contextStartUs.thread).toBeCloseTo(100_000, 6);
    expect(fit.loadGenerator).toEqual({ cores: 1, requestUs: 40, perKBUs: 0.2 });
  });

  it("takes a difference that noise made negative as 0", () => {
    const noisy = { ...figures, keepAlive: { ...figures.keepAlive, serverUs: 40 } };
    const fit = fitCpuCosts(noisy, switches);
    expect(fit.steps.accept.us).toBe(0);
  });
});
