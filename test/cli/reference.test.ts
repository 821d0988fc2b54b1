/**
 * `flashlab reference` as a user runs it: trim a finished sweep into a reference folder (and refuse to
 * overwrite one without --replace, exit 2), and list which built-in specs have a reference.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "../../lib/cli/command.js";
import { flashlabCommands } from "../../lib/cli/registry.js";
import { modelledSweep } from "../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-reference-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sweepDir = join(root, "sweep");
const referenceDir = join(root, "reference");

async function flashlab(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await dispatch(flashlabCommands, args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
  return { status, stdout, stderr };
}

beforeAll(async () => {
  await modelledSweep("memory", "quick", sweepDir, () => ({ rssMB: 50 }));
  process.env.FLASHLAB_REFERENCE_DIR = referenceDir;
});
afterAll(() => {
  delete process.env.FLASHLAB_REFERENCE_DIR;
});

describe("flashlab reference", () => {
  it("trims a sweep into its spec's reference folder, and lists it", async () => {
    const trimmed = await flashlab("reference", "trim", sweepDir);
    expect(trimmed.status).toBe(0);
    expect(trimmed.stdout).toMatch(/reference\/memory: 8 runs of memory \(quick profile\); \d+ KB trimmed to \d+ KB/);
    const listed = await flashlab("reference", "list", "--json");
    const rows = JSON.parse(listed.stdout) as Array<{ name: string; present: boolean; note: string }>;
    expect(rows.map((row) => [row.name, row.present])).toEqual([
      ["single-file", false],
      ["cached-trace", false],
      ["disk-bound-trace", false],
      ["dataset-size", false],
      ["optimizations", false],
      ["many-clients", false],
      ["memory", true],
      ["disk-latency", false],
    ]);
    expect(rows.find((row) => row.name === "memory")!.note).toMatch(/^Reference for memory: the quick profile/);
  });

  it("exits 2 with the reason for a destination that holds a reference, unless --replace, and for a folder that is not a run", async () => {
    const again = await flashlab("reference", "trim", sweepDir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/is not empty.*--replace/);
    expect((await flashlab("reference", "trim", sweepDir, "--replace")).status).toBe(0);
    const missing = await flashlab("reference", "trim", join(root, "nothing-here"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is not a run folder \(it has no run\.json\)/);
  });
});
