// Helpers for the grading tests: submissions made from an assignment's notebooks, and temporary folders.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCellMarker } from "../../lib/grading/cell-markers.js";
import { cellSource, readNotebook, writeNotebook } from "../../lib/grading/notebook-file.js";
import { loadAssignment } from "../../lib/grading/assignment.js";
import { releaseAssignment } from "../../lib/grading/release.js";

/** A temporary folder, removed by `remove`. */
export function temporaryFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes a submission: the assignment's instructor notebook with the answer cells that define the given
 * names replaced by the given sources (each starting with its marker line), into `folder/name.ipynb`.
 */
export function submissionWith(assignmentName: string, folder: string, name: string, replacements: Record<string, string>): string {
  const notebook = readNotebook(loadAssignment(assignmentName).notebook);
  const used = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    const marker = parseCellMarker(cellSource(cell));
    const key = marker?.role === "answer" ? marker.names.join(", ") : undefined;
    if (key !== undefined && replacements[key] !== undefined) {
      cell.source = replacements[key]!;
      used.add(key);
    }
  }
  const unused = Object.keys(replacements).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`no answer cell for ${unused.join("; ")} in ${assignmentName}`);
  const path = join(folder, `${name}.ipynb`);
  writeNotebook(path, notebook);
  return path;
}

/** The released (student) version of an assignment, in `folder`; returns the notebook's path. */
export function releasedNotebook(assignmentName: string, folder: string): string {
  return releaseAssignment(loadAssignment(assignmentName), folder).notebook;
}

/** Sums the scores of the tests whose names pass `select`. */
export function pointsOf(tests: Array<{ name: string; score: number }>, select: (name: string) => boolean): number {
  return tests.filter((test) => select(test.name)).reduce((sum, test) => sum + test.score, 0);
}
