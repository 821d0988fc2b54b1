/**
 * `flashlab load` end to end, as a user runs it (the compiled CLI in a child process): the --json object
 * and its fields, the records CSV, a workload made by `flashlab workload make` and served by nginx,
 * and the exit codes for bad flags (2), a bad workload file (2) and an unreachable server (1).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNginx } from "../../lib/peers/nginx.js";
import { compiledModule } from "../../lib/runtime/paths.js";
import { haveTools } from "../support/tools.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const run = promisify(execFile);
const cli = compiledModule("cli");
const folder = mkdtempSync(join(tmpdir(), "flashlab-load-cli-"));
let server: TestServer;

async function flashlab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  server = await startTestServer({ bodyBytes: 300 });
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("flashlab load", () => {
  it("--json prints one object with the summary, the parameters and the environment; --records streams a CSV", async () => {
    const records = join(folder, "records.csv");
    const { code, stdout } = await flashlab("load", server.url, "--requests", "400", "--clients", "4", "--threads", "2", "--sla-ms", "50", "--json", "--records", records);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.requests).toBe(400);
    expect(result.errors).toEqual({ connect: 0, timeout: 0, reset: 0, "bad-status": 0, "short-body": 0 });
    for (const field of ["durationS", "throughputRps", "bandwidthMBps", "connectionRate", "connections", "slaViolationPct", "clientCpuPct"]) {
      expect(typeof result[field], field).toBe("number");
    }
    for (const latency of [result.responseMs, result.waitMs]) {
      expect(Object.keys(latency)).toEqual(expect.arrayContaining(["mean", "min", "max", "p50", "p95", "p99"]));
      expect(latency.min).toBeLessThanOrEqual(latency.p50);
      expect(latency.p99).toBeLessThanOrEqual(latency.max);
    }
    expect(result.waitMs.mean).toBeLessThanOrEqual(result.responseMs.mean);
    expect(result.parameters).toMatchObject({ mode: "closed", clients: 4, requests: 400, threads: 2, http: "1.1", slaMs: 50, seed: 1 });
    expect(result.environment.nodeVersion).toBe(process.version);
    expect(result.environment).toHaveProperty("cpuAffinity");
    const lines = readFileSync(records, "utf8").trim().split("\n");
    expect(lines[0]).toBe("intended_ms,start_ms,connect_ms,first_byte_ms,end_ms,bytes,status,error,url,client_id,new_connection,retries");
    expect(lines).toHaveLength(401);
    const row = lines[1]!.split(",");
    expect(row[6]).toBe("200");
    expect(row[8]).toBe("/file");
    expect(new Set(lines.slice(1).map((line) => line.split(",")[9])).size).toBe(4);
  });

  it("prints a report that echoes every parameter", async () => {
    const { code, stdout } = await flashlab("load", server.url, "--mode", "open", "--rate", "300", "--duration", "0.5", "--http", "1.0");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ARG mode open$/m);
    expect(stdout).toMatch(/^ARG rate 300$/m);
    expect(stdout).toMatch(/^ARG arrival poisson$/m);
    expect(stdout).toMatch(/^requests completed: \d+/m);
    expect(stdout).toMatch(/^response time ms: mean/m);
    expect(stdout).toMatch(/^retries after a keep-alive race: 0$/m);
    expect(stdout).not.toMatch(/emulated clients/);
  });

  it("emulates slow, distant clients with --client-delay-ms and --client-kbps, and echoes them", async () => {
    const text = await flashlab("load", server.url, "--requests", "6", "--clients", "2", "--client-delay-ms", "40", "--client-kbps", "56");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ARG clientDelayMs 40$/m);
    expect(text.stdout).toMatch(/^ARG clientKbps 56$/m);
    expect(text.stdout).toMatch(/^emulated clients: \+40 ms round trip, 56 kbit\/s per connection$/m);
    const { code, stdout } = await flashlab("load", server.url, "--requests", "6", "--clients", "2", "--client-delay-ms", "40", "--client-kbps", "56", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ requests: 6, errorsTotal: 0, retries: 0, clientDelayMs: 40, clientKbps: 56 });
    expect(result.parameters).toMatchObject({ clientDelayMs: 40, clientKbps: 56 });
    // A reused connection: one round trip, plus the response (about 380 bytes) at 56 kbit/s, about 54 ms.
    expect(result.responseMs.min).toBeGreaterThanOrEqual(40 + 50);
  });

  it("exits 2 with a clear message for bad flags and combinations", async () => {
    const cases: [string[], RegExp][] = [
      [["load", server.url, "--clients", "0"], /--clients takes a whole number ≥ 1/],
      [["load", server.url, "--frobnicate"], /unknown option --frobnicate/],
      [["load"], /missing URL/],
      [["load", server.url, "--mode", "open"], /open loop needs a rate/],
      [["load", server.url, "--rate", "10"], /rate applies to the open loop/],
      [["load", server.url, "--http", "1.0", "--pipeline", "2"], /pipelining needs keep-alive/],
      [["load", server.url, "--workload", join(folder, "nothing-here")], /--workload: cannot open workload/],
      [["load", server.url, "--client-kbps", "0"], /--client-kbps takes a number > 0/],
      [["load", server.url, "--client-delay-ms", "-5"], /--client-delay-ms takes a number ≥ 0/],
      [["load", server.url, "--client-delay-ms", "3000"], /clientDelayMs 3000 leaves no time within timeoutMs 5000/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await flashlab(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it("exits 1 with a clear message when the server is unreachable", async () => {
    const { code, stderr } = await flashlab("load", "http://127.0.0.1:1/", "--requests", "1");
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot connect to 127\.0\.0\.1:1 .*ECONNREFUSED/);
  });

  it.skipIf(!haveTools("nginx"))("requests a workload's paths in order against nginx serving its docroot", async () => {
    const workload = join(folder, "workload");
    const made = await flashlab("workload", "make", "--kind", "specweb96", "--requests", "300", "--size-mb", "5", "--seed", "4", "--out", workload);
    expect(made.code, made.stderr).toBe(0);
    const nginx = await startNginx({ docroot: join(workload, "docroot") });
    try {
      const records = join(folder, "workload.csv");
      const { code, stdout } = await flashlab("load", `${nginx.baseUrl}/`, "--workload", workload, "--requests", "300", "--clients", "1", "--json", "--records", records);
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(result.requests).toBe(300);
      expect(result.errorsTotal).toBe(0);
      const expected = readFileSync(join(workload, "requests.txt"), "utf8").trim().split("\n");
      const requested = readFileSync(records, "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[8]);
      expect(requested).toEqual(expected.slice(0, 300));
    } finally {
      await nginx.stop();
    }
  });
});
