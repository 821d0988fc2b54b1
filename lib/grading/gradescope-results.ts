/**
 * Gradescope's results.json (the autograder specification, "Output format"): a score, the maximum,
 * an output text for the whole submission and one entry per test with its own score, maximum and
 * output. Written atomically (a temporary file renamed over the target), so a reader never sees half a
 * file and nothing else can leave its own version in place once the grader has written.
 */
import { renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  output: string;
  visibility?: "visible" | "hidden" | "after_due_date" | "after_published";
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  output: string;
  execution_time: number;
  tests: GradescopeTest[];
}

/** Totals the tests' scores into a results object. */
export function gradescopeResults(tests: GradescopeTest[], output: string, executionTimeS: number): GradescopeResults {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    max_score: round(tests.reduce((sum, test) => sum + test.max_score, 0)),
    output,
    execution_time: round(executionTimeS),
    tests,
  };
}

/** Writes results.json atomically. */
export function writeGradescopeResults(file: string, results: GradescopeResults): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, file);
}
