// Hardware profiles: every bad field is named; JSON's lost Infinity comes back; the 1999 and 2026 profiles
// scale a calibrated profile's CPU costs as documented; the committed calibration of this machine is valid.
import { describe, expect, it } from "vitest";
import {
  checkHardwareProfile,
  hardwareProfile,
  paperTestbedProfile,
  readHardwareProfile,
  scaleCpuCosts,
  server2026Profile,
  thisMachineProfileFile,
  type HardwareProfile,
} from "../../../lib/sim/index.js";
import { parseWithInfinity, stringifyWithInfinity } from "../../../lib/runtime/json-with-infinity.js";
import { cpuBoundProfile, fixtureProfile } from "./fixture-profile.js";

function calibrated(cpuMHz: number | undefined): HardwareProfile {
  return {
    ...cpuBoundProfile(100, { contextSwitchUs: { process: 4, thread: 2 }, messageUs: { process: 30, thread: 10 }, residencyCheckUs: 15 }),
    name: "here",
    source: { kind: "calibrated", calibratedAt: "2026-01-01T00:00:00Z", loadAverage: 0.5, environment: cpuMHz === undefined ? {} : { cpuMHz }, fit: {} },
  };
}

describe("checking a profile", () => {
  it("accepts the fixture, and a profile written with plain JSON (Infinity turned into null)", () => {
    expect(checkHardwareProfile(fixtureProfile()).name).toBe("fixture");
    const plain = JSON.parse(JSON.stringify(fixtureProfile()));
    expect(plain.network.linkMBps).toBeNull();
    const checked = checkHardwareProfile(plain);
    expect(checked.network.linkMBps).toBe(Infinity);
    expect(checked.disk.parallelism).toBe(Infinity);
    expect(checkHardwareProfile(parseWithInfinity(stringifyWithInfinity(fixtureProfile()))).disk.bandwidthMBps).toBe(Infinity);
  });

  it("names every bad field at once", () => {
    const bad = { ...fixtureProfile(), cores: 0, steps: { ...fixtureProfile().steps, parse: { us: -1 }, bogus: { us: 1 } }, contextSwitchUs: { process: 1 }, disk: { latencyMs: 1, bandwidthMBps: 0, parallelism: 1.5 } };
    expect(() => checkHardwareProfile(bad, "my.json")).toThrow(/my\.json is not valid/);
    try {
      checkHardwareProfile(bad);
    } catch (error) {
      const message = (error as Error).message;
      for (const field of ["cores:", "steps.parse.us:", "steps.bogus: not a pipeline step", "contextSwitchUs.thread:", "disk.bandwidthMBps:", "disk.parallelism:"]) expect(message).toContain(field);
    }
  });
});

describe("the derived profiles", () => {
  it("1999 scales CPU costs by (clock / 333 MHz) × 2 and has the paper's machine", () => {
    const base = calibrated(2000);
    const paper = paperTestbedProfile(base);
    const factor = (2000 / 333) * 2;
    expect(paper.source).toMatchObject({ kind: "scaled", from: "here", cpuFactor: factor });
    expect(paper.steps.parse.us).toBeCloseTo(100 * factor, 9);
    expect(paper.contextSwitchUs.process).toBeCloseTo(4 * factor, 9);
    expect(paper.messageUs.thread).toBeCloseTo(10 * factor, 9);
    expect(paper).toMatchObject({ cores: 1, memoryMB: 128, disk: { latencyMs: 10, bandwidthMBps: 20, parallelism: 1 } });
    expect(paper.network.linkMBps * 2 ** 20 * 8).toBeCloseTo(100e6, 0);
  });

  it("2026-server scales by clock / 3500 MHz and has many cores, NVMe and 10 GbE", () => {
    const server = server2026Profile(calibrated(2100));
    expect(server.steps.parse.us).toBeCloseTo((100 * 2100) / 3500, 9);
    expect(server).toMatchObject({ cores: 64, disk: { latencyMs: 0.1, parallelism: 64 } });
    expect(server.network.linkMBps * 2 ** 20 * 8).toBeCloseTo(10e9, -3);
  });

  it("a calibration that recorded no clock is scaled from an assumed one, and says so", () => {
    expect(paperTestbedProfile(calibrated(undefined)).source).toMatchObject({ notes: expect.stringContaining("assumed") });
  });

  it("scaleCpuCosts refuses a factor that is not a positive number", () => {
    expect(() => scaleCpuCosts(fixtureProfile(), 0)).toThrow(/a CPU scale factor must be a finite number > 0; got 0/);
  });

  it("the committed calibration of this machine reads back, with where and when it was measured", () => {
    const profile = readHardwareProfile(thisMachineProfileFile);
    expect(profile.source.kind).toBe("calibrated");
    if (profile.source.kind === "calibrated") {
      expect(profile.source.environment).toHaveProperty("cpuModel");
      expect(typeof profile.source.loadAverage).toBe("number");
    }
    for (const name of ["this-machine", "1999", "2026-server"]) expect(hardwareProfile(name).steps.parse.us).toBeGreaterThan(0);
    expect(() => hardwareProfile("1998")).toThrow(/unknown hardware profile "1998"; accepted: this-machine, 1999, 2026-server, or a \.json file/);
  });
});
