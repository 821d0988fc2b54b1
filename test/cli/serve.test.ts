/**
 * `flashlab serve` as a user runs it: it prints exactly one line when ready, serves, and on SIGTERM
 * exits 0 with every child process gone; bad flags exit 2 with a message.
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";
import { makeTestDocroot, sleep } from "../servers/support.js";

const cli = join(projectRoot, "dist", "cli.js");
const docroot = makeTestDocroot([1024]);
afterAll(() => docroot.remove());

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

/** Starts `flashlab serve …`; resolves once it printed its first line or exited (stderr is kept for messages). */
async function serve(args: string[]) {
  const child = spawn(process.execPath, [cli, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines = createInterface({ input: child.stdout! });
  const output: string[] = [];
  let stderr = "";
  let hasExited = false;
  lines.on("line", (line) => output.push(line));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      hasExited = true;
      resolve(code);
    }),
  );
  for (let waited = 0; output.length === 0 && !hasExited && waited < 20_000; waited += 50) await sleep(50);
  return { child, output, exited, stderr: () => stderr };
}

describe("flashlab serve", () => {
  it.each(["amped", "mp"])("--arch %s prints one line, serves, and exits 0 on SIGTERM with its children gone", async (arch) => {
    const sizing = arch === "amped" ? ["--helpers", "2"] : ["--workers", "2"];
    const { child, output, exited, stderr } = await serve(["--arch", arch, "--docroot", docroot.directory, ...sizing]);
    try {
      expect(output, stderr()).toHaveLength(1);
      expect(output[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = output[0]!.replace("listening on ", "");
      const response = await fetch(`${url}/1k-0.bin`, { headers: { Connection: "close" } });
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(1024);
      const children = descendants(child.pid!);
      expect(children.length).toBeGreaterThanOrEqual(3); // the server's top process and its workers or helpers
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await sleep(200);
      expect(children.filter(isAlive)).toEqual([]);
      expect(output).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--json prints one JSON object with url and pid; --stats-file gets the final stats", async () => {
    const statsFile = join(docroot.directory, "..", `flashlab-stats-${process.pid}.json`);
    const { child, output, exited, stderr } = await serve(["--arch", "sped", "--docroot", docroot.directory, "--json", "--stats-file", statsFile]);
    try {
      expect(output, stderr()).toHaveLength(1);
      const printed = JSON.parse(output[0] ?? "{}") as { url?: string; pid?: number };
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(printed.pid).toBe(child.pid);
      expect((await fetch(`${printed.url}/1k-0.bin`)).status).toBe(200);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      const stats = JSON.parse(readFileSync(statsFile, "utf8")) as { arch: string; responsesByStatus: Record<string, number> };
      rmSync(statsFile);
      expect(stats.arch).toBe("sped");
      expect(stats.responsesByStatus["200"]).toBe(1);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--control answers stats and usage on stdin, one JSON line each, and the end of stdin stops it with its children gone", async () => {
    const child = spawn(process.execPath, [cli, "serve", "--arch", "amped", "--helpers", "1", "--docroot", docroot.directory, "--json", "--control", "--cpus", "0"], { stdio: ["pipe", "pipe", "pipe"] });
    try {
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? "null") as Record<string, unknown>;
      const ready = await next();
      expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${String(ready.url)}/1k-0.bin`)).status).toBe(200);
      child.stdin!.write("stats\nusage\nbogus\n");
      const stats = await next();
      expect(stats.kind).toBe("stats");
      expect((stats.stats as { responsesByStatus: Record<string, number> }).responsesByStatus["200"]).toBe(1);
      const usage = await next();
      expect(usage).toMatchObject({ kind: "usage", cpuSeconds: expect.any(Number), elapsedMs: expect.any(Number) });
      expect((usage.memory as { processes: number }).processes).toBeGreaterThanOrEqual(2); // the server's top process and its helper
      expect(await next()).toEqual({ kind: "error", message: 'unknown command "bogus"; accepted: stats, usage' });
      const children = descendants(child.pid!);
      // The server is pinned where --cpus says.
      expect(spawnSync("taskset", ["-pc", String(children[0])], { encoding: "utf8" }).stdout).toMatch(/affinity list: 0$/m);
      child.stdin!.end();
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(0);
      await sleep(200);
      expect(children.filter(isAlive)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it.each([
    [["--arch", "nginx", "--docroot", "."], /--arch must be one of mp, mt, sped, amped, amted, zeus, apache/],
    [["--docroot", "."], /--arch is required/],
    [["--arch", "sped"], /--docroot is required/],
    [["--arch", "sped", "--docroot", ".", "--workers", "0"], /--workers takes a whole number/],
    [["--arch", "sped", "--docroot", ".", "--disk-latency-ms", "5"], /for the simulated disk only; add --disk sim/],
    [["--arch", "sped", "--docroot", ".", "--bogus"], /unknown option --bogus/],
    [["--arch", "sped", "--docroot", ".", "--workers", "4"], /--workers: not an option of --arch sped/],
    [["--arch", "mp", "--docroot", ".", "--helpers", "4"], /--helpers: not an option of --arch mp/],
    [["--arch", "sped", "--docroot", "/no/such/folder"], /docroot \/no\/such\/folder does not exist/],
  ])("%j exits 2 with a clear message", (args, message) => {
    const result = spawnSync(process.execPath, [cli, "serve", ...args], { encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
