/**
 * The sim-server executor: a spec written for the real servers runs on the models unchanged (same settings,
 * same workload folders, same metric names), keep-alive and real disks are refused with a reason, and the
 * model's options are what the settings say.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkSpec } from "../../../lib/experiments/runner/spec-check.js";
import { runExperiment } from "../../../lib/experiments/runner/run-experiment.js";
import { defineSpec, type ExperimentSpec } from "../../../lib/experiments/runner/spec.js";
import { builtinSpec } from "../../../lib/experiments/specs/index.js";
import { simulationOptionsOf } from "../../../lib/experiments/sim-server/executor.js";
import type { SimServerSettings } from "../../../lib/experiments/sim-server/settings.js";
import { singleFileWorkload } from "../../../lib/sim/index.js";
import { stringifyWithInfinity } from "../../../lib/runtime/json-with-infinity.js";
import { cpuBoundProfile } from "../../sim/server-model/fixture-profile.js";

const folder = mkdtempSync(join(tmpdir(), "flashlab-sim-server-"));
process.env.FLASHLAB_WORKLOAD_CACHE ??= join(folder, "workloads");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function profileFile(): string {
  const file = join(folder, "half-ms.json");
  writeFileSync(file, stringifyWithInfinity({ ...cpuBoundProfile(500), name: "half-ms" }));
  return file;
}

describe("the sim-server executor", () => {
  it("accepts the built-in server-load specs on the simulated disk, with the same settings", () => {
    for (const name of ["cached-trace", "dataset-size", "disk-latency", "single-file"]) {
      const spec = builtinSpec(name)! as ExperimentSpec;
      expect(() => checkSpec({ ...spec, executor: "sim-server", fixed: { ...spec.fixed, disk: "sim" } }, name), name).not.toThrow();
    }
  });

  it("refuses keep-alive and a real disk, saying why", () => {
    const spec = defineSpec<SimServerSettings>({
      name: "refused",
      description: "points the models cannot run",
      executor: "sim-server",
      factors: { http: ["1.0", "1.1"], disk: ["sim", "real"] },
      fixed: { arch: "sped" },
      metrics: ["throughputRps"],
      seed: 1,
      profiles: { quick: { repetitions: 1, warmupS: 0, durationS: 1 }, full: { repetitions: 1, warmupS: 0, durationS: 1 } },
    });
    expect(() => checkSpec(spec as ExperimentSpec, "refused")).toThrow(/the models serve HTTP\/1\.0 only[\s\S]*disk real has no model \(use disk sim\)/);
  });

  it("reads the settings as the server-load executor does", () => {
    const hardware = cpuBoundProfile(500);
    const options = simulationOptionsOf(
      { arch: "mp", workers: "clients", clients: 48, caches: "path+header", disk: "sim", diskLatencyMs: 10, diskMBps: 20, diskParallelism: "unlimited", cacheMB: 8, clientDelayMs: 40, clientKbps: 56, thinkMs: 5, prime: true, hardware: "x.json", cores: 4 },
      singleFileWorkload(1024),
      hardware,
      { warmupS: 2, durationS: 3 },
      7,
    );
    expect(options).toMatchObject({
      arch: "mp",
      workers: 48,
      clients: 48,
      caches: { path: true, header: true, data: false },
      disk: { latencyMs: 10, bandwidthMBps: 20, parallelism: Infinity },
      cacheMB: 8,
      clientRttMs: 40,
      clientMbps: 0.056,
      thinkMs: 5,
      prime: true,
      separateLoads: true,
      warmupS: 2,
      durationS: 3,
      cores: 4,
      seed: 7,
    });
    const fromProfile = simulationOptionsOf({ arch: "sped", disk: "sim", diskLatencyMs: "profile", diskMBps: "profile", diskParallelism: "profile", cacheMB: "memory" }, singleFileWorkload(1), hardware, { warmupS: 0, durationS: 1 }, 1);
    expect(fromProfile.disk).toEqual({});
    expect(fromProfile.cacheMB).toBeUndefined();
  });

  it("runs a spec into a run folder, with the server-load metric names", async () => {
    const spec = defineSpec<SimServerSettings>({
      name: "sim-cores",
      description: "MT on 1 and 2 cores, half a millisecond of CPU per request",
      executor: "sim-server",
      factors: { cores: [1, 2] },
      fixed: { arch: "mt", workers: 8, hardware: profileFile(), fileSizeKB: 1, clients: 16 },
      metrics: ["throughputRps", "serverCpuPct", "responseMsP95"],
      seed: 3,
      profiles: { quick: { repetitions: 2, warmupS: 0.2, durationS: 1 }, full: { repetitions: 2, warmupS: 1, durationS: 5 } },
    });
    const result = await runExperiment(spec as ExperimentSpec, { profile: "quick", out: join(folder, "run") });
    expect(result.records.every((record) => record.status === "ok")).toBe(true);
    const byCores = new Map(result.summaryRows.map((row) => [row.cores, row]));
    expect(Number(byCores.get(1)!.throughputRpsMean)).toBeCloseTo(2000, -1);
    expect(Number(byCores.get(2)!.throughputRpsMean)).toBeCloseTo(4000, -1);
    expect(Number(byCores.get(2)!.serverCpuPctMean)).toBeGreaterThan(190);
  });
});
