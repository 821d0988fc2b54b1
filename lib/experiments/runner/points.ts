/**
 * The points of a spec under one profile: every combination of the factors' levels (the first factor
 * varies slowest), each completed into the full settings of a run: the executor's defaults, then the
 * fixed settings, the levels, and the overrides whose `when` matches. A setting that means nothing at
 * a point (helpers for SPED, a disk latency on the real disk) is left out of that point. What cannot
 * work is reported as problems, each naming its field: a factor that does not apply at some point, a
 * fixed setting that applies nowhere, a required setting with no value.
 */
import type { PointExecutor } from "./executor.js";
import type { ExperimentProfile, ExperimentSpec, SettingValue, PointSettings } from "./spec.js";

/** A point of the sweep. */
export interface PlannedPoint {
  /** 0-based position in the factorial enumeration. */
  index: number;
  /** "p01", "p02", …: names the point's files. */
  id: string;
  /** The factors' levels at this point, in factor order. */
  levels: PointSettings;
  /** Every setting of the point (defaults included; settings that do not apply left out). */
  settings: PointSettings;
}

/** A factor and its levels under the profile. */
export interface ResolvedFactor {
  name: string;
  levels: SettingValue[];
}

/** The points of a spec under a profile, and what is wrong with them. */
export interface ResolvedPoints {
  factors: ResolvedFactor[];
  points: PlannedPoint[];
  problems: string[];
}

/** "arch=sped, fileSizeKB=50". */
export function describeLevels(levels: PointSettings): string {
  const text = Object.entries(levels)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(", ");
  return text === "" ? "the only point" : text;
}

/** Every combination of the levels, the first factor varying slowest. */
function combinations(factors: readonly ResolvedFactor[]): PointSettings[] {
  let result: PointSettings[] = [{}];
  for (const factor of factors) result = result.flatMap((partial) => factor.levels.map((level) => ({ ...partial, [factor.name]: level })));
  return result;
}

function matches(settings: PointSettings, when: Partial<PointSettings>): boolean {
  return Object.entries(when).every(([name, value]) => settings[name] === value);
}

/** Resolves the points of a structurally valid spec (see checkSpec) under `profile`. */
export function resolvePoints(spec: ExperimentSpec, executor: PointExecutor, profile: ExperimentProfile): ResolvedPoints {
  const profileSpec = spec.profiles[profile];
  const factors: ResolvedFactor[] = Object.entries(spec.factors).map(([name, levels]) => ({
    name,
    levels: [...((profileSpec.factors?.[name] ?? levels) as SettingValue[])],
  }));
  const fixed: Partial<PointSettings> = { ...spec.fixed, ...profileSpec.fixed };
  const defaults: PointSettings = {};
  for (const [name, descriptor] of Object.entries(executor.settings)) if (descriptor.default !== undefined) defaults[name] = descriptor.default;
  const problems = new Set<string>();
  for (const [name, descriptor] of Object.entries(executor.settings)) {
    if (descriptor.required && fixed[name] === undefined && !factors.some((factor) => factor.name === name)) {
      problems.add(`${name}: required (${descriptor.description}); give it as a factor or a fixed setting`);
    }
  }
  if (problems.size > 0) return { factors, points: [], problems: [...problems] };
  const applied = new Set<string>();
  const allLevels = combinations(factors);
  const idWidth = Math.max(2, String(allLevels.length).length);
  const points = allLevels.map((levels, index): PlannedPoint => {
    const settings: PointSettings = { ...defaults, ...(fixed as PointSettings), ...levels };
    for (const override of [...(spec.overrides ?? []), ...(profileSpec.overrides ?? [])]) if (matches(settings, override.when)) Object.assign(settings, override.set);
    const complete = { ...settings };
    for (const name of Object.keys(settings)) {
      const descriptor = executor.settings[name];
      if (descriptor?.appliesTo && !descriptor.appliesTo(complete)) delete settings[name];
      else applied.add(name);
    }
    for (const factor of factors) {
      if (!(factor.name in settings)) {
        problems.add(`factors.${factor.name}: does not apply at the point ${describeLevels(levels)} (it applies ${executor.settings[factor.name]?.appliesWhen ?? "elsewhere"}); narrow the factors or split the spec`);
      }
    }
    for (const problem of executor.checkPoint?.(settings) ?? []) problems.add(`the point ${describeLevels(levels)}: ${problem}`);
    return { index, id: `p${String(index + 1).padStart(idWidth, "0")}`, levels, settings };
  });
  for (const name of Object.keys(fixed)) {
    if (!applied.has(name)) problems.add(`fixed.${name}: applies ${executor.settings[name]?.appliesWhen ?? "elsewhere"}, and no point has that`);
  }
  return { factors, points, problems: [...problems] };
}
