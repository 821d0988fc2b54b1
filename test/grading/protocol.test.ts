import { describe, expect, it } from "vitest";
import { fromWire, parseChildMessage, toWire } from "../../lib/grading/protocol.js";
import { describeValue, expectClose, expectEqual, TestFailure } from "../../lib/grading/hidden-test.js";

describe("values between the driver and the submission", () => {
  it("keep what JSON would lose: NaN, ±Infinity, -0, undefined, bytes, maps and sets", () => {
    const value = { nan: Number.NaN, big: Infinity, small: -Infinity, negativeZero: -0, missing: undefined, list: [1, undefined, "x"], bytes: Buffer.from("ab"), map: new Map([["k", 1]]), set: new Set([2]) };
    const back = fromWire(JSON.parse(JSON.stringify(toWire(value)))) as typeof value;
    expect(back.nan).toBeNaN();
    expect(back.big).toBe(Infinity);
    expect(back.small).toBe(-Infinity);
    expect(Object.is(back.negativeZero, -0)).toBe(true);
    expect("missing" in back && back.missing === undefined).toBe(true);
    expect(back.list).toEqual([1, undefined, "x"]);
    expect(back.bytes.equals(Buffer.from("ab"))).toBe(true);
    expect(back.map.get("k")).toBe(1);
    expect(back.set.has(2)).toBe(true);
  });

  it("turns a circular value into a marker instead of failing", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(fromWire(toWire(loop))).toEqual({ self: "[a circular reference]" });
  });

  it("ignores anything from the child that is not a well-formed message", () => {
    expect(parseChildMessage("not json")).toBeNull();
    expect(parseChildMessage(JSON.stringify({ type: "done", notes: [] }))).toBeNull();
    expect(parseChildMessage(JSON.stringify({ type: "result", id: "1" }))).toBeNull();
    expect(parseChildMessage(JSON.stringify({ type: "loaded", defined: [3] }))).toBeNull();
    expect(parseChildMessage(JSON.stringify({ type: "result", id: 4, value: 1 }))).toEqual({ type: "result", id: 4, value: 1 });
  });
});

describe("checks in hidden tests", () => {
  it("compare numbers within a relative tolerance and say what was expected", () => {
    expect(() => expectClose("p95", 9.55 + 1e-12, 9.55)).not.toThrow();
    expect(() => expectClose("p95", 9.5, 9.55)).toThrow(new TestFailure("p95: expected 9.55, got 9.5"));
    expect(() => expectClose("p95", "9.55", 9.55)).toThrow(TestFailure);
    expect(() => expectClose("p95", Number.NaN, 9.55)).toThrow(/got NaN/);
    expect(() => expectEqual("set", { 1: "b" }, { 1: "b" })).not.toThrow();
    expect(() => expectEqual("set", [1, 2], [1, 2, 3])).toThrow(/expected \[1,2,3\], got \[1,2\]/);
    expect(describeValue("x".repeat(500)).length).toBeLessThan(210);
  });
});
