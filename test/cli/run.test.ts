/**
 * `flashlab run` as a user runs it: --list, --dry-run --json (the randomized order, nothing run), bad
 * flags and specs (exit 2 with the field named), all through the command dispatcher; and the built
 * CLI in a child process, killed mid-sweep and resumed: every run exactly once, none lost, none
 * repeated, and a JSON row per point with confidence intervals.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dispatch } from "../../lib/cli/command.js";
import { flashlabCommands } from "../../lib/cli/registry.js";
import { projectRoot } from "../../lib/runtime/paths.js";

const cli = join(projectRoot, "dist", "cli.js");
const root = mkdtempSync(join(tmpdir(), "flashlab-run-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `flashlab ARGS` through the command dispatcher, in this process. */
async function flashlab(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await dispatch(flashlabCommands, args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
  return { status, stdout, stderr };
}

/** The built `flashlab ARGS` in a child process. */
function flashlabProcess(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A tiny real spec: SPED serving one small file, 2 points × 3 repetitions of 0.2 s. */
const tinySpec = {
  name: "tiny",
  description: "SPED, two file sizes",
  factors: { fileSizeKB: [1, 2] },
  fixed: { arch: "sped", clients: 2 },
  metrics: ["throughputRps", "connectionRate"],
  seed: 11,
  profiles: { quick: { repetitions: 3, warmupS: 0, durationS: 0.2 }, full: { repetitions: 3, warmupS: 0, durationS: 1 } },
};
const tinyFile = join(root, "tiny.json");
writeFileSync(tinyFile, JSON.stringify(tinySpec));

describe("flashlab run --list", () => {
  it("names every built-in spec with what it shows", async () => {
    const { status, stdout } = await flashlab("run", "--list");
    expect(status).toBe(0);
    for (const name of ["single-file", "cached-trace", "disk-bound-trace", "dataset-size", "optimizations", "many-clients", "memory", "disk-latency"]) {
      expect(stdout).toMatch(new RegExp(`^${name} +\\S.+$`, "m"));
    }
    const listed = JSON.parse((await flashlab("run", "--list", "--json")).stdout) as Array<{ name: string; description: string }>;
    expect(listed).toHaveLength(8);
  });
});

describe("flashlab run --dry-run", () => {
  it("prints every run in its randomized order, the same each time, and runs nothing", async () => {
    const results = join(projectRoot, "datasets", "results", "single-file");
    const folders = () => (existsSync(results) ? readdirSync(results).sort() : []);
    const before = folders();
    const first = await flashlab("run", "single-file", "--profile", "quick", "--reps", "2", "--dry-run", "--json");
    expect(first.status).toBe(0);
    const runs = JSON.parse(first.stdout) as Array<{ arch: string; fileSizeKB: number; rep: number }>;
    expect(runs).toHaveLength(16);
    const keys = runs.map((run) => `${run.arch}/${run.fileSizeKB}/${run.rep}`);
    expect(new Set(keys).size).toBe(16);
    const expected = ["sped", "amped", "mp", "apache"].flatMap((arch) => [1, 200].flatMap((size) => [1, 2].map((rep) => `${arch}/${size}/${rep}`)));
    expect([...keys].sort()).toEqual([...expected].sort());
    expect(keys).not.toEqual(expected); // randomized, not enumerated
    expect((await flashlab("run", "single-file", "--profile", "quick", "--reps", "2", "--dry-run", "--json")).stdout).toBe(first.stdout);
    expect(folders()).toEqual(before); // no run folder was made
  });

  it("prints a table with the estimated time", async () => {
    const { status, stdout } = await flashlab("run", tinyFile, "--dry-run");
    expect(status).toBe(0);
    expect(stdout).toContain("spec tiny, profile quick: 2 points (fileSizeKB (2)) × 3 repetitions = 6 runs");
    expect(stdout).toMatch(/estimated time: \d+ s \(nothing was run\)/);
  });
});

describe("flashlab run with bad input", () => {
  it.each([
    [["run", "single-file", "--profile", "fast"], "--profile must be one of quick, full"],
    [["run", "single-file", "--reps", "0"], "--reps takes a whole number ≥ 1 and ≤ 1000"],
    [["run", "single-file", "--speed"], "unknown option --speed"],
    [["run"], "missing SPEC"],
    [["run", "no-such-spec"], "not a built-in spec"],
    [["run", "single-file", "--out", "/tmp/a", "--resume", "/tmp/b"], "--out and --resume exclude each other"],
    [["run", "--list", "single-file"], "--list takes no SPEC"],
  ])("%j exits 2 and says %j", async (args, message) => {
    const { status, stderr } = await flashlab(...args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });

  it("exits 2 for a spec file with a bad field, naming it", async () => {
    const bad = join(root, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...tinySpec, factors: { arch: ["sped", "spedd"] }, fixed: { clients: 2 } }));
    const { status, stderr } = await flashlab("run", bad, "--dry-run");
    expect(status).toBe(2);
    expect(stderr).toContain('factors.arch[1]: "spedd" is not an architecture; accepted: mp, mt, sped, amped, amted, zeus, apache');
  });
});

/** Resolves when `check` holds, polling; fails after `timeoutMs`. */
async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

describe("flashlab run, killed and resumed", () => {
  it("finishes every run exactly once: none lost, none repeated", async () => {
    const out = join(root, "killed");
    const runsFolder = join(out, "runs");
    const finished = () => (existsSync(runsFolder) ? readdirSync(runsFolder).filter((name) => name.endsWith(".json")) : []);
    const child = spawn(process.execPath, [cli, "run", tinyFile, "--out", out, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    await waitFor(() => finished().length >= 2 || child.exitCode !== null, 60_000, "two finished runs");
    child.kill("SIGKILL"); // the hardest interruption: no clean-up runs at all
    await exited(child);
    const kept = finished();
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    const keptText = Object.fromEntries(kept.map((name) => [name, readFileSync(join(runsFolder, name), "utf8")]));
    for (const text of Object.values(keptText)) expect(JSON.parse(text).status).toBe("ok"); // whole files only

    // Another spec may not continue this folder.
    const other = join(root, "other.json");
    writeFileSync(other, JSON.stringify({ ...tinySpec, seed: 12 }));
    const refused = await flashlab("run", other, "--resume", out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("Refusing to mix their results");

    const resumed = flashlabProcess("run", tinyFile, "--resume", out, "--json");
    expect(resumed.stderr).not.toContain("FAILED");
    expect(resumed.status).toBe(0);
    const names = finished().sort();
    expect(names).toEqual(["p01-r1.json", "p01-r2.json", "p01-r3.json", "p02-r1.json", "p02-r2.json", "p02-r3.json"]);
    for (const [name, text] of Object.entries(keptText)) expect(readFileSync(join(runsFolder, name), "utf8")).toBe(text);
    const rows = JSON.parse(resumed.stdout) as Array<Record<string, number>>;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ n: 3, failed: 0 });
      expect(Object.keys(row)).toEqual(expect.arrayContaining(["fileSizeKB", "throughputRpsMean", "throughputRpsCiLow", "throughputRpsCiHigh", "connectionRateMean"]));
      expect(row.throughputRpsCiLow).toBeLessThanOrEqual(row.throughputRpsMean!);
      expect(row.throughputRpsMean).toBeLessThanOrEqual(row.throughputRpsCiHigh!);
    }
    expect(readFileSync(join(out, "runs.csv"), "utf8").trim().split("\n")).toHaveLength(7);
  });
});
