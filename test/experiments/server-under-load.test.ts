/**
 * A real server under phases of load, as the notebooks' demonstrations run it: each phase's client
 * summary, the server's stats around it, what each context did in it, and the per-step means.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDemoWorkload } from "../../lib/experiments/demo-workloads.js";
import { poolTimeline } from "../../lib/experiments/server-summaries.js";
import { runServerRamp, runServerUnderLoad, stepCounts, stepMeansMs } from "../../lib/experiments/server-under-load.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-under-load-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const workload = prepareDemoWorkload({ files: [{ name: "page", bytes: 2048, count: 10 }] }, root);

describe("runServerUnderLoad", () => {
  it("sped: two phases, each with its own summary, per-context activity and step means", async () => {
    const run = await runServerUnderLoad({
      server: { arch: "sped" },
      workload: await workload,
      prime: true,
      phases: [
        { label: "new connections", clients: 2, durationS: 0.6 },
        { label: "keep-alive", clients: 2, durationS: 0.6, http: "1.1" },
      ],
    });
    expect(run.placement.description).not.toBe("");
    expect(run.phases.map((phase) => phase.label)).toEqual(["new connections", "keep-alive"]);
    for (const phase of run.phases) {
      expect(phase.summary.requests).toBeGreaterThan(2);
      expect(phase.summary.errorsTotal).toBe(0);
      const loop = phase.contexts.find((context) => context.role === "event-loop")!;
      // The loop answered what the client counted (give or take the requests in flight at either edge).
      expect(Math.abs(loop.requests - phase.summary.requests)).toBeLessThanOrEqual(2);
      expect(loop.wholePhase).toBe(true);
      expect(Math.abs(stepCounts(phase).parse - loop.requests)).toBeLessThanOrEqual(2);
      expect(stepMeansMs(phase).parse).toBeGreaterThan(0);
      expect(stepMeansMs(phase)["send-header"]).toBe(0); // gather writes: the head goes out with the body
    }
    // HTTP/1.0 opens a connection per request (give or take one opened at either edge); keep-alive reuses the clients' two.
    expect(Math.abs(stepCounts(run.phases[0]!).accept - stepCounts(run.phases[0]!).parse)).toBeLessThanOrEqual(2);
    expect(stepCounts(run.phases[1]!).accept).toBeLessThanOrEqual(4);
    if (run.memory !== null) expect(run.memory.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(run.final).toBe(run.phases[1]!.after);
  }, 60_000);

  it("mt: every thread's activity, its heap and what a thread adds to the process", async () => {
    const run = await runServerUnderLoad({ server: { arch: "mt", workers: 2 }, workload: await workload, phases: [{ clients: 4, durationS: 0.6 }] });
    const threads = run.phases[0]!.contexts.filter((context) => context.kind === "thread");
    expect(threads).toHaveLength(2);
    expect(threads.reduce((sum, thread) => sum + thread.requests, 0)).toBeGreaterThan(2);
    for (const thread of threads) {
      expect(thread.heapBytes).toBeGreaterThan(0);
      expect(thread.rssBytes).toBeNull();
      if (thread.voluntaryContextSwitches !== null) expect(thread.voluntaryContextSwitches).toBeGreaterThan(0);
    }
    expect(run.final.cachesPer).toBe("thread");
    expect(run.final.acceptPolicy).toBe("reuseport");
  }, 60_000);

  it("apache under a ramp: each step's requests on the server's clock, the pool sampled throughout, and no gap between steps", async () => {
    const ramp = await runServerRamp({
      server: { arch: "apache", apache: { threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 3, maxProcesses: 3, maintenanceMs: 50 } },
      workload: await workload,
      steps: [
        { clients: 1, durationS: 0.8 },
        { clients: 5, durationS: 3 },
        { clients: 0, durationS: 0.5 },
      ],
    });
    expect(ramp.errors).toBe(0);
    expect(ramp.requests).toBeGreaterThan(0);
    expect(ramp.steps.map((step) => step.label)).toEqual(["1 clients", "5 clients", "0 clients"]);
    for (let index = 1; index < ramp.steps.length; index++) expect(ramp.steps[index]!.fromS).toBe(ramp.steps[index - 1]!.toS);
    expect(ramp.steps[1]!.toS - ramp.steps[1]!.fromS).toBeCloseTo(3, 6);
    expect(ramp.final.uptimeMs / 1000).toBeGreaterThanOrEqual(ramp.steps[2]!.toS - 0.05);
    const timeline = poolTimeline(ramp);
    // Five keep-alive clients on two threads per process: the pool grows.
    expect(Math.max(...timeline.samples.map((sample) => sample.processes))).toBeGreaterThanOrEqual(2);
    expect(timeline.samples.some((sample) => sample.atS >= ramp.steps[1]!.fromS && sample.atS <= ramp.steps[1]!.toS)).toBe(true);
  }, 60_000);

  it("refuses bad phases before starting anything", async () => {
    const prepared = await workload;
    await expect(runServerUnderLoad({ server: { arch: "sped" }, workload: prepared, phases: [] })).rejects.toThrow(/at least one phase/);
    await expect(runServerUnderLoad({ server: { arch: "sped" }, workload: prepared, phases: [{ clients: 0, durationS: 1 }] })).rejects.toThrow(/phase 1: clients/);
    await expect(runServerUnderLoad({ server: { arch: "sped" }, workload: prepared, phases: [{ clients: 1, durationS: 0 }] })).rejects.toThrow(/phase 1: durationS/);
    await expect(runServerUnderLoad({ server: { arch: "sped" }, workload: prepared, phases: [{ clients: 1, durationS: 1 }], warmupS: -1 })).rejects.toThrow(/warmupS/);
    await expect(runServerRamp({ server: { arch: "apache" }, workload: prepared, steps: [] })).rejects.toThrow(/at least one step/);
    await expect(runServerRamp({ server: { arch: "apache" }, workload: prepared, steps: [{ clients: -1, durationS: 1 }] })).rejects.toThrow(/step 1: clients/);
  });
});
