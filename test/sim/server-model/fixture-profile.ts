// A hardware profile with round numbers, for checking the models against hand-computed figures.
import type { HardwareProfile } from "../../../lib/sim/index.js";

/** Every step costs nothing unless a test says so; no switches, no messages, loopback network, one fast disk. */
export function fixtureProfile(changes: Partial<HardwareProfile> = {}): HardwareProfile {
  return {
    name: "fixture",
    description: "round numbers for tests",
    cores: 1,
    memoryMB: 1024,
    baseMemoryMB: 0,
    steps: {
      accept: { us: 0 },
      "read-request": { us: 0 },
      parse: { us: 0 },
      "translate-path": { us: 0, uncachedUs: 0 },
      "compute-header": { us: 0, uncachedUs: 0 },
      "send-header": { us: 0 },
      "read-file": { us: 0, uncachedUs: 0, perKBUs: 0 },
      "send-data": { us: 0, perKBUs: 0 },
    },
    contextSwitchUs: { process: 0, thread: 0 },
    messageUs: { process: 0, thread: 0 },
    residencyCheckUs: 0,
    contextStartUs: { process: 0, thread: 0 },
    contextMemoryMB: { process: 0, thread: 0 },
    connectionMemoryKB: 0,
    timeSliceMs: 3,
    disk: { latencyMs: 10, bandwidthMBps: Infinity, parallelism: Infinity },
    network: { linkMBps: Infinity, sendBufferKB: 256 },
    source: { kind: "scaled", from: "nothing", cpuFactor: 1, notes: "test fixture" },
    ...changes,
  };
}

/** The fixture with one CPU cost per request, all of it in the parse step (µs). */
export function cpuBoundProfile(parseUs: number, changes: Partial<HardwareProfile> = {}): HardwareProfile {
  const profile = fixtureProfile(changes);
  return { ...profile, steps: { ...profile.steps, parse: { us: parseUs } } };
}
