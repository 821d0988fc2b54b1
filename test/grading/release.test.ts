// Releasing every assignment: the student version holds the notebook with stubs and the data files,
// and no solution text, no hidden tests, no manifest. A notebook that would leak is refused.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentNames, loadAssignment } from "../../lib/grading/assignment.js";
import { parseCellMarker } from "../../lib/grading/cell-markers.js";
import { cellSource, readNotebook, type Notebook } from "../../lib/grading/notebook-file.js";
import { releaseAssignment, studentNotebook } from "../../lib/grading/release.js";
import { findSolutionRegions } from "../../lib/grading/solution-regions.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-release-");
afterAll(() => scratch.remove());

/** Every line of every solution region, trimmed, long enough to be distinctive ("return {" is not). */
function solutionLines(notebook: Notebook): string[] {
  return notebook.cells.flatMap((cell) =>
    findSolutionRegions(cellSource(cell), cell.cell_type === "markdown" ? "markdown" : "code")
      .flatMap((region) => region.lines)
      .map((line) => line.trim())
      .filter((line) => line.length >= 16),
  );
}

describe("flashlab assign release", () => {
  it("knows the three assignments", () => {
    expect(assignmentNames()).toEqual(expect.arrayContaining(["experiment-design", "metrics", "server"]));
  });

  for (const name of ["metrics", "server", "experiment-design"]) {
    it(`releases ${name} with no solution text, no hidden tests and no manifest`, () => {
      const assignment = loadAssignment(name);
      const out = join(scratch.path, name);
      const released = releaseAssignment(assignment, out);
      expect(readdirSync(out).sort()).toEqual([released.notebook.split("/").at(-1)!, ...assignment.files].sort());

      const instructor = readNotebook(assignment.notebook);
      const secret = solutionLines(instructor);
      expect(secret.length).toBeGreaterThan(0);
      const releasedText = readdirSync(out).map((file) => readFileSync(join(out, file), "utf8")).join("\n");
      const leaked = secret.filter((line) => releasedText.includes(line) || releasedText.includes(JSON.stringify(line).slice(1, -1)));
      expect(leaked).toEqual([]);
      expect(releasedText).not.toMatch(/BEGIN SOLUTION|END SOLUTION/);

      const student = readNotebook(released.notebook);
      expect(student.cells.length).toBe(instructor.cells.length);
      for (const [index, cell] of student.cells.entries()) {
        if (cell.cell_type !== "code") continue;
        expect(cell.outputs).toEqual([]);
        expect(cell.execution_count).toBeNull();
        // Every marked cell keeps its marker, so the grader can find the student's code.
        expect(parseCellMarker(cellSource(cell))).toEqual(parseCellMarker(cellSource(instructor.cells[index]!)));
      }
      expect(released.answers.length).toBeGreaterThan(0);
      expect(JSON.stringify(student)).toContain('throw new Error(\\"not implemented\\")');
    });
  }

  it("refuses a notebook whose answer cell has no solution region, or a region outside an answer cell", () => {
    const notebook = (cells: string[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((source) => ({ cell_type: "code", source, outputs: [], execution_count: null })) });
    expect(() => studentNotebook(notebook(["// flashlab-grade: answer f\nfunction f() { return 42; }"]), "nb")).toThrow(/cell 1 answers f but has no .* region; releasing it would give the answer away/);
    expect(() => studentNotebook(notebook(["const x = 1;\n// BEGIN SOLUTION\nconst y = 2;\n// END SOLUTION"]), "nb")).toThrow(/cell 1 has a solution region but is not an answer cell/);
    expect(() => studentNotebook(notebook(["// flashlab-grade: answer f\nfunction f() {\n// BEGIN SOLUTION\n}"]), "nb")).toThrow(/never closed/);
  });

  it("exits 2 with a message for a missing --out or an unknown assignment", () => {
    const cli = join(projectRoot, "dist", "cli.js");
    const noOut = spawnSync(process.execPath, [cli, "assign", "release", "metrics"], { encoding: "utf8" });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/--out is required/);
    const unknown = spawnSync(process.execPath, [cli, "assign", "release", "nosuch", "--out", join(scratch.path, "x")], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no assignment at .*nosuch.*expected one of: experiment-design, metrics, server/);
  });
});
