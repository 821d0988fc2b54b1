/**
 * The built-in experiment specs, one file each, by name: `flashlab run NAME` and
 * `runExperiment(builtinSpec(NAME))`. Each reproduces a figure of the lecture or the Flash paper.
 */
import type { ExperimentSpec } from "../runner/spec.js";
import type { ServerLoadSettings } from "../server-load/settings.js";
import cachedTrace from "./cached-trace.js";
import datasetSize from "./dataset-size.js";
import diskBoundTrace from "./disk-bound-trace.js";
import diskLatency from "./disk-latency.js";
import manyClients from "./many-clients.js";
import memory from "./memory.js";
import optimizations from "./optimizations.js";
import singleFile from "./single-file.js";

/** In lecture order. */
export const builtinSpecs: readonly ExperimentSpec<ServerLoadSettings>[] = [singleFile, cachedTrace, diskBoundTrace, datasetSize, optimizations, manyClients, memory, diskLatency];

/** The built-in spec called `name`, or undefined. */
export function builtinSpec(name: string): ExperimentSpec<ServerLoadSettings> | undefined {
  return builtinSpecs.find((spec) => spec.name === name);
}
