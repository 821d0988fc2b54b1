/**
 * Sweeps over the architecture models (lib/sim's `simulateServer`) for the notebooks: every combination
 * of the values of a few options (the architecture, the hardware profile, cores, clients, processes,
 * helpers, the disk's latency and arms, the data set's size, …), each run once with the same seed, as
 * flat rows ready for `seriesFromRows` and `showTable`. A data set given by size is a SURGE-like set
 * (lib/workloads), built once per size.
 */
import { hardwareProfile } from "../sim/server-model/profiles.js";
import type { HardwareProfile } from "../sim/server-model/hardware.js";
import { surgeLikeWorkload, type ServerWorkload } from "../sim/server-model/server-workload.js";
import { simulateServer, type ServerSimulationOptions, type ServerSimulationResult } from "../sim/server-model/simulate-server.js";
import type { SimArchitectureName } from "../sim/server-model/architecture-model.js";

/** The options a sweep can vary. */
export const sweepableServerOptions = [
  "arch",
  "hardware",
  "cores",
  "memoryMB",
  "cacheMB",
  "clients",
  "thinkMs",
  "arrivalRatePerS",
  "clientMbps",
  "clientRttMs",
  "workers",
  "helpers",
  "diskLatencyMs",
  "diskParallelism",
  "datasetMB",
] as const;
export type SweepableServerOption = (typeof sweepableServerOptions)[number];

export interface ServerModelSweepOptions {
  /** What every run shares; `hardware` may be a profile's name, and `datasetMB` stands for a SURGE-like workload. */
  base: Partial<Omit<ServerSimulationOptions, "hardware">> & { hardware?: HardwareProfile | string; datasetMB?: number; workersPerClient?: boolean };
  /** The options to vary and their values; the runs are every combination, the first option varying slowest. */
  vary: Partial<Record<SweepableServerOption, ReadonlyArray<number | string>>>;
  /** Called after each run (for a progress line). */
  onRun?: (row: ServerModelSweepRow) => void;
}

/** One run: the varied options' values, then what it measured. A type alias, so that rows fit seriesFromRows and showTable. */
export type ServerModelSweepRow = Record<string, number | string> & {
  arch: string;
  throughputRps: number;
  bandwidthMBps: number;
  responseMsMean: number;
  responseMsP95: number;
  cpuUtilizationPct: number;
  diskUtilizationPct: number;
  diskMissPct: number;
  bufferCacheMB: number;
  contextsMB: number;
  overcommittedMB: number;
  refused: number;
  events: number;
  wallMs: number;
};

export interface ServerModelSweep {
  rows: ServerModelSweepRow[];
  /** Wall time of the whole sweep, ms. */
  wallMs: number;
  events: number;
}

function combinations(vary: ServerModelSweepOptions["vary"]): Array<Partial<Record<SweepableServerOption, number | string>>> {
  let result: Array<Partial<Record<SweepableServerOption, number | string>>> = [{}];
  for (const [name, values] of Object.entries(vary) as Array<[SweepableServerOption, ReadonlyArray<number | string>]>) {
    if (!sweepableServerOptions.includes(name)) throw new RangeError(`a sweep cannot vary ${name}; it can vary ${sweepableServerOptions.join(", ")}`);
    if (values.length === 0) throw new RangeError(`the sweep's values of ${name} are empty`);
    result = result.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return result;
}

/** The row of one run. */
function rowOf(levels: Record<string, number | string>, result: ServerSimulationResult): ServerModelSweepRow {
  const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
  return {
    ...levels,
    arch: result.arch,
    throughputRps: result.throughputRps,
    bandwidthMBps: result.bandwidthMBps,
    responseMsMean: finite(result.responseMs.mean),
    responseMsP95: finite(result.responseMs.p95),
    cpuUtilizationPct: 100 * finite(result.utilization.cpu ?? 0),
    diskUtilizationPct: 100 * finite(result.disk.meanMissesInFlight / (Number.isFinite(result.configuration.disk.parallelism) ? result.configuration.disk.parallelism : 1)),
    diskMissPct: 100 * finite(result.disk.missRatio),
    bufferCacheMB: result.memory.bufferCacheMB,
    contextsMB: result.memory.contextsMB,
    overcommittedMB: result.memory.overcommittedMB,
    refused: result.refused,
    events: result.events,
    wallMs: result.wallMs,
  };
}

/** Runs the sweep. Throws RangeError for bad options (naming the run's values). O(runs × one run). */
export function sweepServerModels(options: ServerModelSweepOptions): ServerModelSweep {
  const started = performance.now();
  const workloads = new Map<number, ServerWorkload>();
  const profiles = new Map<string, HardwareProfile>();
  const profileOf = (value: HardwareProfile | string): HardwareProfile => {
    if (typeof value !== "string") return value;
    if (!profiles.has(value)) profiles.set(value, hardwareProfile(value));
    return profiles.get(value)!;
  };
  const { datasetMB: baseDatasetMB, hardware: baseHardware, workersPerClient, ...base } = options.base;
  const rows: ServerModelSweepRow[] = [];
  let events = 0;
  for (const levels of combinations(options.vary)) {
    const run: Partial<ServerSimulationOptions> = { ...base, disk: { ...base.disk } };
    const hardware = levels.hardware === undefined ? baseHardware : String(levels.hardware);
    const datasetMB = levels.datasetMB ?? baseDatasetMB;
    for (const [name, value] of Object.entries(levels) as Array<[SweepableServerOption, number | string]>) {
      if (name === "hardware" || name === "datasetMB") continue;
      if (name === "arch") run.arch = value as SimArchitectureName;
      else if (name === "diskLatencyMs") run.disk = { ...run.disk, latencyMs: Number(value) };
      else if (name === "diskParallelism") run.disk = { ...run.disk, parallelism: Number(value) };
      else run[name] = Number(value);
    }
    if (run.arch === undefined) throw new RangeError("a sweep needs an architecture: in base.arch or vary.arch");
    if (hardware === undefined) throw new RangeError("a sweep needs a hardware profile: in base.hardware or vary.hardware");
    if (datasetMB !== undefined) {
      const size = Number(datasetMB);
      if (!workloads.has(size)) workloads.set(size, surgeLikeWorkload({ datasetMB: size, seed: base.seed ?? 1 }));
      run.workload = workloads.get(size)!;
    }
    if (run.workload === undefined) throw new RangeError("a sweep needs a workload: base.workload, base.datasetMB or vary.datasetMB");
    if (workersPerClient === true) run.workers = run.clients ?? 32;
    const result = simulateServer({ ...run, arch: run.arch, workload: run.workload, hardware: profileOf(hardware) });
    events += result.events;
    const row = rowOf(levels as Record<string, number | string>, result);
    rows.push(row);
    options.onRun?.(row);
  }
  return { rows, wallMs: performance.now() - started, events };
}
