/**
 * The workload folders a sweep serves, built once and reused: one file of a given size, the NASA
 * trace excerpt (datasets/traces), or a SURGE-like or SPECweb96-like set of a given size, each built
 * by lib/workloads from the spec's seed, so every run of a sweep (and every sweep with the same seed)
 * serves the same files. Folders live under the system's temp directory, named by a hash of what they
 * hold; a folder is built beside its final name and renamed into place, so a half-built one is never used.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../runtime/paths.js";
import { makeSingleFileWorkload } from "../../workloads/fixed.js";
import { readManifest } from "../../workloads/loader.js";
import type { GeneratedWorkload, WorkloadManifest } from "../../workloads/model.js";
import { makeSpecweb96Workload } from "../../workloads/specweb96.js";
import { makeSurgeWorkload } from "../../workloads/surge.js";
import { makeTraceWorkload } from "../../workloads/trace.js";
import { writeWorkload } from "../../workloads/writer.js";
import type { PointSettings } from "../runner/spec.js";

/** The NASA-HTTP excerpt shipped with flashlab. */
export const nasaExcerptTrace = join(projectRoot, "datasets", "traces", "NASA_access_log_Aug95_excerpt");

/** SURGE's Pareto tail is clipped at 1 MiB, the top of SPECweb96's largest class, so one file cannot take most of a set. */
const surgeMaxFileBytes = 1 << 20;

/** Bumped when the recipes below change, so old folders are not reused. */
const recipeVersion = 1;

/** What a workload folder holds. */
export type WorkloadRecipe =
  | { kind: "single"; fileBytes: number }
  | { kind: "trace"; trace: string }
  | { kind: "surge"; targetBytes: number; requests: number; seed: number }
  | { kind: "specweb96"; targetBytes: number; requests: number; seed: number };

/** The recipe of a point's workload. */
export function workloadRecipe(settings: PointSettings, seed: number): WorkloadRecipe {
  const megabytes = (value: unknown) => Math.round(Number(value) * 1024 * 1024);
  switch (settings.workload) {
    case "nasa-excerpt":
      return { kind: "trace", trace: nasaExcerptTrace };
    case "surge":
      return { kind: "surge", targetBytes: megabytes(settings.datasetMB), requests: Number(settings.workloadRequests), seed };
    case "specweb96":
      return { kind: "specweb96", targetBytes: megabytes(settings.datasetMB), requests: Number(settings.workloadRequests), seed };
    default:
      return { kind: "single", fileBytes: Math.round(Number(settings.fileSizeKB ?? 1) * 1024) };
  }
}

/** A name for the recipe's folder: its kind and a hash of its parameters. */
export function workloadFolderName(recipe: WorkloadRecipe): string {
  const hash = createHash("sha256").update(JSON.stringify({ recipeVersion, ...recipe })).digest("hex").slice(0, 12);
  return `${recipe.kind}-${hash}`;
}

/** The workload a recipe describes, in memory (files and request stream; nothing written). */
export async function generateWorkload(recipe: WorkloadRecipe): Promise<GeneratedWorkload> {
  switch (recipe.kind) {
    case "single":
      return makeSingleFileWorkload({ fileBytes: recipe.fileBytes, requests: 1 });
    case "trace":
      return makeTraceWorkload({ trace: recipe.trace });
    case "surge":
      return makeSurgeWorkload({ targetBytes: recipe.targetBytes, requests: recipe.requests, seed: recipe.seed, temporalLocality: true, maxFileBytes: surgeMaxFileBytes });
    case "specweb96":
      return makeSpecweb96Workload({ targetBytes: recipe.targetBytes, requests: recipe.requests, seed: recipe.seed });
  }
}

/** A built workload: its folder (give it to the load generator) and its manifest. */
export interface PreparedWorkload {
  folder: string;
  docroot: string;
  manifest: WorkloadManifest;
}

/** The folder that holds built workloads (FLASHLAB_WORKLOAD_CACHE, else the temp directory). */
export function workloadCacheRoot(): string {
  return process.env.FLASHLAB_WORKLOAD_CACHE ?? join(tmpdir(), "flashlab-experiment-workloads");
}

/** Builds the recipe's folder unless a complete one exists (calling `onBuild` first when it must build); returns it. */
export function prepareWorkload(recipe: WorkloadRecipe, root = workloadCacheRoot(), onBuild?: () => void): Promise<PreparedWorkload> {
  return buildWorkloadOnce(workloadFolderName(recipe), () => generateWorkload(recipe), root, onBuild);
}

/**
 * The workload folder `name` under `root`: built from `generate()` unless a complete one exists
 * (calling `onBuild` first when it must build). Built beside its final name and renamed into place.
 */
export async function buildWorkloadOnce(name: string, generate: () => Promise<GeneratedWorkload> | GeneratedWorkload, root = workloadCacheRoot(), onBuild?: () => void): Promise<PreparedWorkload> {
  const folder = join(root, name);
  const existing = await readManifest(join(folder, "manifest.json")).catch(() => undefined);
  if (existing !== undefined) return { folder, docroot: join(folder, existing.docroot), manifest: existing };
  onBuild?.();
  await mkdir(root, { recursive: true });
  const building = `${folder}.building-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const manifest = await writeWorkload(await generate(), building);
    const finishedMeanwhile = await readManifest(join(folder, "manifest.json")).catch(() => undefined);
    if (finishedMeanwhile !== undefined) return { folder, docroot: join(folder, finishedMeanwhile.docroot), manifest: finishedMeanwhile };
    await rm(folder, { recursive: true, force: true }); // an incomplete leftover of an interrupted build
    await rename(building, folder).catch(async (error: NodeJS.ErrnoException) => {
      // Another sweep finished the same folder first: theirs is as good as ours.
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
    return { folder, docroot: join(folder, manifest.docroot), manifest };
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}
