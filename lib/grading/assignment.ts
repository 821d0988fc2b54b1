/**
 * An assignment: a folder under notebooks/assignments/NAME/ (or any folder an instructor names) with
 *
 *   assignment.json     the manifest below
 *   NAME.ipynb          the instructor's notebook: marked cells (cell-markers.ts) with solution regions
 *   hidden-tests.ts     the hidden tests, with points (hidden-test.ts); never released
 *   other files         data the notebook reads, listed under "files" (released, and given to the grader's child)
 *
 * assignment.json:
 *   {
 *     "title": "…",
 *     "notebook": "metrics.ipynb",
 *     "hiddenTests": "hidden-tests.ts",
 *     "files": ["provided-run.csv"],
 *     "forbidden": { "flashlab": ["percentile"], "modules": ["simple-statistics"] },
 *     "limits": { "timeLimitS": 110, "memoryMB": 512, "callTimeoutMs": 5000, "loadTimeoutMs": 20000 }
 *   }
 * "forbidden" lists what the student's code may not import (flashlab's own versions of what the
 * assignment asks for); "limits" are optional and default as in `defaultLimits`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join, resolve } from "node:path";
import { projectRoot } from "../runtime/paths.js";

/** Limits on one grading run. */
export interface GradingLimits {
  /** Wall-clock seconds for the whole grading run. */
  timeLimitS: number;
  /** The V8 heap of the submission's process, in MB (--max-old-space-size). */
  memoryMB: number;
  /** Milliseconds one call into the student's code may take. */
  callTimeoutMs: number;
  /** Milliseconds the student's cells may take to load. */
  loadTimeoutMs: number;
}

export const defaultLimits: GradingLimits = { timeLimitS: 110, memoryMB: 512, callTimeoutMs: 5_000, loadTimeoutMs: 20_000 };

export interface Assignment {
  name: string;
  folder: string;
  title: string;
  /** The instructor notebook's path. */
  notebook: string;
  /** The hidden tests' path. */
  hiddenTests: string;
  /** Public data files, as names relative to the folder. */
  files: string[];
  forbidden: { flashlab: string[]; modules: string[] };
  limits: GradingLimits;
}

/** A missing or malformed assignment. */
export class AssignmentError extends Error {
  override name = "AssignmentError";
}

/** The folder that holds the project's assignments. */
export const assignmentsFolder: string = join(projectRoot, "notebooks", "assignments");

/** The names of the project's assignments (folders with an assignment.json), sorted. */
export function assignmentNames(): string[] {
  if (!existsSync(assignmentsFolder)) return [];
  return readdirSync(assignmentsFolder)
    .filter((name) => existsSync(join(assignmentsFolder, name, "assignment.json")))
    .sort();
}

function stringList(value: unknown, what: string, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new AssignmentError(`${where}: "${what}" must be a list of strings`);
  }
  return value as string[];
}

function positive(value: unknown, what: string, where: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new AssignmentError(`${where}: limits.${what} must be a number > 0; got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Loads an assignment by name (a folder under notebooks/assignments) or by folder path (a name with a
 * slash, or an absolute path). Throws an AssignmentError that says what is missing or wrong.
 */
export function loadAssignment(nameOrFolder: string): Assignment {
  const byPath = isAbsolute(nameOrFolder) || nameOrFolder.includes("/");
  const folder = byPath ? resolve(nameOrFolder) : join(assignmentsFolder, nameOrFolder);
  const manifestPath = join(folder, "assignment.json");
  if (!existsSync(manifestPath)) {
    const known = assignmentNames();
    const hint = byPath ? "a folder with an assignment.json" : `one of: ${known.join(", ") || "(none found)"}, or a folder path`;
    throw new AssignmentError(`no assignment at ${folder} (no assignment.json); expected ${hint}`);
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new AssignmentError(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  const where = manifestPath;
  const text = (key: string): string => {
    const value = manifest[key];
    if (typeof value !== "string" || value === "") throw new AssignmentError(`${where}: "${key}" must be a non-empty string`);
    return value;
  };
  const inFolder = (relative: string, what: string): string => {
    const path = resolve(folder, relative);
    if (!path.startsWith(`${folder}/`)) throw new AssignmentError(`${where}: ${what} "${relative}" is outside the assignment's folder`);
    if (!existsSync(path) || !statSync(path).isFile()) throw new AssignmentError(`${where}: ${what} "${relative}" does not exist in ${folder}`);
    return path;
  };
  const forbidden = (manifest.forbidden ?? {}) as Record<string, unknown>;
  const limits = (manifest.limits ?? {}) as Record<string, unknown>;
  const files = stringList(manifest.files, "files", where);
  files.forEach((file) => inFolder(file, "file"));
  return {
    name: basename(folder),
    folder,
    title: text("title"),
    notebook: inFolder(text("notebook"), "notebook"),
    hiddenTests: inFolder(text("hiddenTests"), "hiddenTests"),
    files,
    forbidden: { flashlab: stringList(forbidden.flashlab, "forbidden.flashlab", where), modules: stringList(forbidden.modules, "forbidden.modules", where) },
    limits: {
      timeLimitS: positive(limits.timeLimitS, "timeLimitS", where, defaultLimits.timeLimitS),
      memoryMB: positive(limits.memoryMB, "memoryMB", where, defaultLimits.memoryMB),
      callTimeoutMs: positive(limits.callTimeoutMs, "callTimeoutMs", where, defaultLimits.callTimeoutMs),
      loadTimeoutMs: positive(limits.loadTimeoutMs, "loadTimeoutMs", where, defaultLimits.loadTimeoutMs),
    },
  };
}
