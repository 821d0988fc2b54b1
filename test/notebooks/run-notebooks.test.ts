// Runs every notebook under notebooks/ through the real tslab kernel (quick profile): a notebook
// whose cell throws, fails to type-check or times out fails this test, with the cell's error.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runNotebooks } from "../../lib/report/run-notebooks.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { projectNotebooks } from "./notebook-files.js";

describe("notebooks run headless on the tslab kernel (quick profile)", () => {
  for (const path of projectNotebooks) {
    it(relative(projectRoot, path), async () => {
      const run = await runNotebooks({ notebooks: [path], profile: "quick" });
      expect(run.exitCode, `${relative(projectRoot, path)} failed:\n${run.stderr}`).toBe(0);
      expect(run.results).toEqual([expect.objectContaining({ ok: true })]);
    }, 600_000);
  }
});
