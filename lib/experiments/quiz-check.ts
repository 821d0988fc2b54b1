/**
 * Quiz answer checks for notebooks: a student writes an answer in a cell, and the check says whether
 * it matches the expected one — often a value the notebook just computed or measured — and then why.
 * An unanswered question (null) is not an error, so a notebook with blank answers still runs in CI.
 */

/** An answer: one choice, a number, a yes/no, or a set of choices ("check all that apply"). */
export type QuizAnswer = string | number | boolean | readonly string[];

export interface QuizQuestion<T extends QuizAnswer> {
  question: string;
  /** The student's answer; null (or undefined) when not answered yet. */
  answer: T | null | undefined;
  expected: T;
  /** Why the expected answer is right; shown once the student has answered. */
  explanation: string;
  /** For numbers: the largest accepted |answer − expected| (default 0). */
  tolerance?: number;
}

export interface QuizFeedback {
  answered: boolean;
  correct: boolean;
  message: string;
}

function sameAnswer(answer: QuizAnswer, expected: QuizAnswer, tolerance: number): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(answer)) return false;
    const given = new Set(answer.map((choice) => String(choice).trim().toLowerCase()));
    const wanted = new Set(expected.map((choice) => String(choice).trim().toLowerCase()));
    return given.size === wanted.size && [...wanted].every((choice) => given.has(choice));
  }
  if (typeof expected === "number") return typeof answer === "number" && Math.abs(answer - expected) <= tolerance;
  if (typeof expected === "string") return typeof answer === "string" && answer.trim().toLowerCase() === expected.trim().toLowerCase();
  return answer === expected;
}

function describe(answer: QuizAnswer): string {
  return Array.isArray(answer) ? `[${answer.join(", ")}]` : JSON.stringify(answer);
}

/** Compares the answer with the expected one (strings ignore case and surrounding spaces). Pure. */
export function quizFeedback<T extends QuizAnswer>(quiz: QuizQuestion<T>): QuizFeedback {
  const tolerance = quiz.tolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new RangeError(`quiz: tolerance must be a finite number ≥ 0; got ${tolerance}`);
  if (quiz.answer === null || quiz.answer === undefined) {
    return {
      answered: false,
      correct: false,
      message: `${quiz.question}\n→ Not answered yet: write your answer in the cell above, then run this cell again.`,
    };
  }
  const correct = sameAnswer(quiz.answer, quiz.expected, tolerance);
  const verdict = correct ? `✔ ${describe(quiz.answer)} is right.` : `✘ ${describe(quiz.answer)} is not it; the answer is ${describe(quiz.expected)}.`;
  return { answered: true, correct, message: `${quiz.question}\n${verdict}\n${quiz.explanation}` };
}

/** Prints the feedback for a quiz question (see quizFeedback) and returns nothing, so a cell echoes only the message. */
export function checkQuizAnswer<T extends QuizAnswer>(quiz: QuizQuestion<T>): void {
  console.log(quizFeedback(quiz).message);
}
