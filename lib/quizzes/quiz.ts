/**
 * One quiz question: its text, its answer key and the explanation shown once the student has
 * answered. Key and explanation are functions of a context: nothing for a question whose answer is
 * fixed, or what the notebook just measured when the answer depends on it (the winner on this
 * machine, this run's response times). Feedback is computed here, so that the answer lives in the
 * library and not in the notebook cell a student reads.
 */
import { acceptedForm, judgeAnswer, rightAnswer, shownAnswer } from "./answer-key.js";
import type { AnswerKey, QuizAnswer } from "./answer-key.js";

export interface QuizDefinition<Context = undefined> {
  /** The lecture section it belongs to, e.g. "§2". */
  section: string;
  /** The question, as the feedback repeats it. */
  question: string;
  /** The answer key, from the context when the right answer is measured. */
  key: (context: Context) => AnswerKey;
  /** Why the right answer is right; shown once the student has answered (right or wrong). */
  explanation: (context: Context) => string;
}

/** Declares a quiz; give the context type when the answer depends on a measurement. Identity. */
export function defineQuiz<Context = undefined>(definition: QuizDefinition<Context>): QuizDefinition<Context> {
  return definition;
}

export type QuizStatus = "unanswered" | "right" | "wrong" | "malformed";

export interface QuizFeedback {
  id: string;
  status: QuizStatus;
  /** True only for a right answer. */
  correct: boolean;
  /** What to show the student: the question, the verdict and, once answered, the explanation. */
  message: string;
}

/**
 * Judges `answer` to the quiz `id`. An unanswered question (null or undefined) is not an error, so
 * that a notebook with blank answers still runs; neither it nor a malformed answer is told the
 * right answer. Pure.
 */
export function quizFeedback<Context>(
  id: string,
  quiz: QuizDefinition<Context>,
  answer: QuizAnswer | null | undefined,
  context: Context,
): QuizFeedback {
  const key = quiz.key(context);
  const header = `${quiz.question} (${quiz.section}, quiz "${id}")`;
  if (answer === null || answer === undefined) {
    return {
      id,
      status: "unanswered",
      correct: false,
      message: `${header}\n→ Not answered yet: write ${acceptedForm(key)} in the cell above, then run this cell again.`,
    };
  }
  const judgement = judgeAnswer(key, answer);
  if (judgement === "malformed") {
    return {
      id,
      status: "malformed",
      correct: false,
      message: `${header}\n? ${shownAnswer(answer)} is not an answer of the asked form: write ${acceptedForm(key)}, then run this cell again.`,
    };
  }
  const verdict = judgement === "right" ? `✔ ${shownAnswer(answer)} is right.` : `✘ ${shownAnswer(answer)} is not it; the answer is ${rightAnswer(key)}.`;
  return { id, status: judgement, correct: judgement === "right", message: `${header}\n${verdict}\n${quiz.explanation(context)}` };
}
