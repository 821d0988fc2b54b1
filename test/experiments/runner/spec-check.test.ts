/**
 * Spec checking: every built-in spec passes, and each kind of mistake is reported with the field it is
 * in, what was given and what is accepted, all problems at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinSpecs, checkResumable, checkSpec, type ExperimentSpec, loadSpec, planSweep, SpecError } from "../../../lib/experiments/index.js";
import { manifestFor } from "../../../lib/experiments/runner/run-folder.js";

/** A valid spec to break one field at a time. */
function validSpec(): Record<string, any> {
  return {
    name: "tiny",
    description: "two file sizes on SPED",
    factors: { arch: ["sped", "amped"], fileSizeKB: [1, 2] },
    fixed: { clients: 4 },
    metrics: ["throughputRps"],
    seed: 7,
    profiles: { quick: { repetitions: 2, warmupS: 0, durationS: 0.2 }, full: { repetitions: 3, warmupS: 1, durationS: 1 } },
  };
}

/** The problems checkSpec reports for `spec` (fails the test when it reports none). */
function problemsOf(spec: unknown): readonly string[] {
  try {
    checkSpec(spec, "test spec");
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).problems;
  }
  throw new Error("checkSpec accepted the spec");
}

describe("a spec's server host", () => {
  it("is an SSH destination, or { host, flashlab, sshConfig }; anything else is named", () => {
    expect(checkSpec({ ...validSpec(), serverHost: "lab@server-1" }).serverHost).toBe("lab@server-1");
    expect(checkSpec({ ...validSpec(), serverHost: { host: "server-1", flashlab: "npx flashlab", sshConfig: "/tmp/ssh_config" } }).serverHost).toMatchObject({ host: "server-1" });
    expect(problemsOf({ ...validSpec(), serverHost: "-oProxyCommand=sh" })).toEqual(['serverHost: "-oProxyCommand=sh" is not an SSH destination; accepted: [user@]host, e.g. "lab@server1"']);
    expect(problemsOf({ ...validSpec(), serverHost: "two words" })).toHaveLength(1);
    expect(problemsOf({ ...validSpec(), serverHost: 7 })[0]).toMatch(/^serverHost: 7 is not a server host; accepted:/);
    expect(problemsOf({ ...validSpec(), serverHost: { host: "a", port: 22, flashlab: "" } })).toEqual([
      "serverHost.port: unknown field; accepted: host, flashlab, sshConfig",
      'serverHost.flashlab: "" is not a command',
    ]);
  });

  it("is part of what the plan's fingerprint identifies (how it is reached is not), and a resume says so", () => {
    const here = checkSpec(validSpec()) as ExperimentSpec;
    const there = checkSpec({ ...validSpec(), serverHost: "lab@server-1" }) as ExperimentSpec;
    const reachedOtherwise = checkSpec({ ...validSpec(), serverHost: { host: "lab@server-1", sshConfig: "/etc/other" } }) as ExperimentSpec;
    const [planHere, planThere, planOtherwise] = [here, there, reachedOtherwise].map((spec) => planSweep(spec, { profile: "quick" }));
    expect(planThere!.fingerprint).not.toBe(planHere!.fingerprint);
    expect(planOtherwise!.fingerprint).toBe(planThere!.fingerprint);
    expect(planThere!.serverHost).toEqual({ host: "lab@server-1" });
    expect(() => checkResumable("DIR", manifestFor(here, planHere!), planThere!)).toThrow(/was made by spec tiny, profile quick, 2 repetitions; this sweep is spec tiny, profile quick, 2 repetitions, server on lab@server-1/);
  });
});

describe("checkSpec", () => {
  it("accepts every built-in spec, and a small valid one", () => {
    for (const spec of builtinSpecs) expect(() => checkSpec(spec, spec.name)).not.toThrow();
    expect(checkSpec(validSpec()).name).toBe("tiny");
  });

  it("names a bad level by its factor and index, with the accepted values", () => {
    const spec = validSpec();
    spec.factors.arch = ["sped", "mt", "spedd"];
    expect(problemsOf(spec)).toEqual(['factors.arch[2]: "spedd" is not an architecture; accepted: mp, mt, sped, amped, amted, zeus, apache']);
  });

  it("names numbers out of range, duplicate levels and empty level lists", () => {
    const spec = validSpec();
    spec.factors.fileSizeKB = [1, -5, 1];
    spec.fixed.clients = 0;
    const problems = problemsOf(spec);
    expect(problems).toContain("factors.fileSizeKB[1]: -5 is not a number from 0 to 1048576");
    expect(problems).toContain("factors.fileSizeKB[2]: 1 is listed twice");
    expect(problems).toContain("fixed.clients: 0 is not a whole number from 1 to 100000");
    spec.factors.fileSizeKB = [];
    expect(problemsOf(spec).some((problem) => problem.startsWith("factors.fileSizeKB: "))).toBe(true);
  });

  it("names unknown fields and settings, with what is accepted", () => {
    const spec = validSpec();
    spec.factorz = {};
    spec.fixed.archh = "sped";
    const problems = problemsOf(spec);
    expect(problems.find((problem) => problem.startsWith("factorz: unknown field; accepted: name, description"))).toBeDefined();
    expect(problems.find((problem) => problem.startsWith("fixed.archh: not a setting of the server-load executor; accepted: arch, workers,"))).toBeDefined();
  });

  it("checks the name, description, metrics, seed and placement", () => {
    const spec = validSpec();
    spec.name = "Single File";
    spec.description = "";
    spec.metrics = ["throughputRps", "thruput", "throughputRps"];
    spec.seed = 1.5;
    spec.placement = { serverCpus: "0", clientCpus: "one" };
    const problems = problemsOf(spec);
    expect(problems).toContain('name: "Single File" is not a spec name; accepted: lower-case letters, digits and dashes (it names the results folder)');
    expect(problems).toContain('description: "" is not a one-line description');
    expect(problems.find((problem) => problem.startsWith('metrics[1]: "thruput" is not a metric; accepted: throughputRps, bandwidthMBps'))).toBeDefined();
    expect(problems).toContain('metrics[2]: "throughputRps" is listed twice');
    expect(problems).toContain("seed: 1.5 is not a whole number");
    expect(problems.find((problem) => problem.startsWith('placement.clientCpus: not a CPU list: "one"'))).toBeDefined();
  });

  it("checks the profiles: both present, counts in range, only the spec's factors", () => {
    const spec = validSpec();
    delete spec.profiles.full;
    spec.profiles.quick.repetitions = 0;
    spec.profiles.quick.durationS = 0;
    spec.profiles.quick.factors = { clients: [1] };
    const problems = problemsOf(spec);
    expect(problems).toContain("profiles.quick.repetitions: 0 is not a whole number from 1 to 1000");
    expect(problems).toContain("profiles.quick.durationS: 0 is not a number of seconds > 0 and ≤ 3600");
    expect(problems.find((problem) => problem.startsWith("profiles.quick.factors.clients: not a factor of this spec (its factors: arch, fileSizeKB)"))).toBeDefined();
    expect(problems.find((problem) => problem.startsWith("profiles.full: undefined is not a profile"))).toBeDefined();
  });

  it("keeps a setting either varied or fixed, and overrides off the factors", () => {
    const spec = validSpec();
    spec.fixed.arch = "mp";
    spec.overrides = [{ when: { arch: "sped" }, set: { fileSizeKB: 3 } }];
    const problems = problemsOf(spec);
    expect(problems).toContain("fixed.arch: a factor of this spec; a setting is either varied (factors) or fixed");
    expect(problems).toContain("overrides[0].set.fileSizeKB: a factor of this spec; an override may not change a factor's level");
  });

  it("finds settings that mean nothing where they are used", () => {
    const spec = validSpec();
    spec.factors.helpers = [2, 4]; // helpers exist in AMPED only, and SPED is a level of arch
    spec.fixed.diskLatencyMs = 5; // the disk is the real one
    const problems = problemsOf(spec);
    expect(problems).toContain("factors.helpers: does not apply at the point arch=sped, fileSizeKB=1, helpers=2 (it applies with arch amped or amted); narrow the factors or split the spec");
    expect(problems).toContain("fixed.diskLatencyMs: applies with disk sim, and no point has that");
  });

  it("requires the architecture, and catches settings that contradict each other", () => {
    const noArch = validSpec();
    delete noArch.factors.arch;
    expect(problemsOf(noArch)).toEqual(["arch: required (the server architecture); give it as a factor or a fixed setting"]);
    const cachedOnRealDisk = validSpec();
    cachedOnRealDisk.fixed.expectCached = true;
    expect(problemsOf(cachedOnRealDisk)[0]).toMatch(/^the point arch=sped, fileSizeKB=1: expectCached needs disk sim/);
  });

  it("names a problem found in one profile only with that profile", () => {
    const spec = validSpec();
    spec.profiles.full.factors = { arch: ["sped", "apache"] };
    spec.fixed.helpers = 2; // applies to AMPED, which the full profile leaves out... but quick keeps it
    spec.factors.arch = ["sped"];
    spec.profiles.quick.factors = { arch: ["amped"] };
    expect(problemsOf(spec)).toEqual(["fixed.helpers: applies with arch amped or amted, and no point has that (profile full)"]);
  });
});

describe("loadSpec", () => {
  const folder = mkdtempSync(join(tmpdir(), "flashlab-spec-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("finds built-in specs by name", async () => {
    expect((await loadSpec("single-file")).name).toBe("single-file");
  });

  it("reads JSON and module files, and checks them", async () => {
    const json = join(folder, "tiny.json");
    writeFileSync(json, JSON.stringify(validSpec()));
    expect((await loadSpec(json)).name).toBe("tiny");
    const module = join(folder, "tiny.mjs");
    writeFileSync(module, `export default ${JSON.stringify({ ...validSpec(), name: "from-module" })};\n`);
    expect((await loadSpec(module)).name).toBe("from-module");
    const bad = join(folder, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...validSpec(), metrics: ["speed"] }));
    await expect(loadSpec(bad)).rejects.toThrow(`${bad} is not a valid experiment spec:\n  metrics[0]: "speed" is not a metric`);
  });

  it("says what it accepts for a missing file, a non-JSON file and a module without a spec", async () => {
    await expect(loadSpec("no-such-spec")).rejects.toThrow(/not a built-in spec \(single-file, cached-trace, .*\) nor a spec file/);
    const broken = join(folder, "broken.json");
    writeFileSync(broken, "{ name: ");
    await expect(loadSpec(broken)).rejects.toThrow(/not JSON/);
    const empty = join(folder, "empty.mjs");
    writeFileSync(empty, "export const other = 1;\n");
    await expect(loadSpec(empty)).rejects.toThrow(/exports no spec/);
  });
});
