/**
 * A SURGE-like synthetic web workload (after Barford & Crovella, "Generating Representative Web
 * Workloads for Network and Server Performance Evaluation", SIGMETRICS 1998): heavy-tailed file
 * sizes, Zipf popularity, and optional temporal locality from an LRU stack-distance model.
 *
 * Parameters and where they come from:
 * - File sizes: a lognormal body (μ = 9.357, σ = 1.318, in ln bytes) and a Pareto tail (k = 133,000
 *   bytes, α = 1.1). These four values are SURGE's published file-size model.
 * - Where the body ends: the body is the lognormal truncated at k and the tail is Pareto from k, so
 *   the CDF is continuous when the body's share is F_lognormal(k) ≈ 0.968, flashlab's default. SURGE's
 *   own split between body and tail is not reproduced here from the paper (figures near 93% are quoted
 *   for it); pass `bodyFraction` to use another share.
 * - Popularity: Zipf over files with exponent 1 (SURGE's model; a parameter here). Which file gets
 *   which rank is a seeded random permutation, so size and popularity are independent. SURGE also
 *   matched sizes to popularities so that transfer sizes fit a separate distribution; that step is not
 *   reproduced.
 * - Temporal locality (optional): each file gets its exact Zipf share of the requests, and the order is
 *   built with an LRU stack: each request draws a stack depth from a lognormal (μ = 1.5, σ = 0.8, as we
 *   recall SURGE's stack-distance model; a parameter here) and takes the file at that depth that still
 *   has requests left, moving it to the top. Without it, requests are independent Zipf draws.
 */
import { createDiscreteSampler, normalCdf, normalQuantile, sampleLognormal, sampleParetoTail, shuffledIndices, zipfWeights } from "./distributions.js";
import type { GeneratedWorkload, WorkloadFile } from "./model.js";
import { createRng } from "../runtime/random.js";
import type { Rng } from "../runtime/random.js";

/** SURGE's hybrid file-size model. */
export interface SurgeSizeModel {
  bodyMu: number;
  bodySigma: number;
  tailK: number;
  tailAlpha: number;
  /** Share of files in the lognormal body (the rest are in the Pareto tail). */
  bodyFraction: number;
}

/** Barford & Crovella's file-size parameters, with the continuous splice at k as the body share. */
export const surgeSizeModel: SurgeSizeModel = {
  bodyMu: 9.357,
  bodySigma: 1.318,
  tailK: 133_000,
  tailAlpha: 1.1,
  bodyFraction: normalCdf((Math.log(133_000) - 9.357) / 1.318),
};

/** The stack-distance lognormal of the temporal-locality model (μ, σ in ln depth). */
export const surgeStackDistance = { mu: 1.5, sigma: 0.8 };

function checkModel(model: SurgeSizeModel): void {
  if (!(model.bodyFraction > 0 && model.bodyFraction <= 1)) throw new RangeError(`bodyFraction must lie in (0, 1]; got ${model.bodyFraction}`);
  if (!(model.bodySigma > 0 && model.tailK > 0 && model.tailAlpha > 0)) throw new RangeError(`bodySigma (σ), tailK (k) and tailAlpha (α) must all be > 0; got ${model.bodySigma}, ${model.tailK}, ${model.tailAlpha}`);
}

/**
 * The analytic q-quantile (0 < q < 1) of the hybrid size model, in bytes (not rounded):
 * for q ≤ p (p the body share) the lognormal truncated at k, exp(μ + σ Φ⁻¹(q · F(k) / p));
 * above, the Pareto tail, k · ((1 − q) / (1 − p))^(−1/α).
 */
export function surgeSizeQuantile(q: number, model: SurgeSizeModel = surgeSizeModel): number {
  checkModel(model);
  if (!(q > 0 && q < 1)) throw new RangeError(`a quantile must lie in (0, 1); got ${q}`);
  const p = model.bodyFraction;
  if (q <= p) {
    const bodyAtK = normalCdf((Math.log(model.tailK) - model.bodyMu) / model.bodySigma);
    return Math.exp(model.bodyMu + model.bodySigma * normalQuantile((q * bodyAtK) / p));
  }
  return model.tailK * ((1 - q) / (1 - p)) ** (-1 / model.tailAlpha);
}

/**
 * One file size from the hybrid model, in whole bytes (≥ 1): with probability p a lognormal draw
 * conditioned on being ≤ k (by rejection; it is accepted ~97% of the time), else a Pareto draw.
 */
export function sampleSurgeFileBytes(rng: Rng, model: SurgeSizeModel = surgeSizeModel): number {
  let bytes: number;
  if (rng.next() < model.bodyFraction) {
    do bytes = sampleLognormal(rng, model.bodyMu, model.bodySigma);
    while (bytes > model.tailK);
  } else {
    bytes = sampleParetoTail(rng, model.tailK, model.tailAlpha);
  }
  return Math.max(1, Math.round(bytes));
}

/** The URL path of SURGE file `index`: 100 files per folder, /surge/d000/f000042. */
export function surgeFilePath(index: number): string {
  return `/surge/d${String(Math.floor(index / 100)).padStart(3, "0")}/f${String(index).padStart(6, "0")}`;
}

export interface SurgeOptions {
  /** Number of files; or give `targetBytes` to draw files until their total reaches it. */
  files?: number;
  targetBytes?: number;
  requests: number;
  seed: number;
  zipfAlpha?: number;
  /** Order requests with the LRU stack-distance model (temporal locality). */
  temporalLocality?: boolean;
  sizeModel?: Partial<SurgeSizeModel>;
  /** Sizes above this are clipped to it (the count of clipped files is recorded). */
  maxFileBytes?: number;
}

/**
 * Exact request counts per popularity rank: floor(requests · pᵢ) plus one more for the ranks with
 * the largest remainders, so that they sum to `requests`.
 */
export function apportionRequests(probabilities: readonly number[], requests: number): number[] {
  const exact = probabilities.map((p) => p * requests);
  const counts = exact.map(Math.floor);
  let missing = requests - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    counts[index]!++;
    missing--;
  }
  return counts;
}

/**
 * Orders requests so that re-references follow the stack-distance model: `counts[f]` requests for
 * file f, the stack initially in `initialOrder` (last = top). O(requests · mean depth).
 */
export function orderWithStackDistances(counts: readonly number[], initialOrder: readonly number[], rng: Rng, distance = surgeStackDistance): number[] {
  const remaining = [...counts];
  const stack = initialOrder.filter((file) => (remaining[file] ?? 0) > 0);
  const total = remaining.reduce((sum, count) => sum + count, 0);
  const order = new Array<number>(total);
  for (let index = 0; index < total; index++) {
    const depth = Math.min(stack.length - 1, Math.floor(sampleLognormal(rng, distance.mu, distance.sigma)));
    const position = stack.length - 1 - depth;
    const file = stack[position]!;
    stack.splice(position, 1);
    order[index] = file;
    if (--remaining[file]! > 0) stack.push(file);
  }
  return order;
}

/** Builds a SURGE-like workload; see the module comment for the model and its sources. */
export function makeSurgeWorkload(options: SurgeOptions): GeneratedWorkload {
  const model: SurgeSizeModel = { ...surgeSizeModel, ...options.sizeModel };
  checkModel(model);
  if (!Number.isInteger(options.requests) || options.requests < 1) throw new RangeError(`the number of requests must be a whole number ≥ 1; got ${options.requests}`);
  if (options.files === undefined && options.targetBytes === undefined) throw new RangeError("give SURGE a number of files or a target data-set size");
  if (options.files !== undefined && (!Number.isInteger(options.files) || options.files < 1)) throw new RangeError(`the number of files must be a whole number ≥ 1; got ${options.files}`);
  if (options.targetBytes !== undefined && !(options.targetBytes >= 1)) throw new RangeError(`a target data-set size must be ≥ 1 byte; got ${options.targetBytes}`);
  const zipfAlpha = options.zipfAlpha ?? 1;
  const rng = createRng(options.seed);
  const sizes: number[] = [];
  let total = 0;
  let clipped = 0;
  const draw = (): number => {
    const bytes = sampleSurgeFileBytes(rng, model);
    if (options.maxFileBytes !== undefined && bytes > options.maxFileBytes) {
      clipped++;
      return options.maxFileBytes;
    }
    return bytes;
  };
  if (options.files !== undefined) {
    for (let index = 0; index < options.files; index++) sizes.push(draw());
    total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  } else {
    const target = Math.floor(options.targetBytes!);
    while (total < target) {
      const bytes = Math.min(draw(), target - total); // the last file is cut so that the total is exact
      sizes.push(bytes);
      total += bytes;
    }
  }
  const files: WorkloadFile[] = sizes.map((bytes, index) => ({ path: surgeFilePath(index), bytes }));
  const fileOfRank = shuffledIndices(files.length, rng);
  const rankProbabilities = zipfWeights(files.length, zipfAlpha);
  let requestFiles: number[];
  if (options.temporalLocality) {
    const rankCounts = apportionRequests(createDiscreteSampler(rankProbabilities).probabilities, options.requests);
    const counts = new Array<number>(files.length).fill(0);
    rankCounts.forEach((count, rank) => (counts[fileOfRank[rank]!] = count));
    requestFiles = orderWithStackDistances(counts, shuffledIndices(files.length, rng), rng);
  } else {
    const rankSampler = createDiscreteSampler(rankProbabilities);
    requestFiles = Array.from({ length: options.requests }, () => fileOfRank[rankSampler.sample(rng)]!);
  }
  return {
    kind: "surge",
    seed: options.seed,
    parameters: {
      ...(options.files !== undefined ? { files: options.files } : { targetBytes: options.targetBytes }),
      requests: options.requests,
      sizeModel: model,
      zipfAlpha,
      temporalLocality: options.temporalLocality ? { model: "LRU stack distance, lognormal", ...surgeStackDistance } : false,
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes, clippedFiles: clipped } : {}),
    },
    files,
    requestFiles,
  };
}
