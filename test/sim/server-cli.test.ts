// `flashlab sim server`, run as a real child process from the built CLI (`npm run build` first).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringifyWithInfinity } from "../../lib/runtime/json-with-infinity.js";
import { compiledModule } from "../../lib/runtime/paths.js";
import { cpuBoundProfile } from "./server-model/fixture-profile.js";

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function flashlab(...args: string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [compiledModule("cli"), ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const folder = mkdtempSync(join(tmpdir(), "flashlab-sim-server-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A profile file where a request costs exactly 1 ms of CPU (all in parse). */
function profileFile(): string {
  const file = join(folder, "one-ms.json");
  writeFileSync(file, stringifyWithInfinity({ ...cpuBoundProfile(1000), name: "one-ms" }, 2));
  return file;
}

describe("flashlab sim server", () => {
  it("--json prints the parameters, throughput, bandwidth, response times, per-resource utilization and events", async () => {
    const file = profileFile();
    const outcome = await flashlab("sim", "server", "--arch", "mt", "--workers", "8", "--profile", file, "--cores", "4", "--clients", "64", "--file-kb", "1", "--duration-s", "2", "--warmup-s", "0.2", "--json");
    expect(outcome.code, outcome.stderr).toBe(0);
    const lines = outcome.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json.parameters).toMatchObject({ arch: "mt", profile: file, cores: 4, workers: 8, clients: 64, "file-kb": 1, "duration-s": 2, seed: 1 });
    // 4 cores, 1 ms per request: 4,000 requests/s.
    expect(json.throughputRps).toBeGreaterThan(3900);
    expect(json.throughputRps).toBeLessThan(4100);
    expect(json.bandwidthMBps).toBeCloseTo((json.throughputRps * (1024 + 200)) / 1e6, 2);
    expect(json.responseMs.mean).toBeGreaterThan(0);
    expect(json.responseMs.p95).toBeGreaterThanOrEqual(json.responseMs.p50);
    expect(json.utilization.cpu).toBeGreaterThan(0.97);
    expect(json.utilization).toHaveProperty("threads");
    expect(json.events).toBeGreaterThan(10_000);
  });

  it("text output echoes every parameter first, defaults included", async () => {
    const outcome = await flashlab("sim", "server", "--arch", "sped", "--profile", profileFile(), "--file-kb", "1", "--duration-s", "1");
    expect(outcome.code, outcome.stderr).toBe(0);
    const lines = outcome.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual(["ARG arch sped", `ARG profile ${profileFile()}`, "ARG cores 1", "ARG memory-mb 1024"]);
    for (const name of ["clients", "think-ms", "client-mbps", "file-kb", "cache-mb", "disk-latency-ms", "disk-arms", "caches", "warmup-s", "duration-s", "seed"]) {
      expect(outcome.stdout).toMatch(new RegExp(`^ARG ${name} `, "m"));
    }
    expect(outcome.stdout).toMatch(/^throughput\s+1000 requests\/s$/m);
    expect(outcome.stdout).toMatch(/^utilization: event loop\s+100\.0 %$/m);
  });

  it("bad flags and bad combinations exit 2 with what is accepted", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--arch", "spedd"], /--arch must be one of mp, mt, sped, amped, amted, zeus, apache, sped-async; got "spedd"/],
      [[], /--arch is required/],
      [["--arch", "sped", "--profile", "2031"], /unknown hardware profile "2031"; accepted: this-machine, 1999, 2026-server, or a \.json file/],
      [["--arch", "sped", "--profile", join(folder, "missing.json")], /cannot read the hardware profile/],
      [["--arch", "sped", "--cores", "0"], /--cores takes a whole number ≥ 1/],
      [["--arch", "sped", "--dataset-mb", "10", "--file-kb", "1"], /give --dataset-mb or --file-kb, not both/],
      [["--arch", "sped", "--duration-s", "0"], /--duration-s takes a number > 0/],
      [["--arch", "sped", "--bogus"], /unknown option --bogus/],
      [["--arch", "sped", "--rate", "100", "--clients", "32"], /--rate runs an open loop, which has no clients to count or think: give --rate, or --clients \(with --think-ms\), not both/],
      [["--arch", "sped", "--rate", "100", "--think-ms", "5"], /give --rate, or --clients \(with --think-ms\), not both/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => flashlab("sim", "server", ...args)));
    outcomes.forEach((outcome, index) => {
      expect(outcome.code, outcome.stdout).toBe(2);
      expect(outcome.stderr).toMatch(cases[index]![1]);
    });
  });
});

describe("flashlab sim calibrate", () => {
  it("bad flags exit 2 before running anything", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--duration-s", "0"], /--duration-s takes a number > 0/],
      [["--warmup-s", "-1"], /--warmup-s takes a number ≥ 0/],
      [["--bogus"], /unknown option --bogus/],
      [["--name", "../elsewhere"], /--name takes letters, digits, '\.', '_' and '-'.*got "\.\.\/elsewhere"/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => flashlab("sim", "calibrate", ...args)));
    outcomes.forEach((outcome, index) => {
      expect(outcome.code, outcome.stdout).toBe(2);
      expect(outcome.stderr).toMatch(cases[index]![1]);
    });
  });
});
