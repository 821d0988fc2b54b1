/**
 * `flashlab docroot` and the files it writes: sizes as asked, deterministic content, clear errors.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";
import { sizedFileContent } from "../../lib/servers/size-docroot.js";

const out = mkdtempSync(join(tmpdir(), "flashlab-docroot-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const cli = join(projectRoot, "dist", "cli.js");

it("writes count files of each size with deterministic content", () => {
  const result = spawnSync(process.execPath, [cli, "docroot", "--out", join(out, "a"), "--sizes", "1k,10k,1m", "--count", "2"], { encoding: "utf8" });
  expect(result.status).toBe(0);
  for (const [label, bytes] of [["1k", 1024], ["10k", 10240], ["1m", 1048576]] as const) {
    for (const index of [0, 1]) {
      const file = join(out, "a", `${label}-${index}.bin`);
      expect(statSync(file).size).toBe(bytes);
      expect(Buffer.compare(readFileSync(file), sizedFileContent(`/${label}-${index}.bin`, bytes))).toBe(0);
    }
  }
  expect(readFileSync(join(out, "a", "index.html"), "utf8")).toContain("/1m-1.bin");
  expect(Buffer.compare(readFileSync(join(out, "a", "1k-0.bin")), readFileSync(join(out, "a", "1k-1.bin")))).not.toBe(0);
});

it("rejects a bad size or a missing --out with exit 2", () => {
  const badSize = spawnSync(process.execPath, [cli, "docroot", "--out", join(out, "b"), "--sizes", "1k,lots"], { encoding: "utf8" });
  expect(badSize.status).toBe(2);
  expect(badSize.stderr).toMatch(/"lots" is not a size/);
  const noOut = spawnSync(process.execPath, [cli, "docroot", "--sizes", "1k"], { encoding: "utf8" });
  expect(noOut.status).toBe(2);
  expect(noOut.stderr).toMatch(/--out is required/);
});
