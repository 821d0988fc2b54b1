import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorkload } from "../../lib/workloads/loader.js";
import { makeTraceWorkload } from "../../lib/workloads/trace.js";
import { writeWorkload } from "../../lib/workloads/writer.js";
import { nasaTracePath, quirksTracePath } from "./nasa-trace.js";

const scratch = await mkdtemp(join(tmpdir(), "flashlab-trace-test-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Every regular file under `folder`, as paths relative to it. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

describe("trace workloads from the quirks fixture", () => {
  it("keeps the valid requests and counts every skip by reason", async () => {
    const workload = await makeTraceWorkload({ trace: quirksTracePath });
    // See clf-reader.test.ts for the read counts. Of the 19 entries: POST and HEAD are non-GET (2),
    // the 404 is bad-status (1), "GET foo" is bad-path (1); /b.gif (only a 304) and /c.txt (only "-")
    // have no size (2 requests); 13 valid requests remain, to 11 distinct files.
    expect(workload.trace).toMatchObject({
      physicalLines: 25,
      entries: 19,
      rejoinedLines: 2,
      validRequests: 13,
      distinctPaths: 11,
      keptFiles: 11,
      skipped: { blank: 1, malformed: 1, truncated: 1, "bad-request": 1, "non-GET": 2, "bad-status": 1, "bad-path": 1, "no-size": 2 },
      reorderedTimestamps: 1, // host19 logged in +0000: four hours before the others
    });
    const sizeOf = (path: string) => workload.files.find((file) => file.path === path)?.bytes;
    expect(sizeOf("/a.html")).toBe(150); // the largest of 100, 150, 100
    expect(sizeOf("/tail.html")).toBe(1234); // rebuilt from "... 200 12" + "34"
    expect(sizeOf("/etc/passwd")).toBe(60); // "/../../etc/passwd", kept inside the docroot
    expect(sizeOf("/dir/index.html")).toBe(70);
    expect(sizeOf("/dir-file")).toBe(80);
    expect(sizeOf("/abs.html")).toBe(10);
    expect(sizeOf("/~user/x.html")).toBe(15);
    const firstPaths = workload.requestFiles.slice(0, 3).map((file) => workload.files[file]!.path);
    expect(firstPaths.slice(0, 2)).toEqual(["/a.html", "/a.html"]);
    expect(firstPaths[2]).toMatch(/^\/my_file-h[0-9a-f]{8}\.html$/); // "/my file.html"
    expect(workload.renamedPaths).toContainEqual({ path: firstPaths[2], traceTarget: "/my file.html" });
    expect(workload.renamedPaths).toContainEqual({ path: "/dir/index.html", traceTarget: "/dir/" });
  });

  it("replays in time order at a given speed-up, never going back in time", async () => {
    const workload = await makeTraceWorkload({ trace: quirksTracePath, timeScale: 2 });
    const offsets = workload.requestOffsetsMs!;
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(500); // 1 s later in the log, replayed twice as fast
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
    expect(offsets[offsets.length - 1]).toBe(9500); // host20, 19 s after host1
  });

  it("writes a docroot that never leaves its folder, whatever the trace's paths", async () => {
    const out = join(scratch, "quirks");
    const workload = await makeTraceWorkload({ trace: quirksTracePath });
    await writeWorkload(workload, out);
    expect((await readdir(scratch)).sort()).toEqual(["quirks"]); // nothing beside the output folder
    expect((await readdir(out)).sort()).toEqual(["docroot", "manifest.json", "paths.tsv", "requests.txt"]);
    const files = await listFiles(join(out, "docroot"));
    expect(files).toHaveLength(11);
    for (const file of files) expect(file.startsWith("..") || file.includes(`..${sep}`)).toBe(false);
    expect(files).toContain(join("etc", "passwd"));
    const loaded = await loadWorkload(out);
    for (const request of loaded.requests) {
      const info = await stat(join(loaded.docroot, request.path));
      expect(info.size).toBe(workload.files.find((file) => file.path === request.path)!.bytes);
    }
  });

  it("reads a stream and refuses a trace with nothing to replay", async () => {
    const text = 'h - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 404 -\nnot a log line\n';
    await expect(makeTraceWorkload({ trace: Readable.from([text]), traceName: "tiny.log" })).rejects.toThrow(/tiny\.log: no request to replay.*truncated 1.*bad-status 1/);
  });
});

describe("trace workloads from the NASA Aug 1995 excerpt", () => {
  /*
   * Expected numbers, derived independently with awk on the excerpt after joining each line listed by
   * `grep -nvE "$R"` (see clf-reader.test.ts) with the line after it (except the last line):
   * - valid requests (status 200 or 304; every method is GET): 1717 + 130 = 1847; bad-status 33
   *   (302 × 27, 404 × 5, 403 × 1);
   * - every path seen with a 304 is also seen with a 200, so no-size = 0;
   * - distinct paths with a 200: 431, whose largest sizes sum to 15,880,815 bytes;
   * - files in first-request order while the total fits 2 MiB: 116 files, 2,090,361 bytes, reached by
   *   1298 requests; 1847 − 1298 = 549 requests fall outside;
   * - the excerpt spans 00:00:01 to 01:12:24: 4343 s.
   */
  it("replays 1847 requests to 431 files", async () => {
    const workload = await makeTraceWorkload({ trace: nasaTracePath });
    expect(workload.trace).toMatchObject({
      physicalLines: 1930,
      entries: 1880,
      rejoinedLines: 49,
      validRequests: 1847,
      distinctPaths: 431,
      keptFiles: 431,
      requestsOutsideBudget: 0,
      spanS: 4343,
      skipped: { blank: 0, malformed: 0, truncated: 1, "bad-request": 0, "non-GET": 0, "bad-status": 33, "bad-path": 0, "no-size": 0 },
    });
    expect(workload.requestFiles).toHaveLength(1847);
    expect(workload.files.reduce((sum, file) => sum + file.bytes, 0)).toBe(15_880_815);
  });

  it("truncates to a 2 MiB data set by first-requested files", async () => {
    const workload = await makeTraceWorkload({ trace: nasaTracePath, budgetBytes: 2 * 1024 * 1024 });
    expect(workload.files).toHaveLength(116);
    expect(workload.files.reduce((sum, file) => sum + file.bytes, 0)).toBe(2_090_361);
    expect(workload.requestFiles).toHaveLength(1298);
    expect(workload.trace?.requestsOutsideBudget).toBe(549);
  });

  it("caps the number of requests", async () => {
    const workload = await makeTraceWorkload({ trace: nasaTracePath, maxRequests: 100 });
    expect(workload.requestFiles).toHaveLength(100);
    expect(workload.trace?.requestsOverCap).toBe(1747);
  });
});
