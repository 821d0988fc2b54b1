/**
 * A sweep's plan: the points of a spec under a profile, each repeated n times, in a randomized order
 * (lecture §24–25). The order is blocked by repetition: every point runs once in each block, in a fresh
 * random order drawn from the spec's seed, so a slow drift of the machine (another job starting, a
 * thermal limit) spreads evenly over the points instead of landing on the ones that happen to run last,
 * and an interrupted sweep has whole blocks done. The same spec, profile and repetitions always give
 * the same order. The plan's fingerprint identifies what a run folder holds, so a resume can refuse a
 * folder made by another spec or profile.
 */
import { createHash } from "node:crypto";
import { createRng } from "../../runtime/random.js";
import { shuffledIndices } from "../../workloads/distributions.js";
import type { PointExecutor, RunTiming } from "./executor.js";
import { type PlannedPoint, type ResolvedFactor, resolvePoints } from "./points.js";
import { executorOf, SpecError } from "./spec-check.js";
import type { ExperimentProfile, ExperimentSpec, PlacementSpec, ServerHostSpec } from "./spec.js";

/** One run: a point and a repetition, at its place in the order. */
export interface PlannedRun {
  /** 1-based position in the run order. */
  order: number;
  /** "p03-r2": the point's id and the repetition; names the run's file. */
  key: string;
  /** 1-based repetition. */
  rep: number;
  point: PlannedPoint;
}

/** Everything a sweep will do, before it runs. */
export interface SweepPlan {
  specName: string;
  executor: string;
  profile: ExperimentProfile;
  repetitions: number;
  timing: RunTiming;
  seed: number;
  metrics: string[];
  placement: PlacementSpec;
  /** Where each point's server runs, when not here. */
  serverHost?: ServerHostSpec;
  factors: ResolvedFactor[];
  points: PlannedPoint[];
  runs: PlannedRun[];
  /** Rough seconds for every run (the executor's estimates). */
  estimatedSeconds: number;
  /** A hash of everything that decides the results (not the description). */
  fingerprint: string;
}

export interface PlanOptions {
  profile: ExperimentProfile;
  /** Replaces the profile's repetitions. */
  repetitions?: number;
}

/** JSON with object keys sorted, so that the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The run order for `pointCount` points × `repetitions`: block r (1-based) holds every point once, in a
 * random order drawn from `seed`. Returns [pointIndex, rep] pairs.
 */
export function randomizedRunOrder(pointCount: number, repetitions: number, seed: number): Array<[pointIndex: number, rep: number]> {
  const rng = createRng(seed);
  const order: Array<[number, number]> = [];
  for (let rep = 1; rep <= repetitions; rep++) for (const pointIndex of shuffledIndices(pointCount, rng)) order.push([pointIndex, rep]);
  return order;
}

/** A spec's server host in its full form, or undefined when the server runs here. */
export function serverHostOf(spec: ExperimentSpec): ServerHostSpec | undefined {
  if (spec.serverHost === undefined) return undefined;
  return typeof spec.serverHost === "string" ? { host: spec.serverHost } : spec.serverHost;
}

/** Plans a checked spec (see checkSpec) under a profile; throws SpecError for points that cannot run. */
export function planSweep(spec: ExperimentSpec, options: PlanOptions, executor: PointExecutor = executorOf(spec)): SweepPlan {
  const profileSpec = spec.profiles[options.profile];
  const repetitions = options.repetitions ?? profileSpec.repetitions;
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new SpecError(spec.name, [`repetitions: ${repetitions} is not a whole number ≥ 1`]);
  const { factors, points, problems } = resolvePoints(spec, executor, options.profile);
  if (problems.length > 0) throw new SpecError(spec.name, problems);
  const timing: RunTiming = { warmupS: profileSpec.warmupS, durationS: profileSpec.durationS };
  const runs = randomizedRunOrder(points.length, repetitions, spec.seed).map(([pointIndex, rep], index): PlannedRun => {
    const point = points[pointIndex]!;
    return { order: index + 1, key: `${point.id}-r${rep}`, rep, point };
  });
  const estimatedSeconds = runs.reduce((sum, run) => sum + executor.estimateSeconds(run.point.settings, timing), 0);
  const placement = spec.placement ?? "uniprocessor";
  const serverHost = serverHostOf(spec);
  const decisive = {
    specName: spec.name,
    executor: executor.name,
    profile: options.profile,
    repetitions,
    timing,
    seed: spec.seed,
    metrics: [...spec.metrics],
    placement,
    points: points.map((point) => point.settings),
  };
  // The server's host decides the results; how it is reached (ssh configuration, flashlab's path there) does not.
  const fingerprint = createHash("sha256")
    .update(canonicalJson({ ...decisive, serverHost: serverHost?.host }))
    .digest("hex")
    .slice(0, 16);
  return { ...decisive, ...(serverHost ? { serverHost } : {}), factors, points, runs, estimatedSeconds, fingerprint };
}
