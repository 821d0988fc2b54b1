/**
 * How an assignment notebook marks its cells for the grader (nbgrader's idea, as a visible first line
 * rather than hidden metadata, so that a student sees it and it survives copy and paste):
 *
 *   // flashlab-grade: setup               instructor code the grader runs before the student's (imports, data)
 *   // flashlab-grade: answer NAME[, NAME]  a student cell that must define the function(s) NAME
 *   // flashlab-grade: check               visible sanity checks, for the student only (never graded)
 *
 * Other cells are the notebook's own (explanations, demonstrations) and the grader ignores them. The
 * marker must be the first non-blank line of a code cell.
 */

export type CellRole = "setup" | "answer" | "check";

export interface CellMarker {
  role: CellRole;
  /** For answers: the names the cell defines. */
  names: string[];
}

/** The marker prefix, as written in a cell. */
export const markerPrefix = "// flashlab-grade:";

const markerLine = /^\s*\/\/\s*flashlab-grade:\s*(\S+)\s*(.*?)\s*$/;
const identifier = /^[A-Za-z_$][\w$]*$/;

/** A marker that names an unknown role or a bad name. */
export class CellMarkerError extends Error {
  override name = "CellMarkerError";
}

/** The marker on the first non-blank line of `source`, or null when the cell has none. */
export function parseCellMarker(source: string): CellMarker | null {
  const firstLine = source.split("\n").find((line) => line.trim() !== "");
  const match = firstLine === undefined ? null : markerLine.exec(firstLine);
  if (match === null) return null;
  const role = match[1]!;
  const rest = match[2]!;
  if (role !== "setup" && role !== "answer" && role !== "check") {
    throw new CellMarkerError(`unknown cell marker "${markerPrefix} ${role}"; accepted: setup, answer NAME[, NAME…], check`);
  }
  if (role !== "answer") {
    if (rest !== "") throw new CellMarkerError(`"${markerPrefix} ${role}" takes nothing after it; got "${rest}"`);
    return { role, names: [] };
  }
  const names = rest.split(/[\s,]+/).filter((name) => name !== "");
  if (names.length === 0) throw new CellMarkerError(`"${markerPrefix} answer" needs the name(s) the cell defines, e.g. "${markerPrefix} answer percentile"`);
  for (const name of names) {
    if (!identifier.test(name)) throw new CellMarkerError(`"${name}" in "${markerPrefix} answer ${rest}" is not a TypeScript name`);
  }
  return { role, names };
}
