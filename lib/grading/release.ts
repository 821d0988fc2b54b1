/**
 * Releasing an assignment (`flashlab assign release NAME --out DIR`): writes the student version.
 *
 * - The notebook: every solution region replaced by its stub (solution-regions.ts), outputs and
 *   execution counts cleared; setup and check cells stay as they are.
 * - The assignment's public files ("files" in assignment.json), copied beside it.
 * - Nothing else: not the hidden tests, not the manifest.
 *
 * Before writing, the instructor notebook is checked: markers balanced, every answer cell holding a
 * solution region (an answer cell without one would be released with its answer in it), solution
 * regions only in answer cells and Markdown cells. A failed check writes nothing.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Assignment } from "./assignment.js";
import { parseCellMarker } from "./cell-markers.js";
import { cellSource, readNotebook, writeNotebook, type Notebook, type NotebookCell } from "./notebook-file.js";
import { findSolutionRegions, SolutionRegionError, stubSolutions } from "./solution-regions.js";

export interface ReleaseResult {
  /** The student notebook written. */
  notebook: string;
  /** The data files copied. */
  files: string[];
  /** Names the student must write. */
  answers: string[];
  /** Solution regions replaced. */
  regions: number;
}

/** Builds the student version of an instructor notebook (in memory); throws if the notebook is not releasable. */
export function studentNotebook(instructor: Notebook, where: string): { notebook: Notebook; answers: string[]; regions: number } {
  const answers: string[] = [];
  let regions = 0;
  const cells = instructor.cells.map((cell, index): NotebookCell => {
    const source = cellSource(cell);
    const cellWhere = `${where}, cell ${index + 1}`;
    if (cell.cell_type === "markdown") {
      regions += findSolutionRegions(source, "markdown", cellWhere).length;
      return { ...cell, source: stubSolutions(source, "markdown", cellWhere) };
    }
    if (cell.cell_type !== "code") return { ...cell };
    const marker = parseCellMarker(source);
    const found = findSolutionRegions(source, "code", cellWhere);
    if (marker?.role === "answer") {
      if (found.length === 0) throw new SolutionRegionError(`${cellWhere} answers ${marker.names.join(", ")} but has no // BEGIN SOLUTION … // END SOLUTION region; releasing it would give the answer away`);
      answers.push(...marker.names);
    } else if (found.length > 0) {
      throw new SolutionRegionError(`${cellWhere} has a solution region but is not an answer cell (its first line must be "// flashlab-grade: answer NAME")`);
    }
    regions += found.length;
    return { ...cell, source: stubSolutions(source, "code", cellWhere), outputs: [], execution_count: null };
  });
  if (answers.length === 0) throw new SolutionRegionError(`${where} has no answer cells (// flashlab-grade: answer NAME); there is nothing to release`);
  return { notebook: { ...instructor, cells }, answers, regions };
}

/** Writes the student version of `assignment` into `outDir` (created if missing). */
export function releaseAssignment(assignment: Assignment, outDir: string): ReleaseResult {
  const target = resolve(outDir);
  if (target === assignment.folder) throw new Error(`--out ${outDir} is the assignment's own folder; releasing there would overwrite the instructor notebook`);
  const { notebook, answers, regions } = studentNotebook(readNotebook(assignment.notebook), assignment.notebook);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`--out ${outDir} exists and is not a folder`);
  mkdirSync(target, { recursive: true });
  const notebookPath = join(target, basename(assignment.notebook));
  writeNotebook(notebookPath, notebook);
  const files = assignment.files.map((file) => {
    const destination = join(target, file);
    mkdirSync(resolve(destination, ".."), { recursive: true });
    copyFileSync(join(assignment.folder, file), destination);
    return destination;
  });
  return { notebook: notebookPath, files, answers, regions };
}
