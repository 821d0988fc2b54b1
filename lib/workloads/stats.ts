/**
 * The statistics a workload manifest records: file count and bytes, file-size quantiles, and per size
 * class the files, their bytes and the share of requests that land on them.
 */
import { quantileSorted } from "simple-statistics";
import type { WorkloadFile, WorkloadStats } from "./model.js";
import { sizeClasses, sizeClassOf } from "./sizes.js";

/**
 * Summarises `files` and the request stream `requestFiles` (indices into `files`). O(f log f + r).
 * Quantiles are over files (each file counts once), by simple-statistics' quantileSorted.
 */
export function computeWorkloadStats(files: readonly WorkloadFile[], requestFiles: readonly number[]): WorkloadStats {
  const sizes = files.map((file) => file.bytes).sort((a, b) => a - b);
  const totalBytes = sizes.reduce((sum, bytes) => sum + bytes, 0);
  const quantile = (p: number): number => (sizes.length === 0 ? 0 : quantileSorted(sizes, p));
  const classes = sizeClasses.map((sizeClass) => ({
    label: sizeClass.label,
    minBytes: sizeClass.minBytes,
    maxBytes: sizeClass.maxBytes,
    files: 0,
    fileBytes: 0,
    requests: 0,
    requestShare: 0,
    requestBytes: 0,
  }));
  const fileClass = files.map((file) => sizeClassOf(file.bytes));
  files.forEach((file, index) => {
    const entry = classes[fileClass[index]!]!;
    entry.files++;
    entry.fileBytes += file.bytes;
  });
  const touched = new Uint8Array(files.length);
  let requestBytes = 0;
  for (const fileIndex of requestFiles) {
    const file = files[fileIndex];
    if (file === undefined) throw new RangeError(`request refers to file #${fileIndex}, but there are ${files.length} files`);
    const entry = classes[fileClass[fileIndex]!]!;
    entry.requests++;
    entry.requestBytes += file.bytes;
    requestBytes += file.bytes;
    touched[fileIndex] = 1;
  }
  for (const entry of classes) entry.requestShare = requestFiles.length === 0 ? 0 : entry.requests / requestFiles.length;
  return {
    fileCount: files.length,
    totalBytes,
    fileSizeQuantiles: {
      min: sizes[0] ?? 0,
      p10: quantile(0.1),
      p25: quantile(0.25),
      p50: quantile(0.5),
      p75: quantile(0.75),
      p90: quantile(0.9),
      p99: quantile(0.99),
      max: sizes[sizes.length - 1] ?? 0,
      mean: files.length === 0 ? 0 : totalBytes / files.length,
    },
    requestCount: requestFiles.length,
    requestBytes,
    meanRequestBytes: requestFiles.length === 0 ? 0 : requestBytes / requestFiles.length,
    filesRequested: touched.reduce((sum, flag) => sum + flag, 0),
    sizeClasses: classes,
  };
}
