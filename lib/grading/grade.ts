/**
 * Grading one submission (`flashlab grade --assignment NAME --submission PATH`): chooses the sandbox,
 * starts the driver (driver.ts) in it, collects the driver's report line by line, and turns it into
 * Gradescope's results.json. The whole run has the assignment's wall-clock limit: past it the driver
 * and everything under it is killed, and tests not yet finished score 0 with the reason. The results
 * are assembled here, outside the sandbox, from what the driver reported: nothing the submission runs
 * can write them.
 */
import { spawn } from "node:child_process";
import { compiledModule } from "../runtime/paths.js";
import { loadAssignment, type Assignment, type GradingLimits } from "./assignment.js";
import type { DriverReport, DriverRequest } from "./driver.js";
import { readLines } from "./line-reader.js";
import { gradescopeResults, type GradescopeResults, type GradescopeTest } from "./gradescope-results.js";
import { chooseSandbox, driverCommand, type SandboxChoice, type SandboxLevel } from "./sandbox.js";

export interface GradeOptions {
  /** An assignment name (under notebooks/assignments) or folder. */
  assignment: string;
  /** The submitted notebook, or a folder holding it. */
  submission: string;
  /** Which sandbox to use (default: the strongest this machine allows). */
  sandbox?: SandboxLevel | "auto";
  /** Overrides the assignment's wall-clock limit, in seconds. */
  timeLimitS?: number;
  /** Overrides of the assignment's other limits (call and load time limits, memory). */
  limits?: Partial<Omit<GradingLimits, "timeLimitS">>;
  /** Run only the hidden tests whose name contains this text (case-insensitive), e.g. while writing them. */
  only?: string;
}

export interface GradeOutcome {
  results: GradescopeResults;
  sandbox: SandboxChoice;
  /** False when the grader itself failed (a broken assignment, a crashed driver): the results then say so. */
  complete: boolean;
}

/** Node's flags for the driver: type stripping for the hidden tests where it is not on by default. */
function typeScriptFlags(): string[] {
  return (process.features as { typescript?: unknown }).typescript ? [] : ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"];
}

/** Grades one submission; never throws for anything the submission does. */
export async function gradeSubmission(options: GradeOptions, assignment: Assignment = loadAssignment(options.assignment)): Promise<GradeOutcome> {
  const started = performance.now();
  const sandbox = chooseSandbox(options.sandbox ?? "auto");
  const timeLimitS = options.timeLimitS ?? assignment.limits.timeLimitS;
  const request: DriverRequest = {
    assignmentFolder: assignment.folder,
    submission: options.submission,
    sandbox: sandbox.level,
    limits: { ...options.limits, timeLimitS },
    ...(options.only === undefined ? {} : { only: options.only }),
  };
  const { command, args } = driverCommand(sandbox.level, process.execPath, [...typeScriptFlags(), compiledModule("grading/driver-entry"), JSON.stringify(request)]);
  const driver = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: sandbox.level !== "namespaces" });
  // Under "namespaces" killing the driver's unshare ends every process below it (its PID namespace).
  // Elsewhere the driver is asked first to end the submission's processes, which have process groups
  // of their own, then its group is killed.
  const signal = (name: "SIGTERM" | "SIGKILL") => {
    try {
      if (driver.pid !== undefined) process.kill(sandbox.level === "namespaces" || name === "SIGTERM" ? driver.pid : -driver.pid, name);
    } catch {
      // already gone
    }
  };
  const kill = () => signal("SIGKILL");

  let plan: Array<{ name: string; points: number }> | undefined;
  const finished = new Map<string, GradescopeTest>();
  const notes: string[] = [];
  let done = false;
  let stderr = "";
  readLines(driver.stdout, (text) => {
    let line: DriverReport;
    try {
      line = JSON.parse(text) as DriverReport;
    } catch {
      stderr += `unreadable report line from the driver: ${text.slice(0, 200)}\n`;
      return;
    }
    if (line.type === "plan") plan = line.tests;
    else if (line.type === "test") finished.set(line.test.name, line.test);
    else {
      notes.push(...line.notes);
      done = true;
    }
  });
  driver.stderr.setEncoding("utf8");
  driver.stderr.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));

  let timedOut = false;
  let lastResort: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    if (sandbox.level === "namespaces") return kill();
    signal("SIGTERM");
    lastResort = setTimeout(kill, 2_000);
  }, timeLimitS * 1000);
  const exitCode = await new Promise<number | null>((resolve) => driver.once("close", (code) => resolve(code)));
  clearTimeout(timer);
  clearTimeout(lastResort);
  kill(); // anything the driver left behind (uid and none sandboxes share its process group)

  const why = timedOut ? `not finished: the grading time limit of ${timeLimitS} s ran out` : "not run: the grader stopped early (see the output above)";
  const tests: GradescopeTest[] = (plan ?? []).map(
    (planned) => finished.get(planned.name) ?? { name: planned.name, score: 0, max_score: planned.points, output: why },
  );
  const complete = done && exitCode === 0;
  const output = [
    ...(complete ? [] : [timedOut ? `The grading run was stopped after ${timeLimitS} s.` : `The grader failed (exit code ${exitCode}); tell your instructor.\n${stderr.trim()}`]),
    ...notes,
    sandbox.description,
  ].join("\n\n");
  return { results: gradescopeResults(tests, output, (performance.now() - started) / 1000), sandbox, complete: complete || (timedOut && plan !== undefined) };
}
