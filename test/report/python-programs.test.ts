// The report's Python programs belong to the library: they sit beside lib/report's modules, the build
// copies them into dist/, and nothing in lib/ reaches into the project's scripts/ folder (a user of
// the built package has none).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { notebookProgram } from "../../lib/report/jupyter-setup.js";
import type { NotebookProgram } from "../../lib/report/jupyter-setup.js";
import { compiledModule, projectRoot } from "../../lib/runtime/paths.js";

const programs: NotebookProgram[] = ["run-notebooks.py", "notebook-to-html.py"];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|py)$/.test(entry.name) ? [path] : [];
  });
}

describe("the report's Python programs", () => {
  it("live in lib/report/python", () => {
    for (const program of programs) expect(notebookProgram(program)).toBe(join(projectRoot, "lib", "report", "python", program));
  });

  it("are found beside the compiled library, where a user of the built package has them", async () => {
    const compiled = (await import(pathToFileURL(compiledModule("report/jupyter-setup")).href)) as typeof import("../../lib/report/jupyter-setup.js");
    for (const program of programs) {
      const path = compiled.notebookProgram(program);
      expect(path).toBe(join(projectRoot, "dist", "report", "python", program));
      expect(readFileSync(path, "utf8")).toBe(readFileSync(join(projectRoot, "lib", "report", "python", program), "utf8"));
    }
  });

  it("are not looked for in scripts/, and no library module mentions that folder", () => {
    for (const program of programs) expect(existsSync(join(projectRoot, "scripts", program))).toBe(false);
    const offenders = sourceFiles(join(projectRoot, "lib")).filter((file) => /\bscripts\//.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => relative(projectRoot, file))).toEqual([]);
  });
});
