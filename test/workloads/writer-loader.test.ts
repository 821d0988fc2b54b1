import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFixedSetWorkload, makeSingleFileWorkload } from "../../lib/workloads/fixed.js";
import { loadWorkload, parseRequestListLine, WorkloadFileError } from "../../lib/workloads/loader.js";
import type { GeneratedWorkload } from "../../lib/workloads/model.js";
import { makeSpecweb96Workload } from "../../lib/workloads/specweb96.js";
import { docrootFileFor, writeWorkload, WorkloadOutputError } from "../../lib/workloads/writer.js";

const scratch = await mkdtemp(join(tmpdir(), "flashlab-writer-test-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("writeWorkload and loadWorkload", () => {
  it("round-trips a workload: every request names a docroot file of the right size", async () => {
    const workload = makeSpecweb96Workload({ directories: 2, requests: 500, seed: 4 });
    const out = join(scratch, "spec");
    const manifest = await writeWorkload(workload, out);
    expect(manifest).toMatchObject({ format: "flashlab-workload", version: 1, complete: true, kind: "specweb96", seed: 4 });
    expect(manifest.stats.fileCount).toBe(72);
    expect(manifest.stats.totalBytes).toBe(2 * 5_119_484);
    const loaded = await loadWorkload(join(out, "manifest.json"));
    expect(loaded.docroot).toBe(join(out, "docroot"));
    expect(loaded.requests.map((request) => request.path)).toEqual(workload.requestFiles.map((file) => workload.files[file]!.path));
    expect(loaded.requests[0]!.offsetMs).toBeUndefined();
    const bigFile = workload.files.find((file) => file.bytes === 921_600)!;
    expect((await stat(join(loaded.docroot, bigFile.path))).size).toBe(921_600);
    expect((await readFile(join(loaded.docroot, bigFile.path), "latin1")).startsWith(`flashlab ${bigFile.path} 921600 bytes\n`)).toBe(true);
  });

  it("writes and reads timed requests, and 0-byte files", async () => {
    const workload: GeneratedWorkload = { ...makeSingleFileWorkload({ fileBytes: 0, requests: 3 }), requestOffsetsMs: [0, 12.5, 1000] };
    const out = join(scratch, "timed");
    await writeWorkload(workload, out);
    expect(await readFile(join(out, "requests.txt"), "utf8")).toBe("0\t/file-0B.bin\n12.5\t/file-0B.bin\n1000\t/file-0B.bin\n");
    const loaded = await loadWorkload(out);
    expect(loaded.requests.map((request) => request.offsetMs)).toEqual([0, 12.5, 1000]);
    expect(loaded.manifest.requests.timed).toBe(true);
    expect((await stat(join(loaded.docroot, "file-0B.bin"))).size).toBe(0);
  });

  it("replaces a previous workload but refuses a user's folder or a file", async () => {
    const out = join(scratch, "replace");
    await writeWorkload(makeSingleFileWorkload({ fileBytes: 10, requests: 1 }), out);
    await writeWorkload(makeFixedSetWorkload({ fileSizes: [1, 2], requests: 4, seed: 1 }), out);
    expect((await readdir(join(out, "docroot"))).sort()).toEqual(["file-1B.bin", "file-2B.bin"]);

    const users = join(scratch, "users-folder");
    await mkdir(users);
    await writeFile(join(users, "thesis.tex"), "precious");
    await expect(writeWorkload(makeSingleFileWorkload({ fileBytes: 1, requests: 1 }), users)).rejects.toThrow(WorkloadOutputError);
    expect(await readFile(join(users, "thesis.tex"), "utf8")).toBe("precious");

    await writeFile(join(out, "notes.txt"), "mine");
    await expect(writeWorkload(makeSingleFileWorkload({ fileBytes: 1, requests: 1 }), out)).rejects.toThrow(/also notes\.txt/);

    const file = join(scratch, "a-file");
    await writeFile(file, "x");
    await expect(writeWorkload(makeSingleFileWorkload({ fileBytes: 1, requests: 1 }), file)).rejects.toThrow(/is a file/);
  });

  it("refuses to write outside the docroot", () => {
    expect(() => docrootFileFor("/tmp/root", "/../escape")).toThrow(/inside the docroot/);
    expect(() => docrootFileFor("/tmp/root", "relative")).toThrow(/inside the docroot/);
    expect(docrootFileFor("/tmp/root", "/a/b.gif")).toBe("/tmp/root/a/b.gif");
  });

  it("refuses missing, foreign, incomplete or inconsistent workloads with a clear message", async () => {
    await expect(loadWorkload(join(scratch, "nothing-here"))).rejects.toThrow(/no such file or folder/);
    const foreign = join(scratch, "foreign.json");
    await writeFile(foreign, JSON.stringify({ hello: 1 }));
    await expect(loadWorkload(foreign)).rejects.toThrow(/not a flashlab workload manifest/);
    const out = join(scratch, "broken");
    await writeWorkload(makeSingleFileWorkload({ fileBytes: 5, requests: 2 }), out);
    const manifestFile = join(out, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, complete: false }));
    await expect(loadWorkload(out)).rejects.toThrow(/not completely written/);
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(join(out, "requests.txt"), "/file-5B.bin\nfile-5B.bin\n");
    await expect(loadWorkload(out)).rejects.toThrow(WorkloadFileError);
    await expect(loadWorkload(out)).rejects.toThrow(/requests\.txt:2/);
  });

  it("parses request lines strictly", () => {
    expect(parseRequestListLine("/a")).toEqual({ path: "/a" });
    expect(parseRequestListLine("12\t/a")).toEqual({ path: "/a", offsetMs: 12 });
    expect(parseRequestListLine("-1\t/a")).toBeUndefined();
    expect(parseRequestListLine("x\t/a")).toBeUndefined();
    expect(parseRequestListLine("/a b")).toBeUndefined();
    expect(parseRequestListLine("\t/a")).toBeUndefined();
  });
});
