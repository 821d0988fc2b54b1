import { describe, expect, it } from "vitest";
import { sortAscending } from "../../lib/metrics/index.js";

describe("sortAscending", () => {
  it("sorts numerically (not as strings) into a new array", () => {
    const values = [10, 9, 100, -1, 2.5];
    expect(sortAscending(values)).toEqual([-1, 2.5, 9, 10, 100]);
    expect(values).toEqual([10, 9, 100, -1, 2.5]);
  });
});
