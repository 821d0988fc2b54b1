/**
 * Every quiz of the notebooks, keyed by id, and the checks a notebook cell calls. A cell says only
 * which quiz it answers and passes what it measured, so reading the cell gives nothing away:
 *
 *   showQuiz("toy-shop-ten-orders", answerTenOrders);
 *   showQuiz("shortest-path-sparse-winner", predictedSparseWinner, crossover);
 *
 * To add a quiz, add an entry to a group (one file per part of the lecture) or a new group below,
 * and a case to test/quizzes/registry.test.ts (the type of its table makes that compulsory).
 */
import { experimentsQuizzes } from "./experiments-quizzes.js";
import { itDependsQuizzes } from "./it-depends-quizzes.js";
import { metricsQuizzes } from "./metrics-quizzes.js";
import { serverModelsQuizzes } from "./server-models-quizzes.js";
import { quizFeedback } from "./quiz.js";
import type { QuizDefinition, QuizFeedback } from "./quiz.js";
import type { QuizAnswer } from "./answer-key.js";
import { toyShopQuizzes } from "./toy-shop-quizzes.js";

/** The quiz groups, in lecture order. An id must be unique across all of them. */
export const quizGroups = [toyShopQuizzes, metricsQuizzes, itDependsQuizzes, serverModelsQuizzes, experimentsQuizzes] as const;

/** Every quiz by id. */
export const quizzes = { ...toyShopQuizzes, ...metricsQuizzes, ...itDependsQuizzes, ...serverModelsQuizzes, ...experimentsQuizzes };

export type QuizId = keyof typeof quizzes;

/** What a quiz's answer depends on: `undefined` when it is fixed, else the notebook's measurement. */
export type QuizContext<Id extends QuizId> = (typeof quizzes)[Id] extends QuizDefinition<infer Context> ? Context : never;

/** The context argument: omitted for a quiz with a fixed answer, required otherwise. */
export type QuizContextArgument<Id extends QuizId> = [QuizContext<Id>] extends [undefined] ? [] : [context: QuizContext<Id>];

/** The ids of every quiz, in lecture order. */
export function quizIds(): QuizId[] {
  return Object.keys(quizzes) as QuizId[];
}

function quizById(id: string): QuizDefinition<unknown> {
  if (!Object.hasOwn(quizzes, id)) throw new Error(`no quiz with id ${JSON.stringify(id)}; the quizzes are: ${quizIds().join(", ")}`);
  return quizzes[id as QuizId] as QuizDefinition<unknown>;
}

/**
 * Judges an answer to quiz `id` and returns the feedback: unanswered (null), malformed (not of the
 * asked form; says what is), right or wrong (with the explanation). Throws on an unknown id. Pure.
 */
export function checkQuiz<Id extends QuizId>(id: Id, answer: QuizAnswer | null | undefined, ...context: QuizContextArgument<Id>): QuizFeedback {
  return quizFeedback(id, quizById(id), answer, context[0]);
}

/** Prints the feedback of checkQuiz in a notebook cell, and returns nothing (so the cell echoes only the message). */
export function showQuiz<Id extends QuizId>(id: Id, answer: QuizAnswer | null | undefined, ...context: QuizContextArgument<Id>): void {
  console.log(checkQuiz(id, answer, ...context).message);
}
