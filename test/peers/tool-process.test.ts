// Pinning a tool to CPUs: a bad CPU list is refused before anything starts, a good one goes to taskset.
import { describe, expect, it } from "vitest";
import { findTaskset } from "../../lib/runtime/executables.js";
import { withCpuPlacement } from "../../lib/peers/tool-process.js";

describe("withCpuPlacement", () => {
  it("leaves the command alone without a CPU list", () => {
    expect(withCpuPlacement("wrk", ["-v"], undefined)).toEqual(["wrk", ["-v"]]);
  });

  it("refuses a malformed or backwards CPU list, saying what is accepted", () => {
    expect(() => withCpuPlacement("wrk", [], "0-")).toThrow(/cannot pin wrk to CPUs: not a CPU list: "0-" \(expected e\.g\. "0-3,5"\)/);
    expect(() => withCpuPlacement("wrk", [], "3-1")).toThrow(/runs backwards/);
  });

  it.runIf(findTaskset() !== undefined)("runs the command under taskset -c", () => {
    expect(withCpuPlacement("wrk", ["-v"], "0,1")).toEqual([findTaskset(), ["-c", "0,1", "wrk", "-v"]]);
  });
});
