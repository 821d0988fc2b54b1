/**
 * `flashlab workload make`: writes a workload folder (docroot, request list, manifest with statistics;
 * format in lib/workloads/index.ts) for one of the kinds single, fixed, specweb96, surge or trace.
 * Like the OSTEP simulators, it echoes every parameter, so the command line describes the workload.
 */
import { access, stat } from "node:fs/promises";
import { constants } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./args.js";
import type { ParsedOptions } from "./args.js";
import { defineCommand, defineGroup } from "./command.js";
import type { Command, CommandGroup, CommandIO } from "./command.js";
import { parseSizeListOption } from "./size-list.js";
import { textTable } from "../viz/text-table.js";
import { makeFixedSetWorkload, makeSingleFileWorkload } from "../workloads/fixed.js";
import type { GeneratedWorkload, WorkloadManifest } from "../workloads/model.js";
import { workloadKinds } from "../workloads/model.js";
import { formatBytes } from "../workloads/sizes.js";
import { makeSpecweb96Workload } from "../workloads/specweb96.js";
import { makeSurgeWorkload } from "../workloads/surge.js";
import { makeTraceWorkload } from "../workloads/trace.js";
import { checkFreeSpace, checkWorkloadFolder, writeWorkload, WorkloadOutputError } from "../workloads/writer.js";

const makeOptions = {
  kind: { type: "string", choices: workloadKinds, description: "the workload to make", valueName: "KIND" },
  out: { type: "string", description: "folder to write (new, empty, or a previous workload, which is replaced)", valueName: "DIR" },
  trace: { type: "string", description: "kind trace: a Common Log Format access log", valueName: "FILE" },
  "size-mb": {
    type: "number",
    min: 0,
    exclusiveMin: true,
    description: "data-set size in MB (1 MB = 2^20 B): specweb96/surge target, trace budget",
    valueName: "X",
  },
  seed: { type: "integer", min: 0, max: 4294967295, default: 1, description: "random seed (synthetic kinds)", valueName: "S" },
  requests: { type: "integer", min: 1, max: 50_000_000, description: "number of requests (synthetic default 10000; trace: cap, default all)", valueName: "N" },
  "file-size": { type: "string", description: "single: one size (default 1KB); fixed: a comma-separated list, e.g. 1KB,10KB,100KB", valueName: "SIZE" },
  files: { type: "integer", min: 1, max: 10_000_000, description: "surge: number of files (default 1000 unless --size-mb)", valueName: "N" },
  locality: { type: "boolean", description: "surge: order requests with the LRU stack-distance model (temporal locality)" },
  "zipf-alpha": { type: "number", min: 0, description: "Zipf exponent (specweb96 directories, surge files; default 1)", valueName: "A" },
  "time-scale": { type: "number", min: 0, exclusiveMin: true, description: "trace: timed replay at this speed-up (1 = real time); untimed when omitted", valueName: "X" },
  json: { type: "boolean", description: "print the manifest as JSON instead of a summary" },
} as const;

type MakeOptions = ParsedOptions<typeof makeOptions>;

const mebibyte = 1024 * 1024;
const defaultRequests = 10_000;

function forbid(options: MakeOptions, kind: string, flags: Array<keyof MakeOptions>): void {
  for (const flag of flags) {
    const value = options[flag];
    if (value !== undefined && value !== false) throw new UsageError(`--${String(flag)} does not apply to --kind ${kind}`);
  }
}

async function checkTraceReadable(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read trace ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (!info.isFile()) throw new Error(`cannot read trace ${file}: it is not a regular file`);
  await access(file, constants.R_OK).catch((error: Error) => {
    throw new Error(`cannot read trace ${file}: ${error.message}`);
  });
}

/** Builds the workload the options describe; throws UsageError for options that do not fit the kind. */
async function buildWorkload(options: MakeOptions): Promise<GeneratedWorkload> {
  const kind = options.kind!;
  const sizeBytes = options["size-mb"] === undefined ? undefined : Math.floor(options["size-mb"] * mebibyte);
  const requests = options.requests ?? defaultRequests;
  switch (kind) {
    case "single": {
      forbid(options, kind, ["trace", "size-mb", "files", "locality", "zipf-alpha", "time-scale"]);
      const sizes = parseSizeListOption("--file-size", options["file-size"] ?? "1KB");
      if (sizes.length !== 1) throw new UsageError("--kind single takes one --file-size; use --kind fixed for a list");
      return makeSingleFileWorkload({ fileBytes: sizes[0]!, requests });
    }
    case "fixed": {
      forbid(options, kind, ["trace", "size-mb", "files", "locality", "zipf-alpha", "time-scale"]);
      if (options["file-size"] === undefined) throw new UsageError("--kind fixed needs --file-size with a comma-separated list of sizes, e.g. 1KB,10KB,100KB");
      return makeFixedSetWorkload({ fileSizes: parseSizeListOption("--file-size", options["file-size"]), requests, seed: options.seed });
    }
    case "specweb96":
      forbid(options, kind, ["trace", "file-size", "files", "locality", "time-scale"]);
      return makeSpecweb96Workload({
        ...(sizeBytes !== undefined ? { targetBytes: sizeBytes } : { directories: 1 }),
        requests,
        seed: options.seed,
        ...(options["zipf-alpha"] !== undefined ? { zipfAlpha: options["zipf-alpha"] } : {}),
      });
    case "surge":
      forbid(options, kind, ["trace", "file-size", "time-scale"]);
      if (options.files !== undefined && sizeBytes !== undefined) throw new UsageError("give surge either --files or --size-mb, not both");
      return makeSurgeWorkload({
        ...(sizeBytes !== undefined ? { targetBytes: sizeBytes } : { files: options.files ?? 1000 }),
        requests,
        seed: options.seed,
        temporalLocality: options.locality,
        ...(options["zipf-alpha"] !== undefined ? { zipfAlpha: options["zipf-alpha"] } : {}),
      });
    case "trace": {
      forbid(options, kind, ["file-size", "files", "locality", "zipf-alpha"]);
      if (options.trace === undefined) throw new UsageError("--kind trace needs --trace FILE (a Common Log Format access log)");
      await checkTraceReadable(options.trace);
      return makeTraceWorkload({
        trace: options.trace,
        ...(sizeBytes !== undefined ? { budgetBytes: sizeBytes } : {}),
        ...(options["time-scale"] !== undefined ? { timeScale: options["time-scale"] } : {}),
        ...(options.requests !== undefined ? { maxRequests: options.requests } : {}),
      });
    }
    default:
      throw new UsageError(`--kind must be one of ${workloadKinds.join(", ")}; got "${String(kind)}"`);
  }
}

function summaryText(manifest: WorkloadManifest, out: string): string {
  const stats = manifest.stats;
  const lines = [`ARG kind ${manifest.kind}`, `ARG seed ${manifest.seed ?? "-"}`];
  for (const [name, value] of Object.entries(manifest.parameters)) lines.push(`ARG ${name} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
  lines.push(
    "",
    `wrote ${out}: ${stats.fileCount} files, ${formatBytes(stats.totalBytes)} (${stats.totalBytes} B); ${stats.requestCount} requests${manifest.requests.timed ? " (timed)" : ""}, mean ${formatBytes(Math.round(stats.meanRequestBytes))}`,
    `file sizes: min ${stats.fileSizeQuantiles.min} B, median ${Math.round(stats.fileSizeQuantiles.p50)} B, p90 ${Math.round(stats.fileSizeQuantiles.p90)} B, max ${stats.fileSizeQuantiles.max} B`,
    textTable(
      stats.sizeClasses.map((entry) => [entry.label, entry.files, formatBytes(entry.fileBytes), entry.requests, `${(entry.requestShare * 100).toFixed(1)}%`]),
      { header: ["class", "files", "bytes", "requests", "share"], align: [undefined, undefined, "right"] },
    ),
  );
  const trace = manifest.trace;
  if (trace) {
    lines.push(
      "",
      `trace ${trace.file}: ${trace.physicalLines} lines, ${trace.entries} entries (${trace.rejoinedLines} rebuilt from split lines), ${trace.validRequests} valid requests, ${trace.distinctPaths} distinct files`,
      `skipped: ${Object.entries(trace.skipped).map(([reason, count]) => `${reason} ${count}`).join(", ")}`,
      `kept ${trace.keptFiles} files; dropped ${trace.requestsOutsideBudget} requests outside the size budget, ${trace.requestsOverCap} over the request cap`,
    );
  }
  return lines.join("\n") + "\n";
}

async function runMake(options: MakeOptions, io: CommandIO): Promise<number> {
  if (options.kind === undefined) throw new UsageError(`--kind is required (one of ${workloadKinds.join(", ")})`);
  if (options.out === undefined) throw new UsageError("--out DIR is required");
  const out = resolve(options.out);
  try {
    await checkWorkloadFolder(out); // refuse a bad --out before any work
    const plannedBytes = options.kind === "trace" || options["size-mb"] === undefined ? 0 : options["size-mb"] * mebibyte;
    await checkFreeSpace(out, plannedBytes);
  } catch (error) {
    if (error instanceof WorkloadOutputError) throw new UsageError(error.message);
    throw error;
  }
  let workload: GeneratedWorkload;
  try {
    workload = await buildWorkload(options);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  let manifest: WorkloadManifest;
  try {
    manifest = await writeWorkload(workload, out);
  } catch (error) {
    if (error instanceof WorkloadOutputError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(options.json ? JSON.stringify(manifest, null, 2) + "\n" : summaryText(manifest, out));
  return 0;
}

const makeCommand = defineCommand({
  name: "make",
  summary: "write a workload: docroot, request list and manifest with statistics",
  details: [
    "Kinds: single (one file), fixed (one file per --file-size), specweb96, surge (SURGE-like), trace (replay a",
    "Common Log Format log). Writes DIR/docroot, DIR/requests.txt and DIR/manifest.json.",
    "Examples:",
    "  flashlab workload make --kind specweb96 --size-mb 50 --out /tmp/spec --seed 7",
    "  flashlab workload make --kind trace --trace access_log --size-mb 100 --out /tmp/trace",
  ].join("\n"),
  options: makeOptions,
  run: ({ options }, io) => runMake(options, io),
});

export const workloadCommands: Array<Command<any> | CommandGroup> = [
  defineGroup({ name: "workload", summary: "make workloads (docroot + request stream) for the servers and the load generator", subcommands: [makeCommand] }),
];
