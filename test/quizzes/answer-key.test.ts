import { describe, expect, it } from "vitest";
import { acceptedForm, checkAnswerKey, judgeAnswer, rightAnswer, shownAnswer } from "../../lib/quizzes/answer-key.js";
import type { AnswerKey } from "../../lib/quizzes/answer-key.js";

const upOrDown: AnswerKey = { kind: "choice", choices: ["up", "down"], right: ["down"] };
const applies: AnswerKey = { kind: "choices", choices: ["a", "b", "c"], right: ["a", "b"] };
const tiedOrders: AnswerKey = { kind: "number", right: [24, 25, 26], unit: "orders" };
const aboutFive: AnswerKey = { kind: "number", right: [5], tolerance: 0.5, unit: "%" };
const no: AnswerKey = { kind: "boolean", right: false };

describe("judgeAnswer", () => {
  it("takes a choice whatever its case and surrounding spaces", () => {
    expect(judgeAnswer(upOrDown, " Down ")).toBe("right");
    expect(judgeAnswer(upOrDown, "UP")).toBe("wrong");
  });

  it("takes 'check all that apply' as a set", () => {
    expect(judgeAnswer(applies, ["B", "a"])).toBe("right");
    expect(judgeAnswer(applies, ["a"])).toBe("wrong");
    expect(judgeAnswer(applies, ["a", "b", "c"])).toBe("wrong");
    expect(judgeAnswer(applies, [])).toBe("wrong");
  });

  it("accepts every tied number, and numbers within the tolerance", () => {
    for (const tie of [24, 25, 26]) expect(judgeAnswer(tiedOrders, tie)).toBe("right");
    expect(judgeAnswer(tiedOrders, 23)).toBe("wrong");
    expect(judgeAnswer(tiedOrders, 27)).toBe("wrong");
    expect(judgeAnswer(tiedOrders, 24.5)).toBe("wrong");
    expect(judgeAnswer(aboutFive, 4.6)).toBe("right");
    expect(judgeAnswer(aboutFive, 5.6)).toBe("wrong");
  });

  it("compares true or false exactly", () => {
    expect(judgeAnswer(no, false)).toBe("right");
    expect(judgeAnswer(no, true)).toBe("wrong");
  });

  it("calls an answer of another form malformed, not wrong", () => {
    expect(judgeAnswer(upOrDown, "sideways")).toBe("malformed");
    expect(judgeAnswer(upOrDown, 1)).toBe("malformed");
    expect(judgeAnswer(applies, "a")).toBe("malformed");
    expect(judgeAnswer(applies, ["a", "z"])).toBe("malformed");
    expect(judgeAnswer(tiedOrders, "25")).toBe("malformed");
    expect(judgeAnswer(tiedOrders, Number.NaN)).toBe("malformed");
    expect(judgeAnswer(tiedOrders, Number.POSITIVE_INFINITY)).toBe("malformed");
    expect(judgeAnswer(no, "false")).toBe("malformed");
    expect(judgeAnswer(no, 0)).toBe("malformed");
  });
});

describe("answer keys in words", () => {
  it("say what form an answer takes and what the right one is", () => {
    expect(acceptedForm(upOrDown)).toBe('one of "up" or "down"');
    expect(acceptedForm(tiedOrders)).toBe("a number (orders)");
    expect(acceptedForm(no)).toBe("true or false");
    expect(acceptedForm(applies)).toContain('from "a", "b" and "c"');
    expect(rightAnswer(tiedOrders)).toBe("24, 25 or 26 orders");
    expect(rightAnswer(upOrDown)).toBe('"down"');
    expect(rightAnswer(applies)).toBe('["a", "b"]');
    expect(rightAnswer(no)).toBe("false");
    expect(shownAnswer(["a", 1])).toBe('["a", 1]');
  });

  it("refuse a key that no answer could satisfy", () => {
    expect(() => checkAnswerKey({ kind: "choice", choices: ["up", "down"], right: ["left"] })).toThrow(/"left" is not among the choices/);
    expect(() => checkAnswerKey({ kind: "choice", choices: ["up", "UP"], right: ["up"] })).toThrow(/at least two distinct choices/);
    expect(() => checkAnswerKey({ kind: "choice", choices: ["up", "down"], right: [] })).toThrow(/at least one right choice/);
    expect(() => checkAnswerKey({ kind: "number", right: [] })).toThrow(/at least one right number/);
    expect(() => checkAnswerKey({ kind: "number", right: [1], tolerance: -1 })).toThrow(/tolerance/);
    expect(() => judgeAnswer({ kind: "number", right: [Number.NaN] }, 1)).toThrow(/finite/);
  });
});
