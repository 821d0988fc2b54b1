// A notebook copied out of the project cannot import the library. Its first cell must then stop it
// with a message that says how to run it, rather than the compiler's "Cannot find module 'flashlab'".
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runNotebooks } from "../../lib/report/run-notebooks.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { projectNotebooks } from "./notebook-files.js";

const outside = mkdtempSync(join(tmpdir(), "flashlab-copied-out-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

interface StoredNotebook {
  cells: Array<{ cell_type: string; source: string | string[] }>;
}

describe("a notebook outside the project", () => {
  for (const path of projectNotebooks) {
    it(`${relative(projectRoot, path)} checks for the library before it imports it`, () => {
      const notebook = JSON.parse(readFileSync(path, "utf8")) as StoredNotebook;
      const code = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => [cell.source].flat().join(""));
      expect(code[0]).toContain('require.resolve("flashlab")');
      expect(code[0]).toContain("npm run setup");
      expect(code[0]).not.toMatch(/\bimport\b.*\bfrom\b/);
    });
  }

  it("fails at its first cell, saying how to run it", async () => {
    const copy = join(outside, basename(projectNotebooks[0]!));
    copyFileSync(projectNotebooks[0]!, copy);
    const run = await runNotebooks({ notebooks: [copy], profile: "quick" });
    expect(run.exitCode).toBe(1);
    const failure = run.results[0]?.failure;
    expect(failure?.cell).toBe(1); // the first code cell, after the title
    expect(failure?.output).toContain("Open it inside the flashlab project: run `npm run setup` there, then `npm run lab`");
    expect(failure?.output).not.toContain("Cannot find module");
  }, 120_000);
});
