// The notebook runner through the CLI (`flashlab notebooks`): a broken notebook makes it exit 1 and
// print the failing cell's index, source and error; a good one runs with the profile passed through;
// the stored notebooks are never written.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledModule } from "../../lib/runtime/paths.js";
import { writeTestNotebook } from "./notebook-builder.js";

const folder = mkdtempSync(join(tmpdir(), "flashlab-runner-test-"));
const notebookPath = (name: string) => join(folder, `${name}.ipynb`);
const outputDir = join(folder, "executed");
type Run = { status: number | null; stdout: string; stderr: string };
let run: Run;
let timedOut: Run;
let storedPassing: string;

function flashlab(args: string[]) {
  const result = spawnSync(process.execPath, [compiledModule("cli"), ...args], { encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  writeTestNotebook(notebookPath("a-passes"), [{ code: 'console.log("profile=" + process.env.FLASHLAB_PROFILE);' }]);
  writeTestNotebook(notebookPath("b-type-error"), [
    { code: "const fine = 1;" },
    { code: 'const wrong: number = "not a number";' },
    { code: 'console.log("after the type error");' },
  ]);
  writeTestNotebook(notebookPath("c-throws"), [{ markdown: "# throws" }, { code: 'throw new Error("deliberate failure");' }]);
  writeTestNotebook(notebookPath("d-hangs"), [{ code: "await new Promise((resolve) => setTimeout(resolve, 60_000));" }]);
  storedPassing = readFileSync(notebookPath("a-passes"), "utf8");
  const notebooks = ["a-passes", "b-type-error", "c-throws"].map(notebookPath);
  run = flashlab(["notebooks", "--profile", "full", "--output-dir", outputDir, ...notebooks]);
  timedOut = flashlab(["notebooks", "--timeout", "5", notebookPath("d-hangs")]);
}, 150_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("flashlab notebooks (the runner)", () => {
  it("exits 1 when any notebook fails, after running all of them", () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/ok\s+\S*a-passes\.ipynb/);
    for (const name of ["b-type-error", "c-throws"]) expect(run.stdout).toMatch(new RegExp(`FAILED\\s+\\S*${name}\\.ipynb`));
    expect(run.stderr).toContain("2 of 3 notebook(s) failed");
  });

  it("prints a type error's cell index, source and compiler message", () => {
    expect(run.stderr).toContain(`FAILED ${notebookPath("b-type-error")}: cell 1`);
    expect(run.stderr).toContain('const wrong: number = "not a number";');
    expect(run.stderr).toContain("Type 'string' is not assignable to type 'number'");
  });

  it("prints a thrown error's message and a timed-out cell", () => {
    expect(run.stderr).toContain(`FAILED ${notebookPath("c-throws")}: cell 1`);
    expect(run.stderr).toContain("Error: deliberate failure");
    expect(timedOut.status).toBe(1);
    expect(timedOut.stderr).toContain(`FAILED ${notebookPath("d-hangs")}: cell 0 (timed out after 5 s)`);
    expect(timedOut.stderr).toContain("await new Promise((resolve) => setTimeout(resolve, 60_000));");
  });

  it("passes the profile to the kernel and writes executed copies only to the output folder", () => {
    expect(readFileSync(notebookPath("a-passes"), "utf8")).toBe(storedPassing);
    const executed = JSON.parse(readFileSync(join(outputDir, "a-passes.ipynb"), "utf8"));
    const text = (output: { text: string | string[] }) => [output.text].flat().join("");
    expect(executed.cells[0].outputs.map(text)).toEqual(["profile=full\n"]);
    expect(executed.cells[0].execution_count).toBe(1);
    const broken = JSON.parse(readFileSync(join(outputDir, "b-type-error.ipynb"), "utf8"));
    expect(broken.cells[2].outputs).toEqual([]); // the runner stops at the failing cell
  });

  it("refuses an output folder that would overwrite the stored notebooks, before running anything", () => {
    const refused = flashlab(["notebooks", "--output-dir", folder, notebookPath("a-passes")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("refusing to overwrite the stored notebook");
    expect(readFileSync(notebookPath("a-passes"), "utf8")).toBe(storedPassing);
  });

  it("rejects a bad profile with a usage error", () => {
    const bad = flashlab(["notebooks", "--profile", "fast"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--profile must be one of quick, full");
  });
});
