// The import rules the simulator and the workloads depend on (DESIGN.md, "imports flow one way"): runtime
// sits at the bottom, and workloads no longer import from sim (the shared random generator moved down).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../lib/runtime/paths.js";

/** The relative imports of every .ts file under lib/<folder>, as [file, resolved lib path] pairs. */
function importsOf(folder: string): Array<[string, string]> {
  const root = join(projectRoot, "lib", folder);
  const pairs: Array<[string, string]> = [];
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const source = readFileSync(join(root, entry), "utf8");
    for (const match of source.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      const target = join(folder, entry, "..", match[1]!);
      pairs.push([join(folder, entry), target]);
    }
  }
  return pairs;
}

describe("layering", () => {
  it("lib/runtime imports nothing from the rest of lib", () => {
    const outside = importsOf("runtime").filter(([, target]) => !target.startsWith("runtime/"));
    expect(outside).toEqual([]);
  });

  it("lib/workloads does not import lib/sim (sim uses workloads' toy orders, not the other way)", () => {
    const intoSim = importsOf("workloads").filter(([, target]) => target.startsWith("sim/"));
    expect(intoSim).toEqual([]);
    expect(importsOf("sim").some(([, target]) => target.startsWith("workloads/"))).toBe(true);
  });

  it("the text-table formatter imports nothing, so every layer above viz can use it", () => {
    expect(importsOf("viz").filter(([file]) => file === "viz/text-table.ts")).toEqual([]);
  });
});
