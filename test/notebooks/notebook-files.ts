// The notebooks the tests check: every stored notebook under notebooks/ and the test fixtures.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../lib/runtime/paths.js";

function notebooksIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join(folder, name));
}

/** The project's notebooks (notebooks/*.ipynb), in name order. */
export const projectNotebooks: string[] = notebooksIn(join(projectRoot, "notebooks"));

/** Notebooks kept as test fixtures. */
export const fixtureNotebooks: string[] = notebooksIn(join(projectRoot, "test", "report", "fixtures"));
