import { afterEach, describe, expect, it, vi } from "vitest";
import { checkQuizAnswer, quizFeedback } from "../../lib/experiments/quiz-check.js";

describe("quiz checks", () => {
  afterEach(() => vi.restoreAllMocks());

  it("treats a missing answer as not answered, without revealing the answer", () => {
    const feedback = quizFeedback({ question: "Which model?", answer: null, expected: "pipeline", explanation: "secret reason" });
    expect(feedback).toMatchObject({ answered: false, correct: false });
    expect(feedback.message).not.toContain("pipeline");
    expect(feedback.message).not.toContain("secret reason");
  });

  it("accepts a choice regardless of case and spaces, and explains", () => {
    const feedback = quizFeedback({ question: "Which model?", answer: " Pipeline ", expected: "pipeline", explanation: "because" });
    expect(feedback).toMatchObject({ answered: true, correct: true });
    expect(feedback.message).toContain("because");
  });

  it("gives the right answer when the given one is wrong", () => {
    const feedback = quizFeedback({ question: "Which model?", answer: "boss-workers", expected: "pipeline", explanation: "because" });
    expect(feedback.correct).toBe(false);
    expect(feedback.message).toContain('the answer is "pipeline"');
  });

  it("compares numbers within a tolerance, sets of choices as sets, and booleans exactly", () => {
    expect(quizFeedback({ question: "q", answer: 320.4, expected: 320, explanation: "", tolerance: 0.5 }).correct).toBe(true);
    expect(quizFeedback({ question: "q", answer: 321, expected: 320, explanation: "", tolerance: 0.5 }).correct).toBe(false);
    expect(quizFeedback({ question: "q", answer: ["b", "A"], expected: ["a", "b"], explanation: "" }).correct).toBe(true);
    expect(quizFeedback({ question: "q", answer: ["a"], expected: ["a", "b"], explanation: "" }).correct).toBe(false);
    expect(quizFeedback({ question: "q", answer: false, expected: true, explanation: "" }).correct).toBe(false);
    expect(() => quizFeedback({ question: "q", answer: 1, expected: 1, explanation: "", tolerance: -1 })).toThrow(/tolerance/);
  });

  it("prints the feedback", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    checkQuizAnswer({ question: "Two plus two?", answer: 4, expected: 4, explanation: "arithmetic" });
    expect(log).toHaveBeenCalledWith(expect.stringContaining("✔ 4 is right."));
  });
});
