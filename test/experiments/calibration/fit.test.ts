// The calibration's fit of CPU costs, on figures made up so that each rule can be checked by hand.
import { describe, expect, it } from "vitest";
import { calibrationCases, fitCpuCosts, fitSwitchAndMessage, type CalibrationCase, type CaseFigures } from "../../../lib/experiments/calibration/calibrate.js";
import { servingIsolates } from "../../../lib/experiments/server-load/isolates.js";
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
    expect(fit.steps.accept.us).toBe(35 - 12.5 - 7.5); // a new connection beyond its timed steps and read-request
    expect(fit.steps["read-request"].us).toBe(20 - (3 + 2 + 1 + 0.5 + 6)); // a keep-alive request beyond its timed steps
    expect(fit.residencyCheckUs).toBe(9);
    expect(fit.contextSwitchUs).toEqual({ process: 8, thread: 5 });
    expect(fit.contextStartUs.process).toBeCloseTo(250_000, 6);
    expect(fit.contextStartUs.thread).toBeCloseTo(100_000, 6);
    expect(fit.loadGenerator).toEqual({ cores: 1, requestUs: 40, perKBUs: 0.2 });
  });

  it("makes the fitted costs of a 1 KB request add up to its measured CPU, whatever the keep-alive case's timers say", () => {
    // The 1 KB case's send-data timer reads 2 µs more than the keep-alive case's: accept takes that much less.
    const small = { ...figures.small, stepsUs: steps({ ...timed, "send-data": 8 }) };
    const fit = fitCpuCosts({ ...figures, small }, switches);
    const { accept, "read-request": readRequest, parse, "translate-path": translate, "compute-header": header, "read-file": read, "send-data": send } = fit.steps;
    expect(accept.us + readRequest.us + parse.us + translate.us + header.us + read.us + send.us).toBeCloseTo(small.serverUs, 9);
  });

  it("takes a difference that noise made negative as 0", () => {
    const noisy = { ...figures, keepAlive: { ...figures.keepAlive, serverUs: 40 } };
    const fit = fitCpuCosts(noisy, switches);
    expect(fit.steps.accept.us).toBe(0);
  });
});

describe("fitting the switch and message costs", () => {
  it("recovers both from two cases that mix them differently", () => {
    // MP-like: 1.5 switches and 3 messages per request; helper-like: 2.5 switches and 2 messages; switch 20 µs, message 50 µs.
    const fit = fitSwitchAndMessage(
      [
        { residualUs: 1.5 * 20 + 3 * 50, switches: 1.5, messages: 3 },
        { residualUs: 2.5 * 20 + 2 * 50, switches: 2.5, messages: 2 },
      ],
      5,
    );
    expect(fit.switchUs).toBeCloseTo(20, 9);
    expect(fit.messageUs).toBeCloseTo(50, 9);
  });

  it("keeps a switch at least as dear as the probe measured, and fits the messages to what is left", () => {
    // Both explained by messages alone (switch 0): the switch is held at the probe's 5 µs.
    const fit = fitSwitchAndMessage(
      [
        { residualUs: 3 * 40, switches: 1, messages: 3 },
        { residualUs: 2 * 40, switches: 2, messages: 2 },
      ],
      5,
    );
    expect(fit.switchUs).toBe(5);
    expect(fit.messageUs).toBeCloseTo((3 * (120 - 5) + 2 * (80 - 10)) / 13, 9);
  });

  it("never fits a negative message cost: residuals the switches explain leave messages at 0", () => {
    const fit = fitSwitchAndMessage(
      [
        { residualUs: 60, switches: 2, messages: 3 },
        { residualUs: -10, switches: 0.1, messages: 1 },
      ],
      5,
    );
    expect(fit.messageUs).toBe(0);
    expect(fit.switchUs).toBeCloseTo((60 * 2 - 10 * 0.1) / (4 + 0.01), 9);
  });
});

describe("the warm-ups of calibration and validation", () => {
  it("count one V8 isolate per worker process or thread, per helper and for the event loop, and Apache-like's threads at most", () => {
    expect(servingIsolates(calibrationCases.small)).toBe(1);
    expect(servingIsolates(calibrationCases.threads)).toBe(4);
    expect(servingIsolates(calibrationCases.processMessages)).toBe(4);
    expect(servingIsolates(calibrationCases.helperProcesses)).toBe(5);
    expect(servingIsolates({ arch: "amted", helpers: 2 })).toBe(3);
    expect(servingIsolates({ arch: "zeus" })).toBe(2);
    expect(servingIsolates({ arch: "mp", workers: "clients", clients: 8 })).toBe(8);
    expect(servingIsolates({ arch: "apache" })).toBe(16);
  });
});
