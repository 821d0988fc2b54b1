// Rows for the server notebooks' tables, from hand-made stats: steps in a phase (differences of the
// totals), each context's activity and memory, a server's line, and an Apache-like pool's timeline.
import { describe, expect, it } from "vitest";
import { emptyPipelineStats } from "../../lib/http/index.js";
import type { LoadSummary } from "../../lib/loadgen/index.js";
import { contextRows, poolStepRows, poolTimeline, serverSummaryRow, stepRows } from "../../lib/experiments/server-summaries.js";
import { contextActivity, rampLayers, type PhaseResult, type ServerUnderLoadResult } from "../../lib/experiments/server-under-load.js";
import type { ContextStats, ServerStats } from "../../lib/servers/types.js";

function stats(overrides: Partial<ServerStats> = {}): ServerStats {
  return {
    ...emptyPipelineStats(),
    arch: "mt",
    uptimeMs: 0,
    errorsByStatus: {},
    contexts: [],
    replacedWorkers: 0,
    departedContexts: 0,
    acceptPolicy: "reuseport",
    cachesPer: "thread",
    disk: { kind: "real", contexts: [] },
    ...overrides,
  };
}

const thread = (tid: number, requests: number, voluntary: number): ContextStats => ({
  kind: "thread", role: "thread", pid: 10, tid, requests, voluntaryContextSwitches: voluntary, involuntaryContextSwitches: 1, heapBytes: 8 * 1024 * 1024, rssIncrementBytes: 2 * 1024 * 1024, alive: true,
});
const process10 = (voluntary: number): ContextStats => ({ kind: "process", role: "process", pid: 10, requests: 0, rssBytes: 50 * 1024 * 1024, voluntaryContextSwitches: voluntary, involuntaryContextSwitches: 0, alive: true });

function phase(): PhaseResult {
  const before = stats({ uptimeMs: 1000, contexts: [process10(5), thread(11, 10, 20), thread(12, 5, 10)] });
  before.steps.parse = { count: 15, totalMs: 1.5, maxMs: 0.2, histogramUs: [] };
  before.steps.accept = { count: 15, totalMs: 30, maxMs: 5, histogramUs: [] };
  before.steps["send-data"] = { count: 15, totalMs: 3, maxMs: 0.5, histogramUs: [] };
  const after = stats({ uptimeMs: 3000, contexts: [process10(9), thread(11, 60, 70), thread(12, 55, 60), thread(13, 5, 4)] });
  after.steps.parse = { count: 115, totalMs: 3.5, maxMs: 0.2, histogramUs: [] };
  after.steps.accept = { count: 115, totalMs: 230, maxMs: 5, histogramUs: [] };
  after.steps["send-data"] = { count: 115, totalMs: 9, maxMs: 0.5, histogramUs: [] };
  const summary = { requests: 110, errorsTotal: 0, throughputRps: 55.4, responseMs: { p95: 3.25 } } as unknown as LoadSummary;
  return { label: "busy", clients: 4, http: "1.0", durationS: 2, summary, before, after, contexts: contextActivity(before, after) };
}

describe("server summaries", () => {
  it("steps: counts and means over the phase, and each step's share of the work (accept left out)", () => {
    const rows = stepRows(phase());
    expect(rows.find((row) => row.step === "parse")).toEqual({ step: "parse", count: 100, meanUs: 20, sharePct: 25 });
    expect(rows.find((row) => row.step === "send-data")).toEqual({ step: "send-data", count: 100, meanUs: 60, sharePct: 75 });
    expect(rows.find((row) => row.step === "accept")).toMatchObject({ meanUs: 2000, sharePct: null });
    expect(rows.find((row) => row.step === "read-file")).toEqual({ step: "read-file", count: 0, meanUs: 0, sharePct: 0 });
  });

  it("contexts: differences over the phase, memory at its end, and which were there throughout", () => {
    const current = phase();
    expect(current.contexts.map((context) => [context.requests, context.voluntaryContextSwitches, context.wholePhase])).toEqual([
      [0, 4, true],
      [50, 50, true],
      [50, 50, true],
      [5, 4, false],
    ]);
    expect(contextRows(current)[1]).toEqual({ context: "thread 11", kind: "thread", requests: 50, voluntarySwitches: 50, involuntarySwitches: 0, rssMB: null, heapMB: 8, threadAddsMB: 2 });
    expect(contextRows(current)[0]).toMatchObject({ context: "process 10", rssMB: 50, heapMB: null });
  });

  it("a server's line: throughput, memory of its tree, switches per request", () => {
    const current = phase();
    const run = { arch: "mt", phases: [current], memory: { rssBytes: 80 * 1024 * 1024, pssBytes: 60 * 1024 * 1024, processes: 1 }, final: current.after } as unknown as ServerUnderLoadResult;
    expect(serverSummaryRow("MT", run)).toEqual({
      server: "MT", acceptPolicy: "reuseport", cachesPer: "thread", processes: 1, threads: 3, throughputRps: 55, responseMsP95: 3.25, errors: 0,
      rssMB: 80, pssMB: 60, voluntaryPerRequest: 1.03, involuntaryPerRequest: 0.01,
    });
    expect(() => serverSummaryRow("MT", run, 1)).toThrow(/no phase 1/);
  });

  it("an Apache-like pool's timeline: samples and phases in seconds since the server started", () => {
    const current = phase();
    const final = stats({
      uptimeMs: 5000,
      pool: [
        { atMs: 500, processes: 1, startingProcesses: 1, threads: 4, busyThreads: 0 },
        { atMs: 2500, processes: 2, startingProcesses: 0, threads: 8, busyThreads: 5 },
      ],
    });
    const run = { arch: "apache", phases: [current], final } as unknown as ServerUnderLoadResult;
    expect(poolTimeline(run)).toEqual({
      samples: [
        { atS: 0.5, processes: 1, startingProcesses: 1, threads: 4, busyThreads: 0 },
        { atS: 2.5, processes: 2, startingProcesses: 0, threads: 8, busyThreads: 5 },
      ],
      phases: [{ label: "busy", clients: 4, fromS: 1, toS: 3 }],
      endS: 5,
    });
    expect(() => poolTimeline({ ...run, arch: "mt", final: stats() } as ServerUnderLoadResult)).toThrow(/keeps no pool samples/);
    // A ramp's steps carry their own times.
    const ramp = { arch: "apache" as const, placement: run.placement, steps: [{ label: "2 clients", clients: 2, fromS: 0.2, toS: 2.2 }], requests: 10, errors: 0, final };
    expect(poolTimeline(ramp).phases).toEqual([{ label: "2 clients", clients: 2, fromS: 0.2, toS: 2.2 }]);
    expect(poolStepRows(poolTimeline(ramp))).toEqual([
      { step: "2 clients", clients: 2, samples: 1, maxProcesses: 1, processesAtEnd: 1, meanThreads: 4, meanBusyThreads: 0 },
    ]);
  });
});

describe("rampLayers", () => {
  it("stacks layers of clients so the count steps up and down without a gap", () => {
    const layers = rampLayers([
      { clients: 2, durationS: 2 },
      { clients: 6, durationS: 2.5 },
      { clients: 12, durationS: 2.5 },
      { clients: 4, durationS: 2.5 },
      { clients: 0, durationS: 1 },
    ]);
    expect(layers).toEqual([
      { clients: 2, startS: 0, durationS: 9.5 },
      { clients: 4, startS: 2, durationS: 5 },
      { clients: 6, startS: 4.5, durationS: 2.5 },
      { clients: 2, startS: 7, durationS: 2.5 },
    ]);
    // The clients at any moment add up to the step's.
    const at = (t: number) => layers.filter((layer) => layer.startS <= t && t < layer.startS + layer.durationS).reduce((sum, layer) => sum + layer.clients, 0);
    expect([1, 3, 5, 8, 9.7].map(at)).toEqual([2, 6, 12, 4, 0]);
  });
});
