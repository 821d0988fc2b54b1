/**
 * Where flashlab's files are at run time. Worker threads and child processes are started from the
 * compiled library in `dist/`, whether the caller runs compiled code or `lib/` sources under vitest.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the folder that holds package.json. */
export const projectRoot: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`flashlab: no package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

/**
 * The compiled file for a module of the library, given its path under `lib/` without extension,
 * e.g. `compiledModule("servers/mp-worker")`. Throws with a hint when the library is not built.
 */
export function compiledModule(modulePath: string): string {
  const file = resolve(projectRoot, "dist", `${modulePath}.js`);
  if (!existsSync(file)) {
    throw new Error(`flashlab: ${file} is missing; build the library first (npm run build)`);
  }
  return file;
}
