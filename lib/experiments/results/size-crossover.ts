/**
 * Where Flash (AMPED) overtakes SPED as the data set grows through a fixed cache (paper Figs 9–10, the
 * lecture's §23 quiz), read from a `dataset-size` sweep: at each data-set size, the paired ratio of
 * AMPED's to SPED's throughput (paired-ratios.ts), and the crossover, the smallest size from which
 * AMPED leads by at least the threshold at that size and every larger one. Sizes are also given as
 * built: a SPECweb96-like set comes in whole directories of about 4.9 MB, so "24 MB" holds 24.4 MB.
 */
import type { RunRecord } from "../runner/run-folder.js";
import type { PointSummaryRow } from "../runner/summary.js";
import { pairedRatio } from "./paired-ratios.js";
import { distinctLevels, type SweepResults } from "./sweep-results.js";

const bytesPerMB = 1024 * 1024;

export interface SizeCrossoverOptions {
  /** The metric compared (default throughputRps). */
  metric?: string;
  /** AMPED ÷ SPED at or above this counts as AMPED ahead (default 1.15). */
  threshold?: number;
}

export interface SizeCrossoverLevel {
  /** The size the spec asked for. */
  datasetMB: number;
  /** The size of the set as built, when the runs recorded it. */
  builtMB: number | null;
  /** Median over blocks of AMPED ÷ SPED; null when one of them has no run here. */
  ratio: number | null;
  ratios: number[];
}

export interface SizeCrossover {
  /** The buffer cache's size (the machine's memory in the paper). */
  cacheMB: number | null;
  metric: string;
  threshold: number;
  levels: SizeCrossoverLevel[];
  /** The first level from which AMPED stays ahead; null when it never does. */
  crossover: SizeCrossoverLevel | null;
  /** Where that level's set lies against the cache: "below" (it fits) or "above" (it does not); null without a crossover. */
  side: "below" | "above" | null;
}

function builtSize(records: readonly RunRecord[], datasetMB: number): number | null {
  for (const record of records) {
    if (record.levels.datasetMB !== datasetMB) continue;
    const bytes = (record.details.workload as { bytes?: unknown } | undefined)?.bytes;
    if (typeof bytes === "number") return bytes / bytesPerMB;
  }
  return null;
}

/** The crossover of a dataset-size sweep (any sweep whose factors are arch, with sped and amped, and datasetMB). */
export function sizeCrossover(results: SweepResults, options: SizeCrossoverOptions = {}): SizeCrossover {
  const metric = options.metric ?? "throughputRps";
  const threshold = options.threshold ?? 1.15;
  const records = results.records;
  const sizes = distinctLevels(records.map((record) => record.levels.datasetMB)).filter((level): level is number => typeof level === "number");
  if (sizes.length === 0) throw new Error("sizeCrossover needs a sweep with datasetMB as a factor (the dataset-size spec)");
  const levels = sizes.map((datasetMB): SizeCrossoverLevel => {
    const paired = pairedRatio(records, metric, { arch: "amped", datasetMB }, { arch: "sped", datasetMB });
    return { datasetMB, builtMB: builtSize(records, datasetMB), ratio: paired.median, ratios: paired.ratios };
  });
  let crossover: SizeCrossoverLevel | null = null;
  for (let index = levels.length - 1; index >= 0; index--) {
    const ratio = levels[index]!.ratio;
    if (ratio === null || ratio < threshold) break;
    crossover = levels[index]!;
  }
  const cache = records.find((record) => typeof record.settings.cacheMB === "number")?.settings.cacheMB;
  const cacheMB = typeof cache === "number" ? cache : null;
  const size = crossover ? (crossover.builtMB ?? crossover.datasetMB) : null;
  const side = size === null || cacheMB === null ? null : size <= cacheMB ? "below" : "above";
  return { cacheMB, metric, threshold, levels, crossover, side };
}

/**
 * The summary rows of a sweep with `setOverCache` added: the data set as built divided by the buffer
 * cache's size, so that sweeps with different caches (the quick profile's 8 MB, the full one's 32 MB)
 * share one axis. Rows whose runs did not record the set's size keep the asked size.
 */
export function rowsWithSetOverCache(results: SweepResults): Array<PointSummaryRow & { setOverCache: number | null }> {
  return results.summaryRows.map((row) => {
    const record = results.records.find((candidate) => Object.entries(candidate.levels).every(([name, value]) => row[name] === value));
    const cache = record?.settings.cacheMB;
    const datasetMB = typeof row.datasetMB === "number" ? row.datasetMB : null;
    if (!record || typeof cache !== "number" || cache <= 0 || datasetMB === null) return { ...row, setOverCache: null };
    const built = builtSize(results.records, datasetMB) ?? datasetMB;
    return { ...row, setOverCache: Math.round((built / cache) * 1000) / 1000 };
  });
}
