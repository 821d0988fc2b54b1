import { describe, expect, it } from "vitest";
import { captureEnvironment } from "../../lib/experiments/environment.js";
import { summarizeEnvironment } from "../../lib/experiments/environment-summary.js";

describe("summarizeEnvironment", () => {
  it("lists the testbed facts of a real capture, formatted for reading", () => {
    const environment = captureEnvironment();
    const rows = Object.fromEntries(summarizeEnvironment(environment).map((row) => [row.property, row.value]));
    expect(rows["Node.js"]).toBe(process.version);
    expect(rows["logical cores"]).toBe(String(environment.logicalCores));
    expect(rows["load average (1, 5, 15 min)"]).toMatch(/^\d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
  });

  it("says unknown for what could not be found", () => {
    const environment = { ...captureEnvironment(), cpuModel: null, logicalCores: null, cpuAffinity: null, loadAverage: null, gitCommit: null };
    const rows = Object.fromEntries(summarizeEnvironment(environment).map((row) => [row.property, row.value]));
    expect(rows["CPU"]).toBe("unknown");
    expect(rows["logical cores"]).toBe("unknown");
    expect(rows["flashlab commit"]).toBe("unknown");
  });
});
