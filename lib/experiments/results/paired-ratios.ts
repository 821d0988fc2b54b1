/**
 * Paired ratios: how two points of one sweep compare, repetition by repetition. The runner orders a
 * sweep in blocks (every point once per repetition, lecture §24–25), so the runs of one block ran close
 * together in time and saw the same state of the machine; the ratio of two points within a block
 * cancels most of what the machine's other work did to both, and the median over blocks discards a
 * block that went wrong. This is how flashlab checks an ordering on a shared, noisy machine.
 */
import { median } from "simple-statistics";
import type { RunRecord } from "../runner/run-folder.js";
import type { PointSettings, SettingValue } from "../runner/spec.js";

/** Levels that pick runs: every named factor must have exactly this level. */
export type LevelSelector = Readonly<Record<string, SettingValue>>;

/** One metric of two points compared block by block. */
export interface PairedRatio {
  /** numerator ÷ denominator in each repetition block where both ran ok, in block order. */
  ratios: number[];
  /** The blocks those ratios come from. */
  reps: number[];
  /** The median of the ratios; null when no block has both. */
  median: number | null;
}

/** True when `levels` has every level `selector` names. */
export function matchesLevels(levels: PointSettings, selector: LevelSelector): boolean {
  return Object.entries(selector).every(([name, value]) => levels[name] === value);
}

/** The metric of the one ok run matching `selector` in block `rep`; throws when the selector matches runs of several points. */
function valueIn(records: readonly RunRecord[], metric: string, selector: LevelSelector, rep: number): number | null {
  const matching = records.filter((record) => record.rep === rep && record.status === "ok" && matchesLevels(record.levels, selector));
  const points = new Set(matching.map((record) => record.point));
  if (points.size > 1) {
    throw new Error(`the levels ${JSON.stringify(selector)} match ${points.size} points (${[...points].join(", ")}); name a level of every factor that varies`);
  }
  const value = matching[0]?.metrics[metric];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The ratio of `metric` at `numerator` to `metric` at `denominator`, block by block, and its median.
 * A block where either run failed, lacks the metric, or where the denominator is 0 is left out.
 */
export function pairedRatio(records: readonly RunRecord[], metric: string, numerator: LevelSelector, denominator: LevelSelector): PairedRatio {
  const blocks = [...new Set(records.map((record) => record.rep))].sort((a, b) => a - b);
  const ratios: number[] = [];
  const reps: number[] = [];
  for (const rep of blocks) {
    const top = valueIn(records, metric, numerator, rep);
    const bottom = valueIn(records, metric, denominator, rep);
    if (top === null || bottom === null || bottom === 0) continue;
    ratios.push(top / bottom);
    reps.push(rep);
  }
  return { ratios, reps, median: ratios.length === 0 ? null : median(ratios) };
}
