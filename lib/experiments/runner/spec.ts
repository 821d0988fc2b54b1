/**
 * What an experiment spec is: the factors and their levels, the fixed settings, the repetitions,
 * warm-up and duration of each profile, the seed, the CPU placement and the metrics to record (lecture
 * §24–25: the configuration space, a baseline, n runs). A spec is plain data, so the same shape comes
 * from a TypeScript module (`defineSpec`, typed by the executor's settings) or from a JSON file
 * (checked field by field by `checkSpec`).
 */
import type { NotebookProfile } from "../../viz/profile.js";

/** A setting's value: what JSON can hold and a CSV cell can show. */
export type SettingValue = string | number | boolean;

/** The settings of one point: setting name → value. */
export type PointSettings = Record<string, SettingValue>;

/** The two profiles every spec has: `quick` (seconds per point) and `full` (the figure as published). */
export type ExperimentProfile = NotebookProfile;
export const experimentProfiles: readonly ExperimentProfile[] = ["quick", "full"];

/** The levels of each factor, in display order. */
export type FactorLevels<S> = { [K in keyof S]?: ReadonlyArray<NonNullable<S[K]>> };

/** Settings changed at the points that match `when` (every named setting equal). */
export interface SpecOverride<S> {
  when: Partial<S>;
  set: Partial<S>;
}

/** How long and how often each point runs under one profile, and what the profile changes. */
export interface ProfileSpec<S> {
  /** Runs of each point (n). */
  repetitions: number;
  /** Seconds of load before the measured window (sent, not counted). */
  warmupS: number;
  /** Seconds of the measured window. */
  durationS: number;
  /** Replaces the levels of some factors (the factors themselves stay those of the spec). */
  factors?: FactorLevels<S>;
  /** Replaces or adds fixed settings. */
  fixed?: Partial<S>;
  /** Further overrides, applied after the spec's (e.g. fewer MP processes in a quick profile). */
  overrides?: ReadonlyArray<SpecOverride<S>>;
}

/**
 * Where the server and the client run. "uniprocessor" (the default): the server on CPU 0 and the
 * client on CPU 1, as the paper's one-CPU servers with their clients on other machines; unpinned where
 * taskset is missing or only one CPU is usable (the run records why). "unpinned": no pinning. Or two
 * CPU lists in taskset form ("0", "2-3").
 */
export type PlacementSpec = "uniprocessor" | "unpinned" | { serverCpus: string; clientCpus: string };

/**
 * A server host: each point's server runs there, started over SSH with the system's ssh client, while
 * the load generator stays here (the paper's clients and server were separate machines).
 */
export interface ServerHostSpec {
  /** The SSH destination, [user@]host (or a Host of the ssh configuration). */
  host: string;
  /** The command that runs flashlab there, as words for its shell; default: this Node and this checkout's bin/flashlab.js, at the same paths (a shared file system). */
  flashlab?: string;
  /** An ssh_config file to use instead of ~/.ssh/config (ssh -F). */
  sshConfig?: string;
}

/** An experiment: what varies, what is fixed, how each point is run and measured. */
export interface ExperimentSpec<S = PointSettings> {
  /** Lower-case letters, digits and dashes; names the results folder. */
  name: string;
  /** One line: what the experiment shows. */
  description: string;
  /** More: the lecture sections and paper figures it reproduces, what stands for what. */
  notes?: string;
  /** The kind of point: "server-load" (the default), a flashlab server under the load generator. */
  executor?: string;
  /** Factors and their levels; the points are every combination. */
  factors: FactorLevels<S>;
  /** Settings that do not vary. A setting is either a factor or fixed. */
  fixed?: Partial<S>;
  /** Settings that differ at some points (e.g. Apache-like with its caches off), applied in order. */
  overrides?: ReadonlyArray<SpecOverride<S>>;
  /** Metrics to summarize, by name (each run records every metric its executor measures). */
  metrics: readonly string[];
  /** Seeds the run order and everything random in the points (workloads, think times). */
  seed: number;
  placement?: PlacementSpec;
  /** Run each point's server on another host, over SSH: "[user@]host" or the full form. */
  serverHost?: string | ServerHostSpec;
  profiles: { quick: ProfileSpec<S>; full: ProfileSpec<S> };
}

/** Types a spec module by its executor's settings: `export default defineSpec<ServerLoadSettings>({ … })`. */
export function defineSpec<S>(spec: ExperimentSpec<S>): ExperimentSpec<S> {
  return spec;
}
