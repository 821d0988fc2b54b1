// The instructor versions of the assignments run top to bottom on the real tslab kernel, as an
// instructor checks them before a release: every cell, the demonstrations and the sanity checks,
// which must all print ✔.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentNames, loadAssignment } from "../../lib/grading/assignment.js";
import { runNotebooks } from "../../lib/report/run-notebooks.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { temporaryFolder } from "./support.js";

const executed = temporaryFolder("flashlab-assignment-notebooks-");
afterAll(() => executed.remove());

describe("assignment notebooks run on the tslab kernel", () => {
  it("every instructor notebook, with every sanity check passing", async () => {
    const notebooks = assignmentNames().map((name) => loadAssignment(name).notebook);
    const run = await runNotebooks({ notebooks, profile: "quick", outputDir: executed.path });
    expect(run.exitCode, `${notebooks.map((path) => relative(projectRoot, path)).join(", ")}:\n${run.stderr}`).toBe(0);
    expect(run.results.map((result) => result.ok)).toEqual(notebooks.map(() => true));
    for (const file of readdirSync(executed.path)) {
      const text = readFileSync(join(executed.path, file), "utf8");
      expect(text, file).toContain("✔");
      expect(text, file).not.toContain("✘");
    }
  }, 600_000);
});
