// Demo workloads: groups of same-sized files with a share of a deterministic request stream each,
// spread evenly and cycling through each group's files; built once and reused.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDemoWorkload, prepareDemoWorkload } from "../../lib/experiments/demo-workloads.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-demo-workloads-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("makeDemoWorkload", () => {
  it("names the files by group, gives each group its share, evenly, cycling through its files", () => {
    const workload = makeDemoWorkload({
      files: [
        { name: "hot", bytes: 100, count: 2, share: 3 },
        { name: "cold", bytes: 200, count: 3, share: 1 },
        { name: "spare", bytes: 1, count: 1, share: 0 },
      ],
      requests: 12,
    });
    expect(workload.files.map((file) => file.path)).toEqual(["/hot-0.bin", "/hot-1.bin", "/cold-0.bin", "/cold-1.bin", "/cold-2.bin", "/spare-0.bin"]);
    const paths = workload.requestFiles.map((index) => workload.files[index]!.path);
    expect(paths.filter((path) => path.startsWith("/hot")).length).toBe(9);
    expect(paths.filter((path) => path.startsWith("/cold"))).toEqual(["/cold-0.bin", "/cold-1.bin", "/cold-2.bin"]);
    expect(paths).not.toContain("/spare-0.bin");
    // Evenly spread: never two cold requests in a row, one in every four.
    expect(paths.map((path) => (path.startsWith("/cold") ? "c" : "h")).join("")).toBe("hhchhhchhhch");
  });

  it("refuses what it cannot build, saying what is accepted", () => {
    expect(() => makeDemoWorkload({ files: [] })).toThrow(/at least one group/);
    expect(() => makeDemoWorkload({ files: [{ name: "a/b", bytes: 1, count: 1 }] })).toThrow(/letters, digits/);
    expect(() => makeDemoWorkload({ files: [{ name: "a", bytes: 1, count: 1 }, { name: "a", bytes: 2, count: 1 }] })).toThrow(/two file groups/);
    expect(() => makeDemoWorkload({ files: [{ name: "a", bytes: -1, count: 1 }] })).toThrow(/bytes must be a whole number/);
    expect(() => makeDemoWorkload({ files: [{ name: "a", bytes: 1, count: 0 }] })).toThrow(/count must be a whole number/);
    expect(() => makeDemoWorkload({ files: [{ name: "a", bytes: 1, count: 1, share: 0 }] })).toThrow(/share above 0/);
    expect(() => makeDemoWorkload({ files: [{ name: "a", bytes: 1, count: 1 }], requests: 0 })).toThrow(/requests must be/);
  });
});

describe("prepareDemoWorkload", () => {
  it("writes the files and the stream once, and reuses the folder", async () => {
    const options = { files: [{ name: "small", bytes: 1024, count: 2 }], requests: 4 };
    const first = await prepareDemoWorkload(options, root);
    expect(statSync(join(first.docroot, "small-1.bin")).size).toBe(1024);
    expect(readFileSync(join(first.folder, "requests.txt"), "utf8").trim().split("\n")).toEqual(["/small-0.bin", "/small-1.bin", "/small-0.bin", "/small-1.bin"]);
    const again = await prepareDemoWorkload(options, root);
    expect(again.folder).toBe(first.folder);
    expect(again.manifest.createdAt).toBe(first.manifest.createdAt);
  });
});
