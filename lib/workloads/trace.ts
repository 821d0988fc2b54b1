/**
 * Trace replay: turns a Common Log Format access log into a workload whose docroot holds one file per
 * distinct requested resource and whose request stream replays the log.
 *
 * Which entries are replayed ("valid requests"): method GET (HEAD, POST and others are skipped as
 * `non-GET`), status 2xx or 304 (a 304 means the file existed and the client had a copy; a replaying
 * client has no cache, so it asks for the whole file; other statuses are skipped as `bad-status`:
 * redirects, errors and missing files name nothing to serve), and a target that is a path (else
 * `bad-path`). After the whole log is read, requests for a resource whose size the log never showed
 * (only 304s, or only "-" bytes) are skipped as `no-size`.
 *
 * File sizes: the largest body size the log shows for the resource in a 2xx entry (a 200 with 0 bytes,
 * logged for a transfer the client aborted, counts as a size of 0).
 *
 * Data-set budget (`budgetBytes`, the Flash paper's data-set-size sweep): files are taken in the order
 * the trace first requests them, while the running total stays within the budget; the first file that
 * would overflow it ends the set. Only requests to kept files are replayed. The data set is thus the
 * files of a prefix of the trace, and grows with the budget as a nested family.
 *
 * Timing: untimed (trace order) by default; with `timeScale` s, request i is sent (tᵢ − t₀) / s after
 * the start, t₀ being the first replayed request's time (s = 2 replays twice as fast). Log lines
 * are written when responses end, so a timestamp can be earlier than the line before it; its offset is
 * raised to the previous one (counted as `reorderedTimestamps`), so offsets never decrease.
 */
import type { Readable } from "node:stream";
import { CommonLogReader } from "./clf-reader.js";
import type { GeneratedWorkload, TraceSkipReason, TraceSummary } from "./model.js";
import { traceSkipReasons } from "./model.js";
import { assignStoredPaths, normaliseRequestTarget } from "./trace-paths.js";

export interface TraceWorkloadOptions {
  /** The log: a file path, or a readable stream with its text (then give `traceName`). */
  trace: string | Readable;
  traceName?: string;
  /** Keep only files (in first-request order) whose total fits this many bytes. */
  budgetBytes?: number;
  /** Timed replay at this speed-up (1 = real time); untimed when omitted. */
  timeScale?: number;
  /** Replay at most this many requests (the first ones). */
  maxRequests?: number;
}

/** Reads a trace and builds its replay workload. Streams the log; memory grows with requests and distinct targets. */
export async function makeTraceWorkload(options: TraceWorkloadOptions): Promise<GeneratedWorkload> {
  if (options.budgetBytes !== undefined && !(options.budgetBytes > 0)) throw new RangeError(`the data-set budget must be > 0 bytes; got ${options.budgetBytes}`);
  if (options.timeScale !== undefined && !(options.timeScale > 0 && Number.isFinite(options.timeScale))) throw new RangeError(`the time scale must be > 0; got ${options.timeScale}`);
  if (options.maxRequests !== undefined && !(Number.isInteger(options.maxRequests) && options.maxRequests >= 1)) throw new RangeError(`the request cap must be a whole number ≥ 1; got ${options.maxRequests}`);
  const reader = new CommonLogReader(options.trace);
  const skipped = Object.fromEntries(traceSkipReasons.map((reason) => [reason, 0])) as Record<TraceSkipReason, number>;
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const maxBytes: number[] = []; // -1 while no size has been seen
  const requestKeys: number[] = [];
  const requestTimes: number[] = [];
  for await (const entry of reader) {
    if (entry.method !== "GET") {
      skipped["non-GET"]++;
      continue;
    }
    const success = entry.status >= 200 && entry.status < 300;
    if (!success && entry.status !== 304) {
      skipped["bad-status"]++;
      continue;
    }
    const key = normaliseRequestTarget(entry.target);
    if (key === undefined) {
      skipped["bad-path"]++;
      continue;
    }
    let index = keyIndex.get(key);
    if (index === undefined) {
      index = keys.length;
      keyIndex.set(key, index);
      keys.push(key);
      maxBytes.push(-1);
    }
    if (success && entry.bytes !== null && entry.bytes > maxBytes[index]!) maxBytes[index] = entry.bytes;
    requestKeys.push(index);
    requestTimes.push(entry.timeMs);
  }
  const readStats = reader.stats;
  skipped.blank = readStats.skipped.blank;
  skipped.malformed = readStats.skipped.malformed;
  skipped.truncated = readStats.skipped.truncated;
  skipped["bad-request"] = readStats.skipped["bad-request"];
  const validRequests = requestKeys.filter((key) => maxBytes[key]! >= 0).length;
  skipped["no-size"] = requestKeys.length - validRequests;

  // The data-set budget: a prefix of the sized keys in first-request order.
  const kept = new Uint8Array(keys.length);
  let budgetUsed = 0;
  for (let key = 0; key < keys.length; key++) {
    if (maxBytes[key]! < 0) continue;
    if (options.budgetBytes !== undefined && budgetUsed + maxBytes[key]! > options.budgetBytes) break;
    kept[key] = 1;
    budgetUsed += maxBytes[key]!;
  }
  const keptKeys = keys.map((_, key) => key).filter((key) => kept[key] === 1);
  const storedPaths = assignStoredPaths(keptKeys.map((key) => keys[key]!));
  const fileOfKey = new Map<number, number>(keptKeys.map((key, file) => [key, file]));

  const requestFiles: number[] = [];
  const chosenTimes: number[] = [];
  let requestsOutsideBudget = 0;
  let requestsOverCap = 0;
  requestKeys.forEach((key, request) => {
    if (maxBytes[key]! < 0) return;
    const file = fileOfKey.get(key);
    if (file === undefined) requestsOutsideBudget++;
    else if (options.maxRequests !== undefined && requestFiles.length >= options.maxRequests) requestsOverCap++;
    else {
      requestFiles.push(file);
      chosenTimes.push(requestTimes[request]!);
    }
  });
  if (requestFiles.length === 0) {
    const name = options.traceName ?? String(options.trace);
    throw new Error(
      `${name}: no request to replay (${readStats.physicalLines} lines, ${validRequests} valid requests` +
        `${options.budgetBytes !== undefined ? `, none within a budget of ${options.budgetBytes} bytes` : ""}); ` +
        `skipped: ${traceSkipReasons.map((reason) => `${reason} ${skipped[reason]}`).join(", ")}`,
    );
  }
  let reorderedTimestamps = 0;
  let requestOffsetsMs: number[] | undefined;
  const startMs = chosenTimes[0]!;
  let previousMs = startMs;
  for (const time of chosenTimes) {
    if (time < previousMs) reorderedTimestamps++;
    previousMs = Math.max(previousMs, time);
  }
  if (options.timeScale !== undefined) {
    const scale = options.timeScale;
    let latest = startMs;
    requestOffsetsMs = chosenTimes.map((time) => {
      latest = Math.max(latest, time);
      return (latest - startMs) / scale;
    });
  }
  const files = keptKeys.map((key, file) => ({ path: storedPaths[file]!, bytes: maxBytes[key]! }));
  const renamedPaths = keptKeys.flatMap((key, file) => (storedPaths[file] === keys[key] ? [] : [{ path: storedPaths[file]!, traceTarget: keys[key]! }]));
  const summary: TraceSummary = {
    file: options.traceName ?? (typeof options.trace === "string" ? options.trace : "(stream)"),
    physicalLines: readStats.physicalLines,
    entries: readStats.entries,
    rejoinedLines: readStats.rejoinedLines,
    validRequests,
    skipped,
    distinctPaths: keys.filter((_, key) => maxBytes[key]! >= 0).length,
    keptFiles: files.length,
    requestsOutsideBudget,
    requestsOverCap,
    reorderedTimestamps,
    spanS: (previousMs - startMs) / 1000,
  };
  return {
    kind: "trace",
    seed: null,
    parameters: {
      trace: summary.file,
      ...(options.budgetBytes !== undefined ? { budgetBytes: options.budgetBytes, budgetRule: "first-requested files while the total fits" } : {}),
      ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : { timing: "trace order, untimed" }),
      ...(options.maxRequests !== undefined ? { maxRequests: options.maxRequests } : {}),
    },
    files,
    requestFiles,
    ...(requestOffsetsMs ? { requestOffsetsMs } : {}),
    trace: summary,
    renamedPaths,
  };
}
