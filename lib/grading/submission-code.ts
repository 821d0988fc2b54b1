/**
 * From a submitted notebook to the code the grader runs.
 *
 * The module is the instructor's setup cells (taken from the assignment, so a student's edits to them
 * change nothing), then the submission's answer cells, in notebook order, each after a comment naming
 * its cell. TypeScript's own transpiler (the compiler tslab runs, without type checking) turns it into
 * CommonJS; the body then runs in the grader's child process inside an async function, as tslab runs
 * cells: top-level await works, and the names the answer cells define are collected at the end. If a
 * statement throws while loading, everything defined before it (and every function declaration) still
 * counts, and the error is reported with each test that needed a missing name.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Assignment } from "./assignment.js";
import { CellMarkerError } from "./cell-markers.js";
import { markedCells, type MarkedCells } from "./marked-cells.js";
import { NotebookFileError, readNotebook } from "./notebook-file.js";

export interface SubmissionCode {
  /** The submitted notebook that was read. */
  notebookPath: string;
  /** The TypeScript module (setup cells, then answer cells). */
  typescript: string;
  /** The body the child runs (see `moduleBody`), or null when the cells do not parse. */
  body: string | null;
  /** Why the submission cannot be run at all (not a notebook, a malformed marker, a syntax error), or null. */
  problem: string | null;
  /** Every name the assignment asks for. */
  answers: string[];
  /** Names the submission has no answer cell for. */
  missing: string[];
  /** Things the student should know (a name answered twice, an answer cell the assignment does not ask for). */
  notes: string[];
}

/** Finds the notebook in a submission: the path itself, or in a folder the one named like the assignment's, or its only notebook. */
export function findSubmissionNotebook(path: string, assignment: Assignment): string {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new NotebookFileError(`no submission at ${path}: expected a notebook (.ipynb) or a folder holding one`);
  }
  if (stats.isFile()) return path;
  const expected = basename(assignment.notebook);
  const notebooks = readdirSync(path).filter((name) => name.endsWith(".ipynb") && !name.startsWith("."));
  if (notebooks.includes(expected)) return join(path, expected);
  if (notebooks.length === 1) return join(path, notebooks[0]!);
  throw new NotebookFileError(
    notebooks.length === 0
      ? `no notebook in ${path}: expected ${expected}`
      : `${path} holds ${notebooks.length} notebooks (${notebooks.join(", ")}) and none is named ${expected}; submit one`,
  );
}

interface CellSpan {
  firstLine: number;
  label: string;
}

/** The TypeScript module and where each cell starts in it. */
function assembleModule(setupSources: string[], answerCells: Array<{ index: number; names: string[]; source: string }>): { text: string; spans: CellSpan[] } {
  const parts: string[] = [];
  const spans: CellSpan[] = [];
  let line = 1;
  const add = (label: string, source: string) => {
    parts.push(`// ---- ${label} ----`);
    spans.push({ firstLine: line + 1, label });
    parts.push(source);
    line += 1 + source.split("\n").length;
  };
  setupSources.forEach((source, index) => add(`setup cell ${index + 1} (the assignment's)`, source));
  for (const cell of answerCells) add(`your cell ${cell.index + 1} (answer ${cell.names.join(", ")})`, cell.source);
  return { text: parts.join("\n"), spans };
}

function describeLine(spans: CellSpan[], line: number): string {
  const span = [...spans].reverse().find((candidate) => candidate.firstLine <= line);
  return span ? `${span.label}, line ${line - span.firstLine + 1}` : `line ${line}`;
}

/**
 * The function body the child runs with (require, module, exports, __filename, __dirname) as an async
 * function. It returns { answers, loadError }: the value bound to each name at the end (undefined when
 * missing), and what was thrown while loading, if anything.
 */
export function moduleBody(javascript: string, names: readonly string[]): string {
  const collect = names.map((name) => `${JSON.stringify(name)}: (() => { try { return typeof ${name} === "undefined" ? exports[${JSON.stringify(name)}] : ${name}; } catch { return undefined; } })()`);
  return [
    `"use strict";`,
    `let __flashlabCollect = () => ({});`,
    `let __flashlabLoadError;`,
    `try {`,
    `__flashlabCollect = () => ({ ${collect.join(", ")} });`,
    javascript,
    `} catch (error) { __flashlabLoadError = error; }`,
    `return { answers: __flashlabCollect(), loadError: __flashlabLoadError };`,
  ].join("\n");
}

/** Loads TypeScript's compiler, with a clear error where it is not installed. */
async function loadTypeScript(): Promise<typeof import("typescript")> {
  try {
    const loaded = await import("typescript");
    return (loaded as { default?: typeof import("typescript") }).default ?? loaded;
  } catch {
    throw new Error("grading needs the typescript package to read the notebooks' TypeScript; run `npm install` in the flashlab project (it is a dev dependency)");
  }
}

/**
 * Reads a submission and builds the code the grader runs. A submission that cannot be read (no notebook,
 * not a notebook, a malformed marker) is not an error of the grader: it comes back with a `problem`.
 */
export async function submissionCode(assignment: Assignment, submissionPath: string): Promise<SubmissionCode> {
  const instructor = markedCells(readNotebook(assignment.notebook), assignment.notebook);
  const answers = instructor.answerNames;
  let notebookPath: string;
  let submitted: MarkedCells;
  try {
    notebookPath = findSubmissionNotebook(submissionPath, assignment);
    submitted = markedCells(readNotebook(notebookPath), basename(notebookPath));
  } catch (error) {
    if (!(error instanceof NotebookFileError || error instanceof CellMarkerError)) throw error;
    return { notebookPath: submissionPath, typescript: "", body: null, problem: `the submission cannot be graded: ${error.message}`, answers, missing: answers, notes: [] };
  }
  const wanted = new Set(answers);
  const answerCells = submitted.answers.filter((cell) => cell.names.some((name) => wanted.has(name)));
  const notes: string[] = [];
  for (const name of submitted.repeatedNames) notes.push(`${name} is answered in more than one cell; the last one counts`);
  for (const cell of submitted.answers) {
    const extra = cell.names.filter((name) => !wanted.has(name));
    if (extra.length > 0) notes.push(`cell ${cell.index + 1} answers ${extra.join(", ")}, which this assignment does not ask for`);
  }
  const missing = answers.filter((name) => !submitted.answers.some((cell) => cell.names.includes(name)));
  const { text, spans } = assembleModule(
    instructor.setup.map((cell) => cell.source),
    answerCells,
  );
  const ts = await loadTypeScript();
  const output = ts.transpileModule(text, {
    reportDiagnostics: true,
    fileName: "submission.ts",
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  const syntaxErrors = (output.diagnostics ?? []).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${describeLine(spans, line + 1)}: ${message}`;
  });
  return {
    notebookPath,
    typescript: text,
    body: syntaxErrors.length > 0 ? null : moduleBody(output.outputText, answers),
    problem: syntaxErrors.length > 0 ? `your cells do not parse as TypeScript:\n${syntaxErrors.join("\n")}` : null,
    answers,
    missing,
    notes,
  };
}
