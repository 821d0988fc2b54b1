// Every stored notebook is kept clean: on the tslab TypeScript kernel, with no outputs and no
// execution counts (outputs belong in the report, not in the repository). Its text refers only to
// notebooks that exist, and its quiz cells hold no answers (those live in lib/quizzes).
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";
import { fixtureNotebooks, projectNotebooks } from "./notebook-files.js";

interface StoredCell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

describe("stored notebooks", () => {
  it("exist", () => {
    expect(projectNotebooks.length).toBeGreaterThan(0);
  });

  for (const path of [...projectNotebooks, ...fixtureNotebooks]) {
    const shown = relative(projectRoot, path);
    const howToClear = `clear it with: jupyter nbconvert --clear-output --inplace ${shown}`;
    it(`${shown} uses the tslab kernel and holds no outputs`, () => {
      const notebook = JSON.parse(readFileSync(path, "utf8")) as {
        nbformat: number;
        metadata: { kernelspec?: { name?: string; language?: string } };
        cells: StoredCell[];
      };
      expect(notebook.nbformat).toBe(4);
      expect(notebook.metadata.kernelspec).toMatchObject({ name: "tslab", language: "typescript" });
      expect(notebook.cells.length).toBeGreaterThan(0);
      notebook.cells.forEach((cell, index) => {
        if (cell.cell_type !== "code") return;
        expect(cell.outputs, `cell ${index} has outputs; ${howToClear}`).toEqual([]);
        expect(cell.execution_count ?? null, `cell ${index} has an execution count; ${howToClear}`).toBeNull();
      });
    });
  }

  const existingNumbers = new Set(projectNotebooks.map((path) => basename(path).slice(0, 2)));
  for (const path of projectNotebooks) {
    const shown = relative(projectRoot, path);
    const cells = (JSON.parse(readFileSync(path, "utf8")) as { cells: StoredCell[] }).cells;
    const text = (type: string) => cells.filter((cell) => cell.cell_type === type).map((cell) => [cell.source].flat().join(""));

    it(`${shown} promises no notebook that does not exist`, () => {
      const prose = text("markdown").join("\n");
      expect(prose).not.toMatch(/\b(later|next|following|coming) notebooks?\b/i);
      for (const [reference, number] of prose.matchAll(/\bnotebooks? (\d\d)\b/gi)) {
        expect(existingNumbers.has(number!), `${shown} refers to "${reference}"`).toBe(true);
      }
    });

    it(`${shown} checks quizzes by id, without their answers in the cell`, () => {
      const code = text("code").join("\n");
      expect(code).not.toMatch(/checkQuizAnswer|expected:/);
    });
  }
});
