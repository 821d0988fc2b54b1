/**
 * The SPECweb96 static workload: a file set of directories, each holding 36 files in four size
 * classes, and a request stream that picks a directory, a class and a file within the class.
 *
 * What comes from where:
 * - Classes, their request shares (0–1 KB 35%, 1–10 KB 50%, 10–100 KB 14%, 100 KB–1 MB 1%) and the
 *   nine sizes per class (class c holds k · 1024 · 10^c / 10 bytes for k = 1…9, i.e. 102 B…921 B,
 *   1 KB…9 KB, 10 KB…90 KB, 100 KB…900 KB): SPEC's "The Workload for the SPECweb96 Benchmark"
 *   (spec.org/osg/web96/workload.html), Tables 1 and 2. We round class 0 down (⌊k · 102.4⌋), which
 *   gives 921 B where SPEC's table prints 922 B for the ninth file.
 * - Directory popularity: Zipf with exponent 1 over directories, as SPECweb96/99-style workloads are
 *   described in Ruan & Pai, USENIX 2006 ("the directories are chosen using a Zipf distribution with an
 *   alpha value of 1"). The exponent is a parameter.
 * - The number of directories: SPECweb96 grows its file set with the throughput the tester targets;
 *   flashlab takes the target data-set size instead (the axis of the Flash paper's data-set sweep) and
 *   uses max(1, round(target bytes / bytes of one directory)), one directory being 5,119,484 bytes
 *   (≈ 4.88 MB) with the sizes above.
 * - Within a class: SPEC's page says accesses within a class are not evenly distributed; we weight the
 *   nine files by a Poisson distribution with mean 4 truncated to k = 0…8 (the middle sizes most
 *   popular). This is flashlab's reading of SPECweb96, not a figure checked against SPEC's source code.
 */
import { createDiscreteSampler, truncatedPoissonWeights, zipfWeights } from "./distributions.js";
import type { GeneratedWorkload, WorkloadFile } from "./model.js";
import { createRng } from "../runtime/random.js";

/** Request shares of SPECweb96's four classes (0–1 KB, 1–10 KB, 10–100 KB, 100 KB–1 MB). */
export const specweb96ClassShares: readonly number[] = [0.35, 0.5, 0.14, 0.01];
/** Files per class in each directory. */
export const specweb96FilesPerClass = 9;
/** Mean of the truncated Poisson that weights the nine files of a class. */
export const specweb96WithinClassMean = 4;

/** Size in bytes of file `fileIndex` (0…8) of class `classIndex` (0…3). */
export function specweb96FileBytes(classIndex: number, fileIndex: number): number {
  return Math.floor(((fileIndex + 1) * 1024 * 10 ** classIndex) / 10);
}

/** Bytes of one SPECweb96 directory (36 files): 5,119,484. */
export const specweb96DirectoryBytes: number = [0, 1, 2, 3].reduce(
  (sum, classIndex) =>
    sum + Array.from({ length: specweb96FilesPerClass }, (_, k) => specweb96FileBytes(classIndex, k)).reduce((a, b) => a + b, 0),
  0,
);

/** The number of directories for a target data-set size: max(1, round(targetBytes / directory bytes)). */
export function specweb96DirectoryCount(targetBytes: number): number {
  if (!Number.isFinite(targetBytes) || targetBytes <= 0) throw new RangeError(`a target data-set size must be > 0 bytes; got ${targetBytes}`);
  return Math.max(1, Math.round(targetBytes / specweb96DirectoryBytes));
}

/** The URL path of a SPECweb96 file, as SPECweb96 named them: /file_set/dir00042/class2_7. */
export function specweb96FilePath(directory: number, classIndex: number, fileIndex: number): string {
  return `/file_set/dir${String(directory).padStart(5, "0")}/class${classIndex}_${fileIndex}`;
}

export interface Specweb96Options {
  /** Number of directories; or give `targetBytes` and it is derived. */
  directories?: number;
  targetBytes?: number;
  requests: number;
  seed: number;
  /** Zipf exponent over directories (default 1). */
  zipfAlpha?: number;
}

/**
 * Builds a SPECweb96 file set and `requests` requests. File index = directory · 36 + class · 9 + k.
 * O(directories + requests · log directories).
 */
export function makeSpecweb96Workload(options: Specweb96Options): GeneratedWorkload {
  const directories = options.directories ?? (options.targetBytes !== undefined ? specweb96DirectoryCount(options.targetBytes) : 1);
  if (!Number.isInteger(directories) || directories < 1) throw new RangeError(`SPECweb96 needs a whole number of directories ≥ 1; got ${directories}`);
  if (!Number.isInteger(options.requests) || options.requests < 1) throw new RangeError(`the number of requests must be a whole number ≥ 1; got ${options.requests}`);
  const zipfAlpha = options.zipfAlpha ?? 1;
  const files: WorkloadFile[] = [];
  for (let directory = 0; directory < directories; directory++) {
    for (let classIndex = 0; classIndex < 4; classIndex++) {
      for (let k = 0; k < specweb96FilesPerClass; k++) {
        files.push({ path: specweb96FilePath(directory, classIndex, k), bytes: specweb96FileBytes(classIndex, k) });
      }
    }
  }
  const rng = createRng(options.seed);
  const directorySampler = createDiscreteSampler(zipfWeights(directories, zipfAlpha));
  const classSampler = createDiscreteSampler(specweb96ClassShares);
  const withinClassSampler = createDiscreteSampler(truncatedPoissonWeights(specweb96WithinClassMean, specweb96FilesPerClass));
  const requestFiles = new Array<number>(options.requests);
  for (let index = 0; index < options.requests; index++) {
    const directory = directorySampler.sample(rng);
    const classIndex = classSampler.sample(rng);
    const k = withinClassSampler.sample(rng);
    requestFiles[index] = directory * 4 * specweb96FilesPerClass + classIndex * specweb96FilesPerClass + k;
  }
  return {
    kind: "specweb96",
    seed: options.seed,
    parameters: {
      directories,
      ...(options.targetBytes !== undefined ? { targetBytes: options.targetBytes } : {}),
      directoryBytes: specweb96DirectoryBytes,
      requests: options.requests,
      zipfAlphaDirectories: zipfAlpha,
      classShares: specweb96ClassShares,
      withinClass: `truncated Poisson, mean ${specweb96WithinClassMean}, over the ${specweb96FilesPerClass} files`,
    },
    files,
    requestFiles,
  };
}
