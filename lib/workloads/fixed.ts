/**
 * The simplest workloads, for the Flash paper's best case ("N requests for the same file", swept over
 * file sizes): a single file, and a fixed set of sizes with one file per size, requested uniformly at
 * random.
 */
import type { GeneratedWorkload } from "./model.js";
import { createRng } from "../runtime/random.js";

/** The URL path of the file of `bytes` bytes in the single and fixed-set workloads. */
export function fixedFilePath(bytes: number): string {
  return `/file-${bytes}B.bin`;
}

function checkSize(bytes: number): void {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`a file size must be a whole number of bytes ≥ 0; got ${bytes}`);
}

function checkRequests(requests: number): void {
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`the number of requests must be a whole number ≥ 1; got ${requests}`);
}

/** One file of `fileBytes` bytes, requested `requests` times. */
export function makeSingleFileWorkload(options: { fileBytes: number; requests: number }): GeneratedWorkload {
  checkSize(options.fileBytes);
  checkRequests(options.requests);
  return {
    kind: "single",
    seed: null,
    parameters: { fileBytes: options.fileBytes, requests: options.requests },
    files: [{ path: fixedFilePath(options.fileBytes), bytes: options.fileBytes }],
    requestFiles: new Array<number>(options.requests).fill(0),
  };
}

/**
 * One file per distinct size in `fileSizes`, and `requests` requests that each pick one of them
 * uniformly at random (seeded). Sizes are listed in the order given; duplicates are merged.
 */
export function makeFixedSetWorkload(options: { fileSizes: readonly number[]; requests: number; seed: number }): GeneratedWorkload {
  const sizes = [...new Set(options.fileSizes)];
  if (sizes.length === 0) throw new RangeError("a fixed set needs at least one file size");
  sizes.forEach(checkSize);
  checkRequests(options.requests);
  const rng = createRng(options.seed);
  return {
    kind: "fixed",
    seed: options.seed,
    parameters: { fileSizes: sizes, requests: options.requests, choice: "uniform" },
    files: sizes.map((bytes) => ({ path: fixedFilePath(bytes), bytes })),
    requestFiles: Array.from({ length: options.requests }, () => rng.integer(0, sizes.length - 1)),
  };
}
