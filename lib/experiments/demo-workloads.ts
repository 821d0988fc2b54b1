/**
 * Small workloads for the notebooks' demonstrations: groups of same-sized files (`/<name>-<i>.bin`)
 * and a request stream that gives each group a share of the requests, cycling through a group's files
 * in order (so a large "cold" group is not asked twice for a file until it has been asked for all of
 * them). Built once under the workload cache folder, as the runner's workloads are, and reused by later
 * runs; served by a server (`docroot`) and requested by the load generator (`folder`).
 *
 *   const mix = await prepareDemoWorkload({ files: [
 *     { name: "hot", bytes: 4096, count: 20, share: 3 },    // 3 requests in 4
 *     { name: "cold", bytes: 8192, count: 2000, share: 1 }, // 1 in 4, each file once per 2000
 *   ] });
 */
import { createHash } from "node:crypto";
import type { GeneratedWorkload } from "../workloads/model.js";
import { buildWorkloadOnce, type PreparedWorkload, workloadCacheRoot } from "./server-load/workloads.js";

/** One group of same-sized files. */
export interface DemoFileGroup {
  /** The files are named /<name>-0.bin, /<name>-1.bin, …: letters, digits, "." "_" "~" and "-". */
  name: string;
  bytes: number;
  count: number;
  /** This group's weight in the request stream (default 1); 0: in the docroot, never requested. */
  share?: number;
}

export interface DemoWorkloadOptions {
  files: readonly DemoFileGroup[];
  /** Length of the request stream (the load generator cycles through it). Default 10,000. */
  requests?: number;
}

/** Bumped when the layout below changes, so old folders are not reused. */
const layoutVersion = 1;

function checkGroups(options: DemoWorkloadOptions): void {
  if (options.files.length === 0) throw new RangeError("a demo workload needs at least one group of files");
  const names = new Set<string>();
  for (const group of options.files) {
    if (!/^[A-Za-z0-9._~-]+$/.test(group.name)) throw new RangeError(`a file group's name may hold letters, digits, ".", "_", "~" and "-"; got ${JSON.stringify(group.name)}`);
    if (names.has(group.name)) throw new RangeError(`two file groups are named ${JSON.stringify(group.name)}`);
    names.add(group.name);
    if (!Number.isInteger(group.bytes) || group.bytes < 0) throw new RangeError(`${group.name}: bytes must be a whole number ≥ 0; got ${group.bytes}`);
    if (!Number.isInteger(group.count) || group.count < 1) throw new RangeError(`${group.name}: count must be a whole number ≥ 1; got ${group.count}`);
    const share = group.share ?? 1;
    if (!(share >= 0 && Number.isFinite(share))) throw new RangeError(`${group.name}: share must be a finite number ≥ 0; got ${share}`);
  }
  if (options.files.every((group) => (group.share ?? 1) === 0)) throw new RangeError("at least one file group needs a share above 0");
  const requests = options.requests ?? 10_000;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`requests must be a whole number ≥ 1; got ${requests}`);
}

/**
 * The workload in memory: the files, and a stream in which group g gets share_g / Σ shares of the
 * requests, spread evenly (smooth weighted round robin: no long runs of one group), each group cycling
 * through its own files. Deterministic. Throws a RangeError for a bad group or count.
 */
export function makeDemoWorkload(options: DemoWorkloadOptions): GeneratedWorkload {
  checkGroups(options);
  const files = options.files.flatMap((group) => Array.from({ length: group.count }, (_, index) => ({ path: `/${group.name}-${index}.bin`, bytes: group.bytes })));
  const firstFile: number[] = [];
  let offset = 0;
  for (const group of options.files) {
    firstFile.push(offset);
    offset += group.count;
  }
  const shares = options.files.map((group) => group.share ?? 1);
  const total = shares.reduce((sum, share) => sum + share, 0);
  const credit = shares.map(() => 0);
  const next = shares.map(() => 0);
  const requestFiles: number[] = [];
  for (let request = 0; request < (options.requests ?? 10_000); request++) {
    let chosen = 0;
    for (let group = 0; group < shares.length; group++) {
      credit[group]! += shares[group]!;
      if (credit[group]! > credit[chosen]!) chosen = group;
    }
    credit[chosen]! -= total;
    requestFiles.push(firstFile[chosen]! + next[chosen]!);
    next[chosen] = (next[chosen]! + 1) % options.files[chosen]!.count;
  }
  return { kind: "fixed", seed: null, parameters: { demo: true, files: options.files, requests: requestFiles.length }, files, requestFiles };
}

/** The demo workload's folder, built if missing (see the module comment). */
export function prepareDemoWorkload(options: DemoWorkloadOptions, root = workloadCacheRoot()): Promise<PreparedWorkload> {
  checkGroups(options);
  const hash = createHash("sha256").update(JSON.stringify({ layoutVersion, files: options.files, requests: options.requests ?? 10_000 })).digest("hex").slice(0, 12);
  return buildWorkloadOnce(`demo-${hash}`, () => makeDemoWorkload(options), root);
}
