/**
 * The built-in specs' profiles fit their budgets, by the runner's own estimates for an idle 2-core
 * machine: each quick profile about 20–30 s (the results notebook runs seven of them live, and the
 * ordering tests some in CI), the full profiles about two hours together (the reference run); and each
 * spec's notes state its estimates as the dry run gives them, so the text stays true when a profile changes.
 */
import { describe, expect, it } from "vitest";
import { builtinSpecs, checkSpec, planSweep } from "../../../lib/experiments/index.js";

const estimate = (spec: (typeof builtinSpecs)[number], profile: "quick" | "full") => planSweep(checkSpec(spec), { profile }).estimatedSeconds;

describe("the built-in specs' profiles", () => {
  it.each(builtinSpecs.map((spec) => [spec.name, spec] as const))("%s: quick takes 15–32 s and its notes state both estimates", (name, spec) => {
    const quick = estimate(spec, "quick");
    const full = estimate(spec, "full");
    expect(quick).toBeGreaterThanOrEqual(15);
    expect(quick).toBeLessThanOrEqual(32);
    const stated = /quick about (\d+) s, full about (\d+) min/.exec(spec.notes ?? "");
    expect(stated, `${name}'s notes should say "quick about N s, full about M min"`).not.toBeNull();
    expect(Math.abs(Number(stated![1]) - quick)).toBeLessThanOrEqual(2);
    expect(Math.abs(Number(stated![2]) - full / 60)).toBeLessThanOrEqual(1);
  });

  it("full profiles take about two hours together", () => {
    const hours = builtinSpecs.reduce((sum, spec) => sum + estimate(spec, "full"), 0) / 3600;
    expect(hours).toBeGreaterThan(1.5);
    expect(hours).toBeLessThan(2.5);
  });
});
