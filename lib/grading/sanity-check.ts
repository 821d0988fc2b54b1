/**
 * Visible sanity checks for assignment notebooks (cells marked `// flashlab-grade: check`): each check
 * prints one line, ✔ or ✘ with what was expected, and never throws, so that a student sees every check
 * at once. They are for the student only; the grader's hidden tests decide the score.
 */
import { describeValue } from "./hidden-test.js";

/** Prints whether `actual` equals `expected` (numbers within a relative `tolerance`). */
export function sanityCheck(label: string, actual: unknown, expected: unknown, tolerance = 1e-9): void {
  const ok =
    typeof actual === "number" && typeof expected === "number"
      ? Object.is(actual, expected) || Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected))
      : JSON.stringify(actual) === JSON.stringify(expected);
  console.log(ok ? `✔ ${label}` : `✘ ${label}: expected ${describeValue(expected)}, got ${describeValue(actual)}`);
}
