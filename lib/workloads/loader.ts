/**
 * Reads a workload folder written by `flashlab workload make` (see index.ts for the format) back into
 * memory: the docroot's absolute path, the request stream and the manifest. The load generator uses it
 * for `flashlab load URL --workload FILE`.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { workloadFormatName } from "./model.js";
import type { WorkloadManifest } from "./model.js";

/** A request of a loaded workload: the URL path to ask for and, when timed, when to send it. */
export interface WorkloadRequest {
  path: string;
  /** Milliseconds from the start of the run (timed workloads only). */
  offsetMs?: number;
}

export interface LoadedWorkload {
  /** Absolute path of the docroot folder to serve. */
  docroot: string;
  requests: WorkloadRequest[];
  manifest: WorkloadManifest;
}

/** A workload folder or manifest that cannot be used; the message says what is wrong. */
export class WorkloadFileError extends Error {
  override name = "WorkloadFileError";
}

/**
 * Loads the workload whose manifest is `manifestPath` (a manifest.json, or the folder that holds one).
 * Throws `WorkloadFileError` for a missing or foreign file, an incomplete workload, or a malformed
 * request line (naming the line). Runs in O(requests); the request list is read as a stream.
 */
export async function loadWorkload(manifestPath: string): Promise<LoadedWorkload> {
  const manifestFile = await locateManifest(resolve(manifestPath));
  const manifest = await readManifest(manifestFile);
  const folder = dirname(manifestFile);
  const docroot = resolve(folder, manifest.docroot);
  const docrootInfo = await stat(docroot).catch(() => undefined);
  if (!docrootInfo?.isDirectory()) {
    throw new WorkloadFileError(`${manifestFile}: its docroot ${docroot} is missing or not a folder`);
  }
  const requests = await readRequestList(resolve(folder, manifest.requests.file));
  if (requests.length !== manifest.requests.count) {
    throw new WorkloadFileError(
      `${manifestFile}: the manifest announces ${manifest.requests.count} requests but ${manifest.requests.file} holds ${requests.length}`,
    );
  }
  return { docroot, requests, manifest };
}

async function locateManifest(path: string): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new WorkloadFileError(`cannot open workload ${path}: ${error.code === "ENOENT" ? "no such file or folder" : error.message}`);
  });
  return info.isDirectory() ? join(path, "manifest.json") : path;
}

/**
 * Reads and checks a workload manifest. Throws `WorkloadFileError` when the file is missing, is not
 * JSON, or is not a complete flashlab workload manifest.
 */
export async function readManifest(manifestFile: string): Promise<WorkloadManifest> {
  let text: string;
  try {
    text = await readFile(manifestFile, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkloadFileError(`cannot read workload manifest ${manifestFile}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WorkloadFileError(`${manifestFile} is not JSON (${(error as Error).message}); expected a flashlab workload manifest`);
  }
  const manifest = parsed as Partial<WorkloadManifest>;
  if (manifest === null || typeof manifest !== "object" || manifest.format !== workloadFormatName) {
    throw new WorkloadFileError(`${manifestFile} is not a flashlab workload manifest (its "format" must be "${workloadFormatName}")`);
  }
  if (manifest.version !== 1) {
    throw new WorkloadFileError(`${manifestFile}: unsupported workload format version ${String(manifest.version)}; this flashlab reads version 1`);
  }
  if (manifest.complete !== true) {
    throw new WorkloadFileError(`${manifestFile}: the workload was not completely written (interrupted?); make it again`);
  }
  if (typeof manifest.docroot !== "string" || typeof manifest.requests?.file !== "string" || typeof manifest.requests.count !== "number") {
    throw new WorkloadFileError(`${manifestFile}: "docroot" and "requests" {file, count} are required`);
  }
  return manifest as WorkloadManifest;
}

/**
 * Parses one line of a request list: `PATH` or `OFFSET_MS<TAB>PATH`. Returns undefined for a line that
 * is neither (a PATH starts with "/" and holds no whitespace; an offset is a finite number ≥ 0).
 */
export function parseRequestListLine(line: string): WorkloadRequest | undefined {
  const tab = line.indexOf("\t");
  const path = tab < 0 ? line : line.slice(tab + 1);
  if (!path.startsWith("/") || /\s/.test(path)) return undefined;
  if (tab < 0) return { path };
  const offsetText = line.slice(0, tab);
  const offsetMs = offsetText.trim() === "" ? Number.NaN : Number(offsetText);
  if (!Number.isFinite(offsetMs) || offsetMs < 0) return undefined;
  return { path, offsetMs };
}

/** Streams a request list file into memory; identical paths share one string. */
export async function readRequestList(file: string): Promise<WorkloadRequest[]> {
  const requests: WorkloadRequest[] = [];
  const interned = new Map<string, string>();
  const input = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line === "") continue;
      const request = parseRequestListLine(line);
      if (!request) {
        throw new WorkloadFileError(`${file}:${lineNumber}: expected "PATH" or "OFFSET_MS<tab>PATH" with PATH starting with "/"; got ${JSON.stringify(line.slice(0, 200))}`);
      }
      const shared = interned.get(request.path);
      if (shared === undefined) interned.set(request.path, request.path);
      else request.path = shared;
      requests.push(request);
    }
  } catch (error) {
    if (error instanceof WorkloadFileError) throw error;
    throw new WorkloadFileError(`cannot read request list ${file}: ${(error as Error).message}`);
  } finally {
    lines.close();
    input.destroy();
  }
  return requests;
}
