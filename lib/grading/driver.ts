/**
 * The grading driver: the trusted process that runs an assignment's hidden tests against one
 * submission (started by grade.ts, inside the loopback-only network namespace when the sandbox has
 * one). It loads the hidden tests, builds the submission's code, starts the sandboxed child through a
 * SubmissionSession, runs the tests one by one with their time limits, and reports on stdout, one
 * JSON line at a time, so that grade.ts keeps every finished test even if the run is cut short:
 *
 *   {"type":"plan","tests":[{"name":…,"points":…}]}
 *   {"type":"test","test":{name, score, max_score, output}}        (one per test, in plan order)
 *   {"type":"done","notes":[…]}
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadAssignment, type GradingLimits } from "./assignment.js";
import type { GradescopeTest } from "./gradescope-results.js";
import { defineHiddenTests, SubmissionError, TestFailure, type HiddenTest } from "./hidden-test.js";
import type { SandboxLevel } from "./sandbox.js";
import { SubmissionSession } from "./session.js";
import { submissionCode } from "./submission-code.js";

export interface DriverRequest {
  assignmentFolder: string;
  submission: string;
  sandbox: SandboxLevel;
  /** Overrides of the assignment's limits. */
  limits?: Partial<GradingLimits>;
  /** Run only the tests whose name contains this text (case-insensitive). */
  only?: string;
}

export type DriverReport =
  | { type: "plan"; tests: Array<{ name: string; points: number }> }
  | { type: "test"; test: GradescopeTest }
  | { type: "done"; notes: string[] };

const defaultTestTimeoutMs = 30_000;

/** Loads an assignment's hidden tests (a TypeScript module whose default export is a list of tests). */
export async function loadHiddenTests(file: string): Promise<HiddenTest[]> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && /'flashlab'/.test((error as Error).message)) {
      throw new Error(`${file} imports "flashlab", which does not resolve: run \`npm run setup\` in the project (it links node_modules/flashlab to the project)`);
    }
    throw error;
  }
  if (!Array.isArray(module.default)) throw new Error(`${file} must export default defineHiddenTests([...])`);
  return defineHiddenTests(module.default as HiddenTest[]);
}

function failureText(error: unknown): string {
  if (error instanceof TestFailure || error instanceof SubmissionError) return error.message;
  // A bug in the hidden test itself: say so, so that the instructor hears of it.
  return `the grader's test failed unexpectedly (tell your instructor): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

async function runOne(test: HiddenTest, session: SubmissionSession, assignmentFolder: string): Promise<GradescopeTest> {
  const lines: string[] = [];
  const timeoutMs = test.timeoutMs ?? defaultTestTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SubmissionError("timeout", `the test did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let passed = false;
  const handle = session.handleForOneTest();
  try {
    await Promise.race([test.run({ submission: handle, assignmentFolder, log: (line) => lines.push(line) }), timeout]);
    passed = true;
  } catch (error) {
    lines.unshift(failureText(error));
    if (error instanceof SubmissionError && error.kind === "timeout") await session.restart();
  } finally {
    clearTimeout(timer);
    handle.retire();
  }
  const printed = session.takeOutput().trim();
  if (printed !== "") lines.push(`Your code printed:\n${printed}`);
  return { name: test.name, score: passed ? test.points : 0, max_score: test.points, output: (passed ? ["passed", ...lines] : lines).join("\n") };
}

let activeSession: SubmissionSession | undefined;

/** Ends the submission's process, if one is running (when the driver itself is told to stop). */
export async function stopSubmission(): Promise<void> {
  await activeSession?.close();
}

/** Runs every hidden test against the submission; `report` receives each line of the protocol above. */
export async function runDriver(request: DriverRequest, report: (line: DriverReport) => void): Promise<void> {
  const assignment = loadAssignment(request.assignmentFolder);
  const limits = { ...assignment.limits, ...request.limits };
  const allTests = await loadHiddenTests(assignment.hiddenTests);
  const only = request.only?.toLowerCase();
  const tests = only === undefined ? allTests : allTests.filter((test) => test.name.toLowerCase().includes(only));
  if (tests.length === 0) throw new Error(`no hidden test of ${assignment.name} has "${request.only}" in its name`);
  report({ type: "plan", tests: tests.map((test) => ({ name: test.name, points: test.points })) });
  const code = await submissionCode(assignment, request.submission);
  const notes = [...code.notes];
  if (code.missing.length > 0 && code.problem === null) notes.push(`no answer cell for: ${code.missing.join(", ")} (keep each answer cell's first line, "// flashlab-grade: answer NAME", as it was)`);
  const cannotLoad = code.problem ?? undefined;
  if (cannotLoad) notes.push(cannotLoad);
  const files = Object.fromEntries(assignment.files.map((file) => [file, readFileSync(join(assignment.folder, file)).toString("base64")]));
  const session = new SubmissionSession({
    sandbox: request.sandbox,
    load: { type: "load", body: code.body ?? "", answers: code.answers, forbidden: assignment.forbidden, files },
    memoryMB: limits.memoryMB,
    cpuSeconds: limits.timeLimitS,
    loadTimeoutMs: limits.loadTimeoutMs,
    callTimeoutMs: limits.callTimeoutMs,
    ...(cannotLoad === undefined ? {} : { cannotLoad }),
  });
  activeSession = session;
  try {
    for (const test of tests) report({ type: "test", test: await runOne(test, session, assignment.folder) });
  } finally {
    await session.close();
    activeSession = undefined;
  }
  if (session.loadError !== undefined) notes.push(`while loading, your cells threw ${session.loadError}; what they defined before that still counted`);
  report({ type: "done", notes });
}
