import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { compiledModule } from "../../lib/runtime/paths.js";
import { loadWorkload } from "../../lib/workloads/loader.js";
import { nasaTracePath } from "./nasa-trace.js";

const run = promisify(execFile);
const cli = compiledModule("cli"); // `npm run build` first
const scratch = await mkdtemp(join(tmpdir(), "flashlab-workload-cli-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Runs `flashlab workload make ...args` on this Node; resolves to its exit code and output. */
async function make(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, "workload", "make", ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === "number" ? failure.code : -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

describe("flashlab workload make", () => {
  it("writes a SPECweb96 workload, the same one for the same seed", async () => {
    const first = await make("--kind", "specweb96", "--size-mb", "10", "--requests", "2000", "--seed", "3", "--out", join(scratch, "spec-a"), "--json");
    expect(first.code, first.stderr).toBe(0);
    const manifest = JSON.parse(first.stdout);
    expect(manifest.parameters.directories).toBe(2); // round(10 MiB / 5,119,484 B)
    expect(manifest.stats.fileCount).toBe(72);
    expect(manifest.stats.requestCount).toBe(2000);
    const second = await make("--kind", "specweb96", "--size-mb", "10", "--requests", "2000", "--seed", "3", "--out", join(scratch, "spec-b"));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^ARG kind specweb96$/m);
    expect(second.stdout).toMatch(/0-1KB\s+18\s/); // 9 class-0 files in each of 2 directories
    const [a, b] = await Promise.all(["spec-a", "spec-b"].map((name) => readFile(join(scratch, name, "requests.txt"), "utf8")));
    expect(a).toBe(b);
    const loaded = await loadWorkload(join(scratch, "spec-a"));
    expect(loaded.requests).toHaveLength(2000);
  });

  it("writes single, fixed and SURGE workloads", async () => {
    const single = await make("--kind", "single", "--file-size", "4KB", "--requests", "5", "--out", join(scratch, "single"));
    expect(single.code, single.stderr).toBe(0);
    expect((await stat(join(scratch, "single", "docroot", "file-4096B.bin"))).size).toBe(4096);
    const fixed = await make("--kind", "fixed", "--file-size", "1KB,10KB,100KB", "--out", join(scratch, "fixed"), "--json");
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout).stats.requestCount).toBe(10_000);
    const surge = await make("--kind", "surge", "--files", "200", "--requests", "3000", "--locality", "--out", join(scratch, "surge"), "--json");
    expect(surge.code, surge.stderr).toBe(0);
    expect(JSON.parse(surge.stdout).stats.fileCount).toBe(200);
  });

  it("rejects bad input with exit 2 and a message that says what is accepted", async () => {
    const noTrace = await make("--kind", "trace", "--out", join(scratch, "t1"));
    expect([noTrace.code, noTrace.stderr]).toEqual([2, expect.stringMatching(/--kind trace needs --trace FILE/)]);
    const negative = await make("--kind", "specweb96", "--size-mb", "-5", "--out", join(scratch, "t2"));
    expect([negative.code, negative.stderr]).toEqual([2, expect.stringMatching(/--size-mb takes a number > 0; got -5/)]);
    const tooBig = await make("--kind", "specweb96", "--size-mb", "1e9", "--out", join(scratch, "t2b"));
    expect([tooBig.code, tooBig.stderr]).toEqual([2, expect.stringMatching(/the docroot needs .* but only .* is free/)]);
    const noKind = await make("--out", join(scratch, "t3"));
    expect([noKind.code, noKind.stderr]).toEqual([2, expect.stringMatching(/--kind is required \(one of single, fixed, specweb96, surge, trace\)/)]);
    const badSize = await make("--kind", "single", "--file-size", "big", "--out", join(scratch, "t4"));
    expect([badSize.code, badSize.stderr]).toEqual([2, expect.stringMatching(/"big" is not a size/)]);
    const wrongFlag = await make("--kind", "single", "--trace", "x.log", "--out", join(scratch, "t5"));
    expect([wrongFlag.code, wrongFlag.stderr]).toEqual([2, expect.stringMatching(/--trace does not apply to --kind single/)]);
    const aFile = join(scratch, "plain-file");
    await writeFile(aFile, "x");
    const outIsFile = await make("--kind", "single", "--out", aFile);
    expect([outIsFile.code, outIsFile.stderr]).toEqual([2, expect.stringMatching(/is a file/)]);
    const users = join(scratch, "users");
    await mkdir(users);
    await writeFile(join(users, "keep.txt"), "mine");
    const nonEmpty = await make("--kind", "single", "--out", users);
    expect([nonEmpty.code, nonEmpty.stderr]).toEqual([2, expect.stringMatching(/not empty and holds no flashlab workload/)]);
    expect(await readFile(join(users, "keep.txt"), "utf8")).toBe("mine");
  });

  it("fails with exit 1 on a trace it cannot read, creating nothing", async () => {
    const out = join(scratch, "t6");
    const missing = await make("--kind", "trace", "--trace", join(scratch, "no-such.log"), "--out", out);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringMatching(/cannot read trace .*no-such\.log: no such file/)]);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it("replays the NASA excerpt truncated to 2 MB, timed", async () => {
    const out = join(scratch, "nasa");
    const result = await make("--kind", "trace", "--trace", nasaTracePath, "--size-mb", "2", "--time-scale", "10", "--out", out, "--json");
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.trace).toMatchObject({ validRequests: 1847, keptFiles: 116, requestsOutsideBudget: 549 });
    expect(manifest.trace.skipped).toMatchObject({ truncated: 1, "bad-status": 33 });
    expect(manifest.stats).toMatchObject({ fileCount: 116, totalBytes: 2_090_361, requestCount: 1298 });
    const loaded = await loadWorkload(out);
    expect(loaded.requests[0]).toEqual({ path: "/shuttle/missions/sts-68/news/sts-68-mcc-05.txt", offsetMs: 0 });
    expect(loaded.requests[1]!.offsetMs).toBe(600); // 6 s later in the log, at 10× speed
  });
});
