/**
 * What the `flashlab sim` commands share: the OSTEP-style echo of every parameter (`ARG rho 0.9`),
 * numbers for people, a model's RangeError (a bad combination of options) turned into a usage error
 * (exit 2), and the text of a seeded self-check problem (with or without its worked answers).
 */
import { UsageError } from "./args.js";
import type { SelfCheckProblem } from "../problems/index.js";

/** Runs a model; its RangeError becomes a UsageError. */
export function asUsage<T>(simulate: () => T): T {
  try {
    return simulate();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** A number for people: at most 2 decimals, no trailing zeros. */
export function formatMs(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** One `ARG name value` line per parameter, so that the output describes the problem fully. */
export function echoArguments(values: ReadonlyArray<readonly [string, string | number | boolean]>): string {
  return values.map(([name, value]) => `ARG ${name} ${value}`).join("\n");
}

/** Options every self-check problem takes (`--random` poses one, `--answers` adds its worked answers). */
export const problemOptions = {
  random: { type: "boolean", description: "pose a random problem from --seed (its parameters echoed, without answers)" },
  answers: { type: "boolean", short: "c", description: "with --random: add the worked answers" },
} as const;

/** A self-check problem as text: its parameters, what it gives, its questions, and (asked for) the answers. */
export function problemText(problem: SelfCheckProblem, seed: number, withAnswers: boolean): string {
  const lines = [echoArguments([["seed", seed], ...problem.parameters]), "", `Problem: ${problem.title}.`];
  if (problem.given.length > 0) lines.push("", ...problem.given);
  lines.push("", ...problem.questions.map((question, index) => `${index + 1}. ${question}`), "");
  if (withAnswers) lines.push("Answers:", ...problem.answers.map((answer, index) => `${index + 1}. ${answer}`), "");
  else lines.push(`Work them out, then run the same command with --answers to check.`, "");
  return lines.join("\n");
}

/** A self-check problem as one JSON object (answers only when asked for). */
export function problemJson(problem: SelfCheckProblem, seed: number, withAnswers: boolean): string {
  const { answers, ...posed } = problem;
  return `${JSON.stringify({ seed, ...posed, ...(withAnswers ? { answers } : {}) })}\n`;
}
