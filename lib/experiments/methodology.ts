/**
 * The lecture's §20 as code: the three questions every comparison answers (which systems, which
 * workloads, which metrics), for the Flash paper and for flashlab's reproduction of it.
 * - Comparison points: the paper's servers beside flashlab's, all on one request pipeline, differing
 *   only in dispatch (the architectures' own declarations), with the pools the specs give them.
 * - Workloads: the very data sets the built-in specs serve (the NASA trace excerpt and the SPECweb96-like
 *   set standing for the Owlnet trace, the SURGE-like set for the CS trace), built in memory from the
 *   specs' recipes, with their sizes, their popularity and, for the trace, its flaws.
 */
import { architectures } from "../servers/registry.js";
import type { ArchitectureName } from "../servers/types.js";
import type { GeneratedWorkload } from "../workloads/model.js";
import { requestCountsByRank, topFilesRequestShare, zipfExponent } from "../workloads/popularity.js";
import { computeWorkloadStats } from "../workloads/stats.js";
import { planSweep } from "./runner/plan.js";
import { checkSpec } from "./runner/spec-check.js";
import type { ExperimentProfile } from "./runner/spec.js";
import { generateWorkload, workloadFolderName, workloadRecipe } from "./server-load/workloads.js";
import { paperWorkers, quickWorkers } from "./server-load/testbed.js";
import { builtinSpec } from "./specs/index.js";

/** One comparison point: the paper's server and flashlab's. */
export type ComparisonPoint = {
  server: string;
  /** How the paper ran it (lecture §20). */
  paper: string;
  arch: ArchitectureName;
  /** flashlab's architecture: its contexts and who blocks whom (its own declaration). */
  flashlab: string;
  /** Execution contexts in the full profile (the paper's pools) and in the quick one. */
  contexts: string;
  /** Flash's caches exist once per this kind of context. */
  cachesPer: string;
};

const paperServers: ReadonlyArray<{ server: string; paper: string; arch: ArchitectureName }> = [
  { server: "Flash", paper: "AMPED: one event loop plus helper processes for disk reads; 128 MB mapped-file cache, 6000-entry pathname cache", arch: "amped" },
  { server: "Flash-SPED", paper: "one process, one thread, one event loop; the same caches", arch: "sped" },
  { server: "Zeus", paper: "a commercial SPED server, run as 2 processes", arch: "zeus" },
  { server: "Flash-MT", paper: "64 threads (boss/workers); one shared 128 MB mapped-file cache", arch: "mt" },
  { server: "Flash-MP", paper: "32 single-threaded processes, each with its own 4 MB mapped-file cache (processes cannot share one)", arch: "mp" },
  { server: "Apache 1.3.1", paper: "MP (a pool of processes), without Flash's optimizations", arch: "apache" },
];

function contextsOf(arch: ArchitectureName): string {
  const workers = (pool: { mp: number; mt: number; zeus: number }) => (arch === "mp" || arch === "mt" || arch === "zeus" ? pool[arch] : undefined);
  switch (arch) {
    case "mp":
    case "zeus":
      return `${workers(paperWorkers)} processes (quick: ${workers(quickWorkers)})`;
    case "mt":
      return `${workers(paperWorkers)} threads (quick: ${workers(quickWorkers)})`;
    case "amped":
      return "1 event loop + 4 helper processes";
    case "sped":
      return "1 event loop";
    default:
      return "processes × threads, the pool growing and shrinking with load";
  }
}

/** The paper's comparison points beside flashlab's. */
export function comparisonPoints(): ComparisonPoint[] {
  return paperServers.map(({ server, paper, arch }) => ({
    server,
    paper,
    arch,
    flashlab: architectures[arch].summary,
    contexts: contextsOf(arch),
    cachesPer: architectures[arch].cachesPer + (arch === "apache" ? " (switched off in the specs, as Apache had none)" : ""),
  }));
}

/** A data set a built-in spec serves, in memory. */
export interface SpecWorkload {
  label: string;
  spec: string;
  /** Which of the paper's traces it stands for. */
  standsFor: string;
  /** The simulated buffer cache it is served through, MB (the machine's memory in the paper). */
  cacheMB: number | null;
  workload: GeneratedWorkload;
}

const standsFor: Readonly<Record<string, string>> = {
  "cached-trace": "Owlnet (student pages): mostly fits in memory",
  "disk-bound-trace": "CS department: much larger than memory",
};

function labelOf(workload: GeneratedWorkload): string {
  const megabytes = Math.round(workload.files.reduce((sum, file) => sum + file.bytes, 0) / 2 ** 20);
  if (workload.kind === "trace") return "NASA-HTTP trace excerpt";
  return `${workload.kind === "surge" ? "SURGE-like" : "SPECweb96-like"} set, ${megabytes} MB`;
}

/**
 * The data sets of the cached-trace and disk-bound-trace specs under a profile, built in memory from the
 * same recipes (and seeds) as the runs use; nothing is written. Takes a second or two.
 */
export async function lectureWorkloads(profile: ExperimentProfile = "full"): Promise<SpecWorkload[]> {
  const found: SpecWorkload[] = [];
  const seen = new Set<string>();
  for (const name of ["cached-trace", "disk-bound-trace"]) {
    const spec = checkSpec(builtinSpec(name)!);
    for (const point of planSweep(spec, { profile }).points) {
      if (point.settings.disk === "cold") continue; // the same files as the simulated disk's
      const recipe = workloadRecipe(point.settings, spec.seed);
      const key = workloadFolderName(recipe);
      if (seen.has(key)) continue;
      seen.add(key);
      const workload = await generateWorkload(recipe);
      const cache = point.settings.cacheMB;
      found.push({ label: labelOf(workload), spec: name, standsFor: standsFor[name]!, cacheMB: typeof cache === "number" ? cache : null, workload });
    }
  }
  return found;
}

const kilobytes = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** One row per data set: size, file sizes, how skewed its requests are, and what it stands for. */
export function workloadSummaryRows(workloads: readonly SpecWorkload[]): Array<Record<string, string | number | null>> {
  return workloads.map(({ label, spec, standsFor: stands, cacheMB, workload }) => {
    const stats = computeWorkloadStats(workload.files, workload.requestFiles);
    const ranked = requestCountsByRank(workload.requestFiles, workload.files.length);
    const alpha = zipfExponent(ranked);
    return {
      workload: label,
      spec,
      standsFor: stands,
      files: stats.fileCount,
      dataMB: Math.round((stats.totalBytes / 2 ** 20) * 10) / 10,
      cacheMB,
      medianFileKB: kilobytes(stats.fileSizeQuantiles.p50),
      meanFileKB: kilobytes(stats.fileSizeQuantiles.mean),
      meanRequestKB: kilobytes(stats.meanRequestBytes),
      requests: stats.requestCount,
      top10PctFilesShare: Math.round(topFilesRequestShare(ranked, 0.1) * 1000) / 1000,
      zipfAlpha: alpha === null ? null : Math.round(alpha * 100) / 100,
    };
  });
}

/** A trace's flaws: what the log held that a replay cannot use as it is, and what the reader did. */
export function traceFlawRows(workload: GeneratedWorkload): Array<{ flaw: string; count: number; handling: string }> {
  const trace = workload.trace;
  if (!trace) throw new Error("traceFlawRows needs a trace workload (kind trace)");
  const skipped = trace.skipped;
  return [
    { flaw: "records broken across two lines by a stray line break", count: trace.rejoinedLines, handling: "joined back into one entry" },
    { flaw: "lines cut off (the excerpt ends mid-line)", count: skipped.truncated, handling: "skipped" },
    { flaw: "lines that are not Common Log Format, or blank", count: skipped.malformed + skipped.blank, handling: "skipped" },
    { flaw: "requests that are not GET (HEAD, POST)", count: skipped["non-GET"], handling: "skipped" },
    { flaw: "errors and redirects (4xx, 5xx, 3xx other than 304)", count: skipped["bad-status"], handling: "skipped: they name nothing to serve" },
    { flaw: "targets that are not safe file names (query strings, spaces, fragments, '..')", count: workload.renamedPaths?.length ?? 0, handling: "stored under a safe name (paths.tsv maps them back)" },
    { flaw: "targets that name no file at all", count: skipped["bad-path"] + skipped["bad-request"], handling: "skipped" },
    { flaw: "files whose size the log never shows ('-' bytes, or only 304s)", count: skipped["no-size"], handling: "skipped: no size to build the file with" },
    { flaw: "timestamps earlier than the line before", count: trace.reorderedTimestamps, handling: "only matters for a timed replay (raised to the previous one)" },
  ];
}
