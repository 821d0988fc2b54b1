/**
 * Comparing the environments of runs that are to be read as one result, such as the shards of a sweep
 * run on several machines. A difference in the code that ran (flashlab's commit or version, the Node
 * version) makes the runs different experiments: it is fatal. A difference in the machines (host, CPU
 * model, cores, memory, OS, the CPUs a run could use, a checkout with local changes) is part of the
 * testbed's description: it is reported, and a reader decides. The load average varies anyway; its
 * range over the runs is reported.
 */
import type { EnvironmentRecord } from "./environment.js";

/** Where an environment came from, in words ("shard 2 of 4"), and the environment. */
export interface EnvironmentSource {
  label: string;
  environment: EnvironmentRecord;
}

/** One field whose value is not the same everywhere, with the sources of each value. */
export interface EnvironmentDifference {
  field: string;
  fatal: boolean;
  values: Array<{ value: string; sources: string[] }>;
}

const gib = 1024 ** 3;

/** The fields compared, each read as text (null: "unknown"); the fatal ones first. */
const comparedFields: ReadonlyArray<{ field: string; fatal: boolean; read: (environment: EnvironmentRecord) => string | null }> = [
  { field: "flashlab commit", fatal: true, read: (environment) => environment.gitCommit },
  { field: "flashlab version", fatal: true, read: (environment) => environment.flashlabVersion },
  { field: "Node.js version", fatal: true, read: (environment) => environment.nodeVersion },
  { field: "host", fatal: false, read: (environment) => environment.hostname ?? null },
  { field: "CPU model", fatal: false, read: (environment) => environment.cpuModel },
  { field: "logical cores", fatal: false, read: (environment) => (environment.logicalCores === null ? null : String(environment.logicalCores)) },
  { field: "memory", fatal: false, read: (environment) => (environment.memory === null ? null : `${(environment.memory.totalBytes / gib).toFixed(1)} GiB`) },
  { field: "OS", fatal: false, read: (environment) => (environment.os === null ? null : `${environment.os.type} ${environment.os.release} ${environment.os.arch}`) },
  { field: "CPUs allowed", fatal: false, read: (environment) => environment.cpuAffinity?.list ?? null },
  { field: "local changes to the checkout", fatal: false, read: (environment) => (environment.gitDirty === null ? null : environment.gitDirty ? "yes" : "no") },
];

/** Every compared field whose value differs between the sources, fatal ones first. */
export function compareEnvironments(sources: readonly EnvironmentSource[]): EnvironmentDifference[] {
  const differences: EnvironmentDifference[] = [];
  for (const { field, fatal, read } of comparedFields) {
    const byValue = new Map<string, string[]>();
    for (const source of sources) {
      const value = read(source.environment) ?? "unknown";
      const labels = byValue.get(value) ?? [];
      if (!labels.includes(source.label)) labels.push(source.label);
      byValue.set(value, labels);
    }
    if (byValue.size > 1) differences.push({ field, fatal, values: [...byValue].map(([value, labels]) => ({ value, sources: labels })) });
  }
  return differences;
}

/** 'CPU model differs: "Xeon" (shard 1 of 2), "EPYC" (shard 2 of 2)'. */
export function describeDifference(difference: EnvironmentDifference, prefix = ""): string {
  const values = difference.values.map(({ value, sources }) => `${JSON.stringify(value)} (${sources.join(", ")})`).join(", ");
  return `${prefix}${difference.field} differs: ${values}`;
}

/** "load average (1 min) around the runs: 0.52 to 9.81", or undefined when no run recorded one. */
export function loadAverageRange(loadAverages: ReadonlyArray<{ before: number[] | null; after: number[] | null }>): string | undefined {
  const values = loadAverages.flatMap((load) => [load.before?.[0], load.after?.[0]]).filter((value): value is number => typeof value === "number");
  if (values.length === 0) return undefined;
  return `load average (1 min) around the runs: ${Math.min(...values).toFixed(2)} to ${Math.max(...values).toFixed(2)}`;
}
