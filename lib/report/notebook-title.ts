/**
 * A notebook's title for the report index: the first Markdown heading of its first Markdown cell,
 * as plain text (emphasis, code and link markup removed), or its file name when it has none.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface NotebookJson {
  cells?: Array<{ cell_type?: string; source?: string | string[] }>;
}

/** Inline Markdown as the text a reader sees: `*really*` → `really`, `` `x` `` → `x`, `[a](b)` → `a`. */
export function plainMarkdownText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])/g, "$2");
}

/** The title of the notebook stored at `path`. */
export function notebookTitle(path: string): string {
  const fallback = basename(path, ".ipynb");
  let notebook: NotebookJson;
  try {
    notebook = JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
  } catch (error) {
    throw new Error(`${path} is not a readable notebook: ${(error as Error).message}`);
  }
  for (const cell of notebook.cells ?? []) {
    if (cell.cell_type !== "markdown") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
    const heading = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/m.exec(source);
    return heading?.[1] ? plainMarkdownText(heading[1]) : fallback;
  }
  return fallback;
}
