// Writes small nbformat-4 notebooks on the tslab kernel for tests of the runner and the report.
import { writeFileSync } from "node:fs";

/** A cell: Markdown text or TypeScript code. */
export type TestCell = { markdown: string } | { code: string };

/** Writes a notebook with `cells`, stored as flashlab stores notebooks: no outputs, no execution counts. */
export function writeTestNotebook(path: string, cells: readonly TestCell[]): void {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: cells.map((cell, index) =>
      "markdown" in cell
        ? { cell_type: "markdown", id: `cell-${index}`, metadata: {}, source: cell.markdown }
        : { cell_type: "code", id: `cell-${index}`, metadata: {}, execution_count: null, outputs: [], source: cell.code },
    ),
  };
  writeFileSync(path, JSON.stringify(notebook, null, 1) + "\n");
}
