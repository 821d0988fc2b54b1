/**
 * The built-in hardware profiles, and loading one by name or from a JSON file.
 *
 * - `this-machine`: calibrated on the machine the project was developed on, a committed data set
 *   (`datasets/hardware/this-machine.json`; its `source` records the command, date, machine and load
 *   average, and `datasets/hardware/README.md` says the same). Recalibrate on your own machine with
 *   `flashlab sim calibrate` (it saves `datasets/results/hardware/this-machine.json`, outside version
 *   control) and pass that file as `--profile FILE`.
 * - `1999`: the Flash paper's testbed: one 333 MHz Pentium II, 128 MB of memory, 100 Mb/s Ethernet, a
 *   disk of about 10 ms per access (20 MB/s, one arm). CPU costs are this-machine's, scaled by the CPU
 *   speed ratio: (this machine's clock / 333 MHz) × 2, the 2 for the instructions per clock a 2020s server
 *   core retires beyond a Pentium II on branchy server code (deeper out-of-order execution, larger caches,
 *   better prediction). Memory per context is what a C server of the time took (1 MB per process,
 *   64 KB per thread, 16 KB per connection), not Node's: the profile stands for the paper's servers. The
 *   scheduler's quantum was tens of ms (20 ms here); the kernel and daemons take 16 MB.
 * - `2026-server`: 64 cores at 3.5 GHz with the same instructions per clock as this machine (CPU costs
 *   scaled by this machine's clock / 3500 MHz), 256 GB, NVMe at 0.1 ms per access (3,000 MB/s, 64 in
 *   flight), 10 GbE (1,250 × 10^6 bytes/s); memory per context as measured here (flashlab's own contexts).
 *
 * So the derived profiles keep this machine's ratios between steps; what changes is the CPU's speed, the
 * memory, the disk and the network. Their CPU factor is recorded in `source`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseWithInfinity } from "../../runtime/json-with-infinity.js";
import { projectRoot } from "../../runtime/paths.js";
import { checkHardwareProfile, scaleCpuCosts, type HardwareProfile } from "./hardware.js";

export const builtinHardwareProfiles = ["this-machine", "1999", "2026-server"] as const;
export type BuiltinHardwareProfile = (typeof builtinHardwareProfiles)[number];

/** Where the committed calibration of this machine lives. */
export const thisMachineProfileFile = join(projectRoot, "datasets", "hardware", "this-machine.json");

/** Where `flashlab sim calibrate` saves a profile named `name` unless told otherwise (generated, not committed). */
export function calibratedProfileFile(name: string): string {
  return join(projectRoot, "datasets", "results", "hardware", `${name}.json`);
}

/** The clock assumed for a calibration that did not record one, MHz. */
const assumedClockMHz = 2500;

/** Reads and checks a profile from a JSON file; errors name the file and each bad field. */
export function readHardwareProfile(file: string): HardwareProfile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new RangeError(`cannot read the hardware profile ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseWithInfinity(text);
  } catch (error) {
    throw new RangeError(`the hardware profile ${file} is not JSON: ${(error as Error).message}`);
  }
  return checkHardwareProfile(value, file);
}

/** The clock of the machine a calibrated profile came from, MHz (recorded by the calibration). */
export function calibrationClockMHz(profile: HardwareProfile): { mhz: number; recorded: boolean } {
  const recorded = profile.source.kind === "calibrated" ? profile.source.environment.cpuMHz : undefined;
  return typeof recorded === "number" && recorded > 0 ? { mhz: recorded, recorded: true } : { mhz: assumedClockMHz, recorded: false };
}

/** The Flash paper's testbed, derived from `base` (a calibrated profile). */
export function paperTestbedProfile(base: HardwareProfile): HardwareProfile {
  const clock = calibrationClockMHz(base);
  const cpuFactor = (clock.mhz / 333) * 2;
  return {
    name: "1999",
    description: "the Flash paper's testbed: one 333 MHz Pentium II, 128 MB, 100 Mb/s Ethernet, a 10 ms disk",
    cores: 1,
    memoryMB: 128,
    baseMemoryMB: 16,
    ...scaleCpuCosts(base, cpuFactor),
    contextMemoryMB: { process: 1, thread: 0.0625 },
    connectionMemoryKB: 16,
    timeSliceMs: 20,
    disk: { latencyMs: 10, bandwidthMBps: 20, parallelism: 1 },
    network: { linkMBps: 100e6 / 8 / 2 ** 20, sendBufferKB: 64 },
    source: {
      kind: "scaled",
      from: base.name,
      cpuFactor,
      notes: `CPU costs × ${cpuFactor.toFixed(2)} = (${clock.mhz} MHz${clock.recorded ? "" : ", assumed"} / 333 MHz) × 2 instructions per clock; memory per context of a 1999 C server`,
    },
  };
}

/** A 2026 many-core server with NVMe and 10 GbE, derived from `base` (a calibrated profile). */
export function server2026Profile(base: HardwareProfile): HardwareProfile {
  const clock = calibrationClockMHz(base);
  const cpuFactor = clock.mhz / 3500;
  return {
    name: "2026-server",
    description: "a 2026 server: 64 cores at 3.5 GHz, 256 GB, NVMe (0.1 ms, 64 in flight), 10 GbE",
    cores: 64,
    memoryMB: 256 * 1024,
    baseMemoryMB: 4096,
    ...scaleCpuCosts(base, cpuFactor),
    contextMemoryMB: base.contextMemoryMB,
    connectionMemoryKB: base.connectionMemoryKB,
    timeSliceMs: 3,
    disk: { latencyMs: 0.1, bandwidthMBps: 3000, parallelism: 64 },
    network: { linkMBps: 10e9 / 8 / 2 ** 20, sendBufferKB: 4096 },
    source: {
      kind: "scaled",
      from: base.name,
      cpuFactor,
      notes: `CPU costs × ${cpuFactor.toFixed(2)} = ${clock.mhz} MHz${clock.recorded ? "" : " (assumed)"} / 3500 MHz, same instructions per clock; memory per context as measured on ${base.name}`,
    },
  };
}

/**
 * A profile by built-in name (`this-machine`, `1999`, `2026-server`) or from a JSON file (a path ending
 * in .json). Throws RangeError saying what is accepted.
 */
export function hardwareProfile(nameOrFile: string): HardwareProfile {
  if (nameOrFile.endsWith(".json")) return readHardwareProfile(nameOrFile);
  if (!(builtinHardwareProfiles as readonly string[]).includes(nameOrFile)) {
    throw new RangeError(`unknown hardware profile ${JSON.stringify(nameOrFile)}; accepted: ${builtinHardwareProfiles.join(", ")}, or a .json file (flashlab sim calibrate --out FILE writes one)`);
  }
  const thisMachine = readHardwareProfile(thisMachineProfileFile);
  if (nameOrFile === "1999") return paperTestbedProfile(thisMachine);
  if (nameOrFile === "2026-server") return server2026Profile(thisMachine);
  return thisMachine;
}

/** A profile in a few figures, for a table: the machine, CPU per cached 1 KB request, switches, memory, disk, network. */
export function describeHardwareProfile(profile: HardwareProfile): Record<string, string | number> {
  const { steps } = profile;
  const requestUs =
    steps.accept.us + steps["read-request"].us + steps.parse.us + steps["translate-path"].us + steps["compute-header"].us + steps["read-file"].us + steps["send-data"].us + (steps["send-data"].perKBUs ?? 0);
  const unlimited = (value: number, unit: string): string => (Number.isFinite(value) ? `${Number(value.toPrecision(3))} ${unit}` : "unlimited");
  return {
    profile: profile.name,
    cores: profile.cores,
    memoryMB: Math.round(profile.memoryMB),
    "CPU per cached 1 KB request (µs)": Number(requestUs.toPrecision(3)),
    "switch: process / thread (µs)": `${Number(profile.contextSwitchUs.process.toPrecision(3))} / ${Number(profile.contextSwitchUs.thread.toPrecision(3))}`,
    "memory: process / thread (MB)": `${Number(profile.contextMemoryMB.process.toPrecision(3))} / ${Number(profile.contextMemoryMB.thread.toPrecision(3))}`,
    disk: `${profile.disk.latencyMs} ms, ${unlimited(profile.disk.bandwidthMBps, "MB/s")}, ${Number.isFinite(profile.disk.parallelism) ? profile.disk.parallelism : "unlimited"} in flight`,
    link: unlimited(profile.network.linkMBps, "MB/s"),
    source: profile.source.kind === "calibrated" ? `calibrated ${profile.source.calibratedAt.slice(0, 10)}, load average ${profile.source.loadAverage ?? "?"}` : profile.source.notes,
  };
}
