/**
 * The architecture models against the real servers, on this machine: each scenario is one spec run twice,
 * once with the server-load executor (real servers under the load generator) and once with the sim-server
 * executor (the models on a hardware profile) at the same points, over the same workload folders. A point
 * agrees when the simulated throughput is within ±25% of the measured one; a scenario keeps its ordering
 * when every pair of points that the measurement tells apart (their throughputs more than 25% apart) comes
 * out in the same order in the simulation (closer pairs are ties, which either order respects).
 *
 * The scenarios:
 * - `cached`: the built-in `cached-trace` spec (the NASA excerpt primed into the cache; SPED, AMPED,
 *   Zeus-like, MT, MP, Apache-like with its caches off);
 * - `disk-bound`: the built-in `disk-bound-trace` spec (a SURGE-like set 8× the cache, a 10 ms disk with
 *   one arm; SPED, AMPED, MT, MP);
 * - `concurrency`: MP with 1, 2, 4 and 8 processes on that disk-bound set, with a disk that overlaps every
 *   miss (5 ms each): throughput grows with the misses the processes keep in flight.
 * Each uses its spec's quick profile with one repetition unless told otherwise. Its points run one at a
 * time, each warmed up for `validationWarmupPerIsolateS` per V8 isolate its server runs (at least its
 * profile's warm-up, at most `validationWarmupMaxS`; server-load/isolates.ts): every worker process or
 * thread, helper and event loop compiles the pipeline's code on its own, and until each has served a few
 * thousand requests it costs several times the CPU per request of a warm one (MP with 4 processes on the
 * NASA trace, measured here: 715 µs per request after 4 s of warm-up, 438 µs after 12 s; SPED 186 µs
 * after 1 s, 111 µs after 5 s). The models have steady-state costs, so the real servers are measured warm.
 * (The quick profiles' shorter warm-ups suit their own purpose, comparing architectures under the same
 * conditions.)
 */
import { builtinSpec } from "./specs/index.js";
import { defineSpec, type ExperimentProfile, type ExperimentSpec, type PointSettings, type SettingValue } from "./runner/spec.js";
import { runExperiment } from "./runner/run-experiment.js";
import type { RunRecord } from "./runner/run-folder.js";
import { resolvePoints } from "./runner/points.js";
import type { PointSummaryRow } from "./runner/summary.js";
import { serverLoadExecutor } from "./server-load/executor.js";
import { servingIsolates } from "./server-load/isolates.js";
import type { ServerLoadSettings } from "./server-load/settings.js";
import { cachesOverDisk, quickWorkers } from "./server-load/testbed.js";

/** A simulated throughput within this share of the measured one agrees. */
export const validationTolerance = 0.25;

/** A validation run's warm-up for each V8 isolate its server runs, s (at least its profile's, at most `validationWarmupMaxS`; see the module comment). */
export const validationWarmupPerIsolateS = 3;
/** The longest warm-up of a validation run, s. */
export const validationWarmupMaxS = 15;

export const validationScenarioNames = ["cached", "disk-bound", "concurrency"] as const;
export type ValidationScenarioName = (typeof validationScenarioNames)[number];

/** MP's processes swept on the disk-bound set, with a disk that overlaps every miss. */
const concurrencySpec = defineSpec<ServerLoadSettings>({
  name: "mp-concurrency",
  description: "MP with 1 to 8 processes on a disk-bound set whose disk overlaps every miss: throughput grows with the misses in flight",
  factors: { workers: [1, 2, 4, 8] },
  fixed: {
    arch: "mp",
    disk: "sim",
    diskLatencyMs: 5,
    diskMBps: 200,
    diskParallelism: "unlimited",
    ...cachesOverDisk,
    workload: "surge",
    datasetMB: 32,
    cacheMB: 4,
    http: "1.0",
    clients: 32,
  },
  metrics: ["throughputRps", "responseMsMean", "serverCpuPct", "diskMissPct"],
  seed: 1997,
  profiles: {
    quick: { repetitions: 1, warmupS: 1.5, durationS: 2 },
    full: { repetitions: 3, warmupS: 5, durationS: 10 },
  },
});

/** The spec of a scenario (as the real servers run it). */
export function validationSpec(name: ValidationScenarioName): ExperimentSpec {
  const spec = name === "cached" ? builtinSpec("cached-trace") : name === "disk-bound" ? builtinSpec("disk-bound-trace") : concurrencySpec;
  if (spec === undefined) throw new Error(`the built-in spec of the ${name} scenario is missing`);
  return spec as ExperimentSpec;
}

/** One point, measured and simulated. */
export interface ValidationRow {
  scenario: ValidationScenarioName;
  /** The point's factor levels in words: "arch=sped, workload=nasa-excerpt". */
  point: string;
  levels: PointSettings;
  measuredRps: number;
  simulatedRps: number;
  /** simulated / measured − 1. */
  error: number;
  agrees: boolean;
  measuredServerCpuPct: number | null;
  simulatedServerCpuPct: number | null;
  /** The 1-minute load average around the real run of this point. */
  loadAverage: number | null;
}

/** A pair of points whose order the simulation reversed. */
export interface OrderingProblem {
  scenario: ValidationScenarioName;
  faster: string;
  slower: string;
  measuredRatio: number;
  simulatedRatio: number;
}

export interface ValidationResult {
  rows: ValidationRow[];
  orderingProblems: OrderingProblem[];
  /** Every point agrees and every ordering holds. */
  passed: boolean;
  /** The 1-minute load average before and after the real runs. */
  loadAverage: { before: number | null; after: number | null };
}

export interface ValidationOptions {
  /** The hardware profile the models run on: a built-in name or a JSON file (default this-machine). */
  hardware?: string;
  scenarios?: readonly ValidationScenarioName[];
  profile?: ExperimentProfile;
  /** Repetitions of each point (default 1). */
  repetitions?: number;
  /** Seconds of warm-up of every run, real and simulated (default: per point, see the module comment). */
  warmupS?: number;
  /** Fewer levels of some factors (e.g. `{ arch: ["sped", "mp"] }`), for a shorter check. */
  factorLevels?: Record<string, SettingValue[]>;
  /** Folder for the run folders (each run writes two); default: under datasets/results/<spec>. */
  out?: string;
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

function describe(levels: PointSettings): string {
  return Object.entries(levels)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(", ");
}

/** The spec with fewer levels of the factors it has among `levels` (in both profiles). */
function withLevels(spec: ExperimentSpec, levels: Record<string, SettingValue[]>): ExperimentSpec {
  const narrowed = Object.fromEntries(Object.entries(levels).filter(([name]) => name in spec.factors));
  if (Object.keys(narrowed).length === 0) return spec;
  return {
    ...spec,
    factors: { ...spec.factors, ...narrowed },
    profiles: {
      quick: { ...spec.profiles.quick, factors: { ...spec.profiles.quick.factors, ...narrowed } },
      full: { ...spec.profiles.full, factors: { ...spec.profiles.full.factors, ...narrowed } },
    },
  };
}

/** The spec of one point, `levels`, under `profile` with a warm-up of `warmupS` (the other profile becomes the same). */
function pointSpec(spec: ExperimentSpec, profile: ExperimentProfile, levels: PointSettings, warmupS: number): ExperimentSpec {
  const only = Object.fromEntries(Object.entries(levels).map(([name, level]) => [name, [level]]));
  const narrowed = { ...spec.profiles[profile], warmupS, factors: { ...spec.profiles[profile].factors, ...only } };
  return { ...spec, factors: { ...spec.factors, ...only }, profiles: { quick: narrowed, full: narrowed } };
}

/** The spec on the models: the sim-server executor on `hardware`, its disk factor (if any) only the simulated disk. */
function simulatedVariant(spec: ExperimentSpec, hardware: string): ExperimentSpec {
  const simulatedDisk = <F extends Record<string, unknown> | undefined>(factors: F): F =>
    factors !== undefined && "disk" in factors ? ({ ...factors, disk: ["sim"] } as F) : factors;
  return {
    ...spec,
    name: `${spec.name}-sim`,
    executor: "sim-server",
    factors: simulatedDisk(spec.factors),
    fixed: { ...spec.fixed, hardware },
    profiles: {
      quick: { ...spec.profiles.quick, factors: simulatedDisk(spec.profiles.quick.factors) },
      full: { ...spec.profiles.full, factors: simulatedDisk(spec.profiles.full.factors) },
    },
  };
}

const keyOf = (levels: Record<string, SettingValue | null>, factors: readonly string[]): string => factors.map((name) => String(levels[name])).join("|");

/** Runs the scenarios, real and simulated, and compares them; see the module comment. */
export async function validateModels(options: ValidationOptions = {}): Promise<ValidationResult> {
  const hardware = options.hardware ?? "this-machine";
  const rows: ValidationRow[] = [];
  const orderingProblems: OrderingProblem[] = [];
  const loads: number[] = [];
  let before: number | null = null;
  for (const scenario of options.scenarios ?? validationScenarioNames) {
    const profile = options.profile ?? "quick";
    const spec = withLevels(validationSpec(scenario), options.factorLevels ?? {});
    const factors = Object.keys(spec.factors);
    const points = resolvePoints(spec, serverLoadExecutor, profile);
    if (points.problems.length > 0) throw new Error(`the ${scenario} scenario's spec is not valid: ${points.problems.join("; ")}`);
    const common = { profile, repetitions: options.repetitions ?? 1, ...(options.signal ? { signal: options.signal } : {}), onLog: options.onLog };
    const outOf = (id: string, kind: string) => (options.out === undefined ? {} : { out: `${options.out}/${scenario}-${id}-${kind}` });
    const real: { summaryRows: PointSummaryRow[]; records: RunRecord[] } = { summaryRows: [], records: [] };
    const simulatedByPoint = new Map<string, PointSummaryRow>();
    // Point by point, each warmed up for its own server's isolates.
    for (const point of points.points) {
      const warmupS = options.warmupS ?? Math.max(spec.profiles[profile].warmupS, Math.min(validationWarmupMaxS, validationWarmupPerIsolateS * servingIsolates(point.settings)));
      const single = pointSpec(spec, profile, point.levels, warmupS);
      options.onLog?.(`${scenario}, ${describe(point.levels)}: the real server (${spec.name}, warm-up ${warmupS} s)`);
      const measured = await runExperiment(single, { ...common, ...outOf(point.id, "real") });
      before ??= measured.loadAverage.before;
      if (measured.loadAverage.after !== null) loads.push(measured.loadAverage.after);
      real.summaryRows.push(...measured.summaryRows);
      real.records.push(...measured.records);
      options.onLog?.(`${scenario}, ${describe(point.levels)}: the model on ${hardware}`);
      const simulated = await runExperiment(simulatedVariant(single, hardware), { ...common, ...outOf(point.id, "sim") });
      for (const row of simulated.summaryRows) simulatedByPoint.set(keyOf(row, factors), row);
    }
    const scenarioRows: ValidationRow[] = [];
    for (const measuredRow of real.summaryRows) {
      const simulatedRow = simulatedByPoint.get(keyOf(measuredRow, factors));
      const measuredRps = Number(measuredRow.throughputRpsMean);
      const simulatedRps = Number(simulatedRow?.throughputRpsMean);
      const levels = Object.fromEntries(factors.map((name) => [name, measuredRow[name] as SettingValue]));
      const record = real.records.find((entry) => keyOf(entry.levels, factors) === keyOf(measuredRow, factors));
      const error = simulatedRps / measuredRps - 1;
      scenarioRows.push({
        scenario,
        point: describe(levels),
        levels,
        measuredRps,
        simulatedRps,
        error,
        agrees: Number.isFinite(error) && Math.abs(error) <= validationTolerance,
        measuredServerCpuPct: (measuredRow.serverCpuPctMean as number | null) ?? null,
        simulatedServerCpuPct: (simulatedRow?.serverCpuPctMean as number | null) ?? null,
        loadAverage: record?.loadAverage.after?.[0] ?? null,
      });
    }
    for (const a of scenarioRows) {
      for (const b of scenarioRows) {
        const measuredRatio = a.measuredRps / b.measuredRps;
        if (!(measuredRatio > 1 + validationTolerance)) continue;
        const simulatedRatio = a.simulatedRps / b.simulatedRps;
        if (!(simulatedRatio > 1)) orderingProblems.push({ scenario, faster: a.point, slower: b.point, measuredRatio, simulatedRatio });
      }
    }
    rows.push(...scenarioRows);
  }
  return {
    rows,
    orderingProblems,
    passed: rows.every((row) => row.agrees) && orderingProblems.length === 0,
    loadAverage: { before, after: loads.at(-1) ?? null },
  };
}
