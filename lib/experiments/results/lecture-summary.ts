/**
 * The lecture's summary of the results (§22, with the rest of §21's figures), rebuilt from sweeps: for
 * each condition (data in cache, disk-bound, the data set outgrowing the cache, Flash's caches, many
 * slow clients, faster disks), what the lecture says, how the architectures (or cache settings) ranked
 * in this data at the point that decides it, and whether the lecture's claims held (lecture-claims.ts).
 */
import { checkClaim, type LectureClaim, lectureClaims, verdictText } from "./lecture-claims.js";
import { choicesOf, chosenLevel, type LevelChoice, levelName, type SweepResults } from "./sweep-results.js";
import type { PointSummaryRow } from "../runner/summary.js";
import type { SettingValue } from "../runner/spec.js";

/** A row of the lecture's summary: a condition, the spec that measures it and where its ranking is read. */
export interface SummaryCondition {
  condition: string;
  spec: string;
  /** What the lecture says. */
  lecture: string;
  /** The factor ranked (arch or caches) and the metric it is ranked by. */
  rank: { factor: string; metric: string; unit: string };
  /** Where the ranking is read: a level of another factor, or its smallest or largest. */
  at?: LevelChoice | readonly LevelChoice[];
}

export const lectureSummaryConditions: readonly SummaryCondition[] = [
  {
    condition: "best case: one cached file (Figs 6–7)",
    spec: "single-file",
    lecture: "all alike; SPED best, AMPED a little lower; MT and MP lower; Apache lowest",
    rank: { factor: "arch", metric: "requestsPerCpuSecond", unit: "req per CPU-s" },
    at: { factor: "fileSizeKB", extreme: "smallest" },
  },
  {
    condition: "data in cache (Owlnet-like trace)",
    spec: "cached-trace",
    lecture: "SPED ≥ Flash (the residency test); SPED and Flash ≫ MT and MP; Apache lowest",
    rank: { factor: "arch", metric: "requestsPerCpuSecond", unit: "req per CPU-s" },
    at: { factor: "workload", level: "nasa-excerpt" },
  },
  {
    condition: "disk-bound (CS-like trace)",
    spec: "disk-bound-trace",
    lecture: "Flash ≫ SPED (SPED blocks); Flash ≥ MT > MP (only blocking I/O needs a context)",
    rank: { factor: "arch", metric: "throughputRps", unit: "req/s" },
    at: { factor: "disk", level: "sim" },
  },
  {
    condition: "data set outgrows the cache (Figs 9–10)",
    spec: "dataset-size",
    lecture: "alike while it fits; beyond, every server drops and Flash overtakes SPED",
    rank: { factor: "arch", metric: "throughputRps", unit: "req/s" },
    at: { factor: "datasetMB", extreme: "largest" },
  },
  {
    condition: "Flash's caches (Fig. 11)",
    spec: "optimizations",
    lecture: "each cache adds: all > path + data > path only > none",
    rank: { factor: "caches", metric: "requestsPerCpuSecond", unit: "conn per CPU-s" },
    at: { factor: "fileSizeKB", extreme: "smallest" },
  },
  {
    condition: "many slow clients (WAN, Fig. 12)",
    spec: "many-clients",
    lecture: "SPED and Flash flat; MT declines gradually, MP markedly",
    rank: { factor: "arch", metric: "throughputRps", unit: "req/s" },
    at: { factor: "clients", extreme: "largest" },
  },
  {
    condition: "a faster disk (0.1 ms, SSD-like)",
    spec: "disk-latency",
    lecture: "(flashlab's question) does AMPED still matter once a miss costs little?",
    rank: { factor: "arch", metric: "throughputRps", unit: "req/s" },
    at: [
      { factor: "diskLatencyMs", extreme: "smallest" },
      { factor: "diskParallelism", level: 4 },
    ],
  },
];

/** The summary rows at the condition's point: one per level of the ranked factor. */
function rowsAt(condition: SummaryCondition, rows: readonly PointSummaryRow[]): { rows: PointSummaryRow[]; where: string } {
  let selected = [...rows];
  const where: string[] = [];
  for (const at of choicesOf(condition.at)) {
    if (!selected.some((row) => at.factor in row)) continue; // a factor this sweep does not vary
    const chosen = chosenLevel(at, selected.map((row) => row[at.factor]));
    selected = selected.filter((row) => row[at.factor] === chosen);
    where.push(`${at.factor} = ${String(chosen)}`);
  }
  return { rows: selected, where: where.join(", ") };
}

/** "SPED 4,616 > AMPED (Flash) 3,900 > MT 963 (req per CPU-s)": the levels ranked by their mean. */
export function rankingText(rows: readonly PointSummaryRow[], factor: string, metric: string, unit: string): string {
  const ranked = rows
    .map((row) => ({ level: row[factor], mean: row[`${metric}Mean`] }))
    .filter((entry): entry is { level: SettingValue; mean: number } => entry.level !== null && entry.level !== undefined && typeof entry.mean === "number")
    .sort((a, b) => b.mean - a.mean);
  if (ranked.length === 0) return "no data";
  const formatted = ranked.map(({ level, mean }) => `${levelName(level)} ${Math.round(mean).toLocaleString("en-US")}`);
  return `${formatted.join(" > ")} (${unit})`;
}

/** One row of the rebuilt summary table. */
export type LectureSummaryRow = {
  condition: string;
  lecture: string;
  /** "this run" or the name of the source (e.g. "reference"), with where the ranking was read. */
  measured: string;
  ranking: string;
  /** The lecture's claims about this spec: "✔ 3 of 3", "✘ 1 of 2 (…)", or why nothing was checked. */
  claims: string;
};

function claimsText(claims: readonly LectureClaim[], results: SweepResults): string {
  if (claims.length === 0) return "";
  const outcomes = claims.map((claim) => checkClaim(claim, results.records));
  const measured = outcomes.filter((outcome) => outcome.holds !== null);
  if (measured.length === 0) return "not measured in this run";
  const held = measured.filter((outcome) => outcome.holds === true);
  const failed = measured.filter((outcome) => outcome.holds === false).map((outcome) => outcome.claim.statement.split(":")[0]!);
  const text = `${verdictText(failed.length === 0)} ${held.length} of ${measured.length} held`;
  return failed.length === 0 ? text : `${text}; not: ${failed.join("; ")}`;
}

/**
 * The lecture's summary table rebuilt from sweeps, keyed by spec name. A condition whose spec has no
 * sweep is listed with "not run", so the table always has the lecture's rows.
 */
export function lectureSummaryTable(sweeps: Readonly<Record<string, SweepResults | null | undefined>>, label = "this run"): LectureSummaryRow[] {
  return lectureSummaryConditions.map((condition) => {
    const results = sweeps[condition.spec];
    if (!results) return { condition: condition.condition, lecture: condition.lecture, measured: `${condition.spec}: not run`, ranking: "", claims: "" };
    const { rows, where } = rowsAt(condition, results.summaryRows);
    return {
      condition: condition.condition,
      lecture: condition.lecture,
      measured: `${label}: ${condition.spec}${where ? `, ${where}` : ""}`,
      ranking: rankingText(rows, condition.rank.factor, condition.rank.metric, condition.rank.unit),
      claims: claimsText(
        lectureClaims.filter((claim) => claim.spec === condition.spec),
        results,
      ),
    };
  });
}
