/**
 * Jupyter notebooks (nbformat 4) as the grader reads and writes them: cells with their source as one
 * string. Only what grading needs is typed; everything else in a notebook (metadata, ids, attachments)
 * is kept as it was. A file that is not a notebook gets an error that names it and says why.
 */
import { readFileSync, writeFileSync } from "node:fs";

/** One cell. `source` is stored as a string or as a list of lines; `cellSource` joins it. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  [other: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** A file that is not a readable nbformat-4 notebook. */
export class NotebookFileError extends Error {
  override name = "NotebookFileError";
}

/** The cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Checks that `value` (parsed JSON) is an nbformat-4 notebook; `source` names it in errors. */
export function asNotebook(value: unknown, source: string): Notebook {
  const notebook = value as Partial<Notebook> | null;
  if (notebook === null || typeof notebook !== "object" || !Array.isArray(notebook.cells)) {
    throw new NotebookFileError(`${source} is not a Jupyter notebook: it has no "cells" list (expected an .ipynb file in nbformat 4)`);
  }
  if (notebook.nbformat !== 4) {
    throw new NotebookFileError(`${source} is in nbformat ${String(notebook.nbformat)}; expected nbformat 4 (Jupyter's format since 2015)`);
  }
  notebook.cells.forEach((cell: Partial<NotebookCell> | null, index) => {
    const sourceOk = typeof cell?.source === "string" || (Array.isArray(cell?.source) && cell.source.every((line) => typeof line === "string"));
    if (cell === null || typeof cell !== "object" || typeof cell.cell_type !== "string" || !sourceOk) {
      throw new NotebookFileError(`${source}: cell ${index + 1} is malformed (expected cell_type and a text source)`);
    }
  });
  return { ...notebook, nbformat: 4, nbformat_minor: notebook.nbformat_minor ?? 5, metadata: notebook.metadata ?? {}, cells: notebook.cells as NotebookCell[] };
}

/** Parses notebook JSON text. */
export function parseNotebook(text: string, source: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotebookFileError(`${source} is not a Jupyter notebook: it is not valid JSON (${(error as Error).message})`);
  }
  return asNotebook(value, source);
}

/** Reads a notebook file. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new NotebookFileError(`cannot read the notebook ${file}: ${(error as Error).message}`);
  }
  return parseNotebook(text, file);
}

/** Writes a notebook as Jupyter does (one-space indentation, a final newline). */
export function writeNotebook(file: string, notebook: Notebook): void {
  writeFileSync(file, `${JSON.stringify(notebook, null, 1)}\n`);
}

/** The code cells, with their index among all cells (from 0). */
export function codeCells(notebook: Notebook): Array<{ index: number; source: string }> {
  return notebook.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ index, source: cellSource(cell) }] : []));
}
