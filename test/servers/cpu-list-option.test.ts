// The `cpus` server option: a CPU list is checked before anything starts, with an error naming the option.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveServerConfig, ServerOptionsError } from "../../lib/servers/options.js";

const docroot = mkdtempSync(join(tmpdir(), "flashlab-cpus-"));
afterAll(() => rmSync(docroot, { recursive: true, force: true }));

describe("the cpus option", () => {
  it("accepts taskset lists and passes them on trimmed", () => {
    expect(resolveServerConfig({ arch: "sped", docroot, cpus: "0,2-3" }).cpus).toBe("0,2-3");
    expect(resolveServerConfig({ arch: "sped", docroot, cpus: " 1\n" }).cpus).toBe("1");
  });

  it("refuses anything else, saying what was wrong and what is accepted", () => {
    expect(() => resolveServerConfig({ arch: "sped", docroot, cpus: "first" })).toThrow(ServerOptionsError);
    expect(() => resolveServerConfig({ arch: "sped", docroot, cpus: "first" })).toThrow(/^cpus: not a CPU list: "first" \(expected e\.g\. "0-3,5"\)$/);
    expect(() => resolveServerConfig({ arch: "sped", docroot, cpus: "3-1" })).toThrow(/^cpus: .*runs backwards/);
  });
});
