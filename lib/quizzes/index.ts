/**
 * quizzes: the notebooks' quiz questions with their answer keys and explanations, keyed by id, so
 * that a notebook cell checks an answer without holding it.
 */
export { checkQuiz, quizGroups, quizIds, quizzes, showQuiz, type QuizContext, type QuizContextArgument, type QuizId } from "./registry.js";
export { defineQuiz, quizFeedback, type QuizDefinition, type QuizFeedback, type QuizStatus } from "./quiz.js";
export type { MeasuredRows, MeasuredRuns } from "./experiments-quizzes.js";
export { acceptedForm, judgeAnswer, rightAnswer, type AnswerKey, type Judgement, type QuizAnswer } from "./answer-key.js";
