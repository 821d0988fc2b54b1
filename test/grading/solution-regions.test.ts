import { describe, expect, it } from "vitest";
import { findSolutionRegions, SolutionRegionError, stubSolutions } from "../../lib/grading/solution-regions.js";
import { CellMarkerError, parseCellMarker } from "../../lib/grading/cell-markers.js";

const cell = [
  "// flashlab-grade: answer twice",
  "function twice(x: number): number {",
  "  // BEGIN SOLUTION",
  "  const doubled = x * 2;",
  "  return doubled;",
  "  // END SOLUTION",
  "}",
].join("\n");

describe("solution regions", () => {
  it("finds each region's lines and replaces it by a stub that throws, at the region's indentation", () => {
    expect(findSolutionRegions(cell, "code")).toEqual([{ firstLine: 4, lines: ["  const doubled = x * 2;", "  return doubled;"] }]);
    expect(stubSolutions(cell, "code")).toBe(
      ["// flashlab-grade: answer twice", "function twice(x: number): number {", "  // YOUR CODE HERE", '  throw new Error("not implemented");', "}"].join("\n"),
    );
  });

  it("stubs Markdown regions with a placeholder", () => {
    const text = "Why?\n<!-- BEGIN SOLUTION -->\nBecause the loop blocks.\n<!-- END SOLUTION -->\nEnd.";
    expect(stubSolutions(text, "markdown")).toBe("Why?\n*Your answer here.*\nEnd.");
  });

  it("rejects unbalanced and nested markers, naming the line", () => {
    expect(() => stubSolutions("// BEGIN SOLUTION\nx", "code", "cell 3")).toThrow(/cell 3, line 1: BEGIN SOLUTION is never closed/);
    expect(() => stubSolutions("x\n// END SOLUTION", "code")).toThrow(/line 2: END SOLUTION without a BEGIN/);
    expect(() => stubSolutions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "code")).toThrow(SolutionRegionError);
  });
});

describe("cell markers", () => {
  it("reads the role and the names from the first non-blank line", () => {
    expect(parseCellMarker("\n// flashlab-grade: answer connectionRate, bandwidthMBps\nfunction …")).toEqual({ role: "answer", names: ["connectionRate", "bandwidthMBps"] });
    expect(parseCellMarker("// flashlab-grade: setup\nimport …")).toEqual({ role: "setup", names: [] });
    expect(parseCellMarker("const x = 1; // flashlab-grade: setup")).toBeNull();
  });

  it("says what is accepted for an unknown role or an answer without names", () => {
    expect(() => parseCellMarker("// flashlab-grade: solution")).toThrow(/accepted: setup, answer NAME/);
    expect(() => parseCellMarker("// flashlab-grade: answer")).toThrow(CellMarkerError);
    expect(() => parseCellMarker("// flashlab-grade: answer 2fast")).toThrow(/not a TypeScript name/);
  });
});
