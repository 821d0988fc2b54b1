/**
 * Grading a folder of submissions into one CSV (`flashlab grade --submissions DIR --csv FILE`): each
 * notebook in the folder, or each sub-folder (one per student, as exported from an LMS or Gradescope),
 * is graded in turn with `gradeSubmission`; its results.json goes into a results folder, and the CSV
 * gets one row per submission: its name, the score, the maximum and every test's score.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadAssignment } from "./assignment.js";
import { gradeSubmission, type GradeOptions } from "./grade.js";
import { writeGradescopeResults, type GradescopeResults } from "./gradescope-results.js";

export interface BatchOptions extends Omit<GradeOptions, "submission"> {
  /** The folder of submissions. */
  folder: string;
  /** The CSV file to write. */
  csv: string;
  /** Where each submission's results.json goes (default: beside the CSV, in NAME-results/). */
  resultsFolder?: string;
  /** Hears about each submission as it is graded. */
  onGraded?: (name: string, results: GradescopeResults) => void;
}

/** The submissions in a folder: its .ipynb files and its sub-folders, sorted by name. */
export function listSubmissions(folder: string): Array<{ name: string; path: string }> {
  return readdirSync(folder)
    .filter((entry) => !entry.startsWith("."))
    .map((entry) => ({ entry, path: join(folder, entry) }))
    .filter(({ entry, path }) => statSync(path).isDirectory() || entry.endsWith(".ipynb"))
    .sort((a, b) => a.entry.localeCompare(b.entry))
    .map(({ entry, path }) => ({ name: entry.replace(/\.ipynb$/, ""), path }));
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Grades every submission in `options.folder`; writes the CSV and the results files; returns the rows. */
export async function gradeFolder(options: BatchOptions): Promise<Array<{ name: string; results: GradescopeResults }>> {
  const assignment = loadAssignment(options.assignment);
  const submissions = listSubmissions(options.folder);
  if (submissions.length === 0) throw new Error(`no submissions in ${options.folder}: expected .ipynb files or one folder per student`);
  const resultsFolder = options.resultsFolder ?? join(options.csv, "..", `${basename(options.csv).replace(/\.csv$/, "")}-results`);
  mkdirSync(resultsFolder, { recursive: true });
  const rows: Array<{ name: string; results: GradescopeResults }> = [];
  for (const submission of submissions) {
    const { results } = await gradeSubmission({ ...options, submission: submission.path }, assignment);
    writeGradescopeResults(join(resultsFolder, `${submission.name}.json`), results);
    rows.push({ name: submission.name, results });
    options.onGraded?.(submission.name, results);
  }
  const testNames = rows[0]!.results.tests.map((test) => test.name);
  const lines = [
    ["submission", "score", "max_score", ...testNames].map(csvField).join(","),
    ...rows.map(({ name, results }) =>
      [name, results.score, results.max_score, ...testNames.map((test) => results.tests.find((entry) => entry.name === test)?.score ?? 0)].map(csvField).join(","),
    ),
  ];
  writeFileSync(options.csv, `${lines.join("\n")}\n`);
  return rows;
}
