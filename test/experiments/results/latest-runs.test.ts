/**
 * The newest run of a spec under a results folder: by run id (a UTC timestamp), passing over folders
 * that are not readable runs or hold no finished run; null when there is none.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readLatestRun } from "../../../lib/experiments/index.js";
import { modelledSweep } from "../../support/modelled-sweep.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-latest-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("reads the newest readable run, and null when there is none", async () => {
  const folder = join(root, "memory");
  expect(await readLatestRun("memory", folder)).toBeNull();
  await modelledSweep("memory", "quick", join(folder, "20261129-100000-quick"), () => ({ rssMB: 1 }));
  await modelledSweep("memory", "quick", join(folder, "20261129-110000-quick"), () => ({ rssMB: 2 }));
  mkdirSync(join(folder, "20261129-120000-quick"));
  writeFileSync(join(folder, "20261129-120000-quick", "run.json"), "not json");
  const latest = await readLatestRun("memory", folder);
  expect(latest?.runDir).toBe(join(folder, "20261129-110000-quick"));
  expect(latest?.records[0]!.metrics.rssMB).toBe(2);
});
