/**
 * A self-check problem, as the OSTEP homework simulators pose them: a seed picks the problem; its
 * parameters are echoed (`ARG name value`) so that the command line describes it fully; the questions
 * come without their answers, and `--answers` adds the worked answers (how each is computed, then the
 * number), computed by the same library the notebooks use.
 */

export interface SelfCheckProblem {
  /** What the problem is about, in one line. */
  title: string;
  /** Every parameter of the problem, in the order the command line takes them. */
  parameters: ReadonlyArray<readonly [string, string | number]>;
  /** What the problem gives besides its parameters (a table of request records, say), as text lines. */
  given: readonly string[];
  /** The questions, numbered in the text. */
  questions: readonly string[];
  /** One worked answer per question, in the same order. */
  answers: readonly string[];
}

/** Seeds a self-check problem takes. */
export const maxProblemSeed = 4_294_967_295;
