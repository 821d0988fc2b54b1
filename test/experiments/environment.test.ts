import { existsSync, readFileSync } from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  captureEnvironment,
  parseCpuList,
  parseTasksetAffinity,
  type EnvironmentProbes,
} from "../../lib/experiments/index.js";
import { projectRoot } from "../../lib/runtime/paths.js";

/** A command runner for a machine that has no commands at all. */
const noCommands: EnvironmentProbes["runCommand"] = (command) => {
  throw Object.assign(new Error(`spawnSync ${command} ENOENT`), { code: "ENOENT", path: command });
};

describe("captureEnvironment on this machine", () => {
  const record = captureEnvironment();

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it("reports the machine as Node sees it", () => {
    expect(record.logicalCores).toBe(os.cpus().length);
    expect(record.cpuModel).toBe(os.cpus()[0]?.model.trim());
    expect(record.nodeVersion).toBe(process.version);
    expect(record.os?.platform).toBe(process.platform);
    expect(record.memory!.totalBytes).toBeGreaterThan(record.memory!.freeBytes);
    expect(Date.now() - Date.parse(record.capturedAt)).toBeLessThan(60_000);
  });

  it("reports flashlab's version from package.json", () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string };
    expect(record.flashlabVersion).toBe(manifest.version);
  });

  it("reports the git commit in a checkout, or says why not", () => {
    if (existsSync(join(projectRoot, ".git"))) {
      expect(record.gitCommit).toMatch(/^[0-9a-f]{40}$/);
      expect(typeof record.gitDirty).toBe("boolean");
    } else {
      expect(record.gitCommit).toBeNull();
      expect(record.unavailable.gitCommit).toBeTruthy();
    }
  });

  it.runIf(process.platform === "linux")("reports this process's CPU affinity as the kernel sees it", () => {
    const allowed = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    expect(record.cpuAffinity).not.toBeNull();
    expect(record.cpuAffinity!.cpus).toEqual(parseCpuList(allowed!));
    expect(record.loadAverage!.oneMinute).toBeGreaterThanOrEqual(0);
  });

  it("passes FLASHLAB_PROFILE and CI through", () => {
    const captured = captureEnvironment({ env: { FLASHLAB_PROFILE: "quick" } });
    expect(captured.env).toEqual({ FLASHLAB_PROFILE: "quick", CI: null });
  });
});

describe("captureEnvironment on a machine that lacks everything", () => {
  const broken = (): never => {
    throw new Error("not here");
  };
  const record = captureEnvironment({
    runCommand: noCommands,
    readTextFile: (path) => {
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT", path });
    },
    os: { cpus: () => [], loadavg: broken, totalmem: broken, freemem: broken, platform: broken, type: broken, release: broken, version: broken, arch: broken, hostname: broken },
    env: {},
  });

  it("does not throw: every unknown field is null with a reason", () => {
    for (const field of ["hostname", "cpuModel", "logicalCores", "cpuAffinity", "loadAverage", "memory", "os", "flashlabVersion", "gitCommit", "gitDirty"] as const) {
      expect(record[field], field).toBeNull();
      expect(record.unavailable[field], field).toMatch(/\w/);
    }
    expect(record.unavailable.cpuAffinity).toBe("taskset: taskset not found; /proc/self/status: /proc/self/status not found");
    expect(record.unavailable.gitCommit).toBe("git not found");
    expect(record.env).toEqual({ FLASHLAB_PROFILE: null, CI: null });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});

describe("captureEnvironment's affinity sources", () => {
  it("falls back to /proc/self/status when taskset is missing", () => {
    const record = captureEnvironment({
      runCommand: noCommands,
      readTextFile: (path) => (path === "/proc/self/status" ? "Name:\tnode\nCpus_allowed_list:\t0-2,5\n" : readFileSync(path, "utf8")),
    });
    expect(record.cpuAffinity).toEqual({ cpus: [0, 1, 2, 5], list: "0-2,5", source: "/proc/self/status" });
  });

  it("prefers taskset when it runs", () => {
    const record = captureEnvironment({
      pid: 4242,
      runCommand: (command, args) => {
        expect([command, ...args]).toEqual(["taskset", "-pc", "4242"]);
        return "pid 4242's current affinity list: 1\n";
      },
    });
    expect(record.cpuAffinity).toEqual({ cpus: [1], list: "1", source: "taskset" });
  });

  it("tolerates a directory that is not a git checkout", () => {
    const record = captureEnvironment({ projectRoot: os.tmpdir() });
    expect(record.gitCommit).toBeNull();
    expect(record.unavailable.gitCommit).toMatch(/git/);
    expect(record.unavailable.flashlabVersion).toBeTruthy();
  });
});

describe("parseCpuList and parseTasksetAffinity", () => {
  it("expand ranges and read taskset's output", () => {
    expect(parseCpuList("0-3,5,7-8")).toEqual([0, 1, 2, 3, 5, 7, 8]);
    expect(parseCpuList(" 1\n")).toEqual([1]);
    expect(parseTasksetAffinity("pid 42's current affinity list: 0,1\n")).toBe("0,1");
  });

  it("reject anything else", () => {
    expect(() => parseCpuList("")).toThrow(/not a CPU list/);
    expect(() => parseCpuList("0-")).toThrow(/not a CPU list/);
    expect(() => parseCpuList("3-1")).toThrow(/backwards/);
    expect(() => parseTasksetAffinity("taskset: failed")).toThrow(/unexpected taskset output/);
  });
});
