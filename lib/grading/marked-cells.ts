/**
 * The marked cells of an assignment notebook (see cell-markers.ts), in notebook order: setup cells,
 * answer cells by the names they define, and check cells.
 */
import { CellMarkerError, parseCellMarker, type CellRole } from "./cell-markers.js";
import { codeCells, type Notebook } from "./notebook-file.js";

export interface MarkedCell {
  /** Index among all the notebook's cells, from 0. */
  index: number;
  role: CellRole;
  names: string[];
  source: string;
}

export interface MarkedCells {
  cells: MarkedCell[];
  setup: MarkedCell[];
  answers: MarkedCell[];
  /** The names the answer cells define, in order of first appearance. */
  answerNames: string[];
  /** Names defined by more than one answer cell (the later cell wins, as when the notebook runs top to bottom). */
  repeatedNames: string[];
}

/** Finds the marked cells of `notebook`; a malformed marker throws an error naming the cell. */
export function markedCells(notebook: Notebook, where: string): MarkedCells {
  const cells: MarkedCell[] = [];
  for (const { index, source } of codeCells(notebook)) {
    let marker;
    try {
      marker = parseCellMarker(source);
    } catch (error) {
      if (error instanceof CellMarkerError) throw new CellMarkerError(`${where}, cell ${index + 1}: ${error.message}`);
      throw error;
    }
    if (marker !== null) cells.push({ index, role: marker.role, names: marker.names, source });
  }
  const answers = cells.filter((cell) => cell.role === "answer");
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of answers.flatMap((cell) => cell.names)) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return {
    cells,
    setup: cells.filter((cell) => cell.role === "setup"),
    answers,
    answerNames: [...seen],
    repeatedNames: [...repeated],
  };
}
