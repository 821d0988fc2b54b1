/**
 * What the results code reads from a sweep: its spec's name, its finished runs and its per-point
 * summary, whether the sweep just ran (`runExperiment`) or was read back from a run folder
 * (`readExperimentRun`, a reference run). Also the names the lecture uses for the levels.
 */
import type { ExperimentResult } from "../runner/run-experiment.js";
import type { RunRecord } from "../runner/run-folder.js";
import type { SettingValue } from "../runner/spec.js";
import type { StoredExperimentRun } from "../runner/stored-run.js";
import type { PointSummaryRow } from "../runner/summary.js";

/** A sweep's results: one just run, or one read from a folder. */
export type SweepResults = ExperimentResult | StoredExperimentRun;

/** The name of the spec a sweep ran. */
export function specNameOf(results: SweepResults): string {
  return "plan" in results ? results.plan.specName : results.manifest.specName;
}

/** The profile a sweep ran under. */
export function profileOf(results: SweepResults): string {
  return "plan" in results ? results.plan.profile : results.manifest.profile;
}

/** The finished runs and per-point rows of a sweep. */
export function recordsOf(results: SweepResults): { records: readonly RunRecord[]; rows: readonly PointSummaryRow[] } {
  return { records: results.records, rows: results.summaryRows };
}

/** The lecture's names for the architectures; other levels are shown as they are. */
const levelNames: Readonly<Record<string, string>> = {
  sped: "SPED",
  amped: "AMPED (Flash)",
  amted: "AMTED",
  zeus: "Zeus-like",
  mt: "MT",
  mp: "MP",
  apache: "Apache-like",
};

/** "AMPED (Flash)" for amped, "MT" for mt; any other level as written. */
export function levelName(level: SettingValue): string {
  return levelNames[String(level)] ?? String(level);
}

/** The distinct values of a column, numbers ascending, other values in first-seen order. */
export function distinctLevels(values: readonly (SettingValue | null | undefined)[]): SettingValue[] {
  const seen: SettingValue[] = [];
  for (const value of values) if (value !== null && value !== undefined && !seen.includes(value)) seen.push(value);
  return seen.every((value) => typeof value === "number") ? (seen as number[]).sort((a, b) => a - b) : seen;
}

/** Where to read a result: at one level of a factor, or at its smallest or largest level. */
export type LevelChoice = { factor: string; level: SettingValue } | { factor: string; extreme: "smallest" | "largest" };

/** A choice or a list of them, as a list. */
export function choicesOf(choices: LevelChoice | readonly LevelChoice[] | undefined): readonly LevelChoice[] {
  if (choices === undefined) return [];
  return Array.isArray(choices) ? choices : [choices as LevelChoice];
}

/** The level `choice` names among `values` (the factor's column); undefined when the column is empty. */
export function chosenLevel(choice: LevelChoice, values: readonly (SettingValue | null | undefined)[]): SettingValue | undefined {
  if ("level" in choice) return choice.level;
  const levels = distinctLevels(values);
  return choice.extreme === "smallest" ? levels[0] : levels[levels.length - 1];
}
