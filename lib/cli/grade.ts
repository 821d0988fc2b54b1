/**
 * `flashlab grade`: grades one submission into Gradescope's results.json, or a folder of submissions
 * into one CSV. Prints a line per test (✔ or ✘, points) and the total; exits 0 once results are
 * written (whatever the score), 1 when the grader itself failed, 2 on bad usage.
 */
import { existsSync } from "node:fs";
import { AssignmentError, gradeFolder, gradeSubmission, loadAssignment, sandboxLevels, writeGradescopeResults, type GradescopeResults } from "../grading/index.js";
import { UsageError } from "./args.js";
import { defineCommand } from "./command.js";
import type { Command, CommandGroup, CommandIO } from "./command.js";

function summary(results: GradescopeResults): string {
  const lines = results.tests.map((test) => `${test.score === test.max_score && test.max_score > 0 ? "✔" : test.score > 0 ? "~" : "✘"} ${test.name} (${test.score}/${test.max_score})`);
  return `${lines.join("\n")}\nscore: ${results.score} / ${results.max_score} in ${results.execution_time} s\n`;
}

function firstLines(text: string, count: number): string {
  return text.split("\n").slice(0, count).join("\n");
}

const gradeCommand = defineCommand({
  name: "grade",
  summary: "grade a submission (or a folder of them) against an assignment's hidden tests",
  details: [
    "One submission: --submission PATH (a notebook, or a folder holding it, as Gradescope gives it),",
    "written as Gradescope's results.json with --out. A folder: --submissions DIR (one notebook or one",
    "sub-folder per student) and --csv FILE (one row per submission); each results.json goes into",
    "--results-dir (default: FILE's name with -results). The submission runs in a sandbox (the strongest",
    "this machine allows: as root on Linux, its own namespaces, loopback only, no access to the hidden",
    "tests); every results file says which one it had.",
  ].join("\n"),
  options: {
    assignment: { type: "string", valueName: "NAME", description: "the assignment (a name under notebooks/assignments, or its folder)" },
    submission: { type: "string", valueName: "PATH", description: "the submitted notebook, or a folder holding it" },
    out: { type: "string", valueName: "FILE", description: "write Gradescope's results.json here" },
    submissions: { type: "string", valueName: "DIR", description: "grade every submission in this folder" },
    csv: { type: "string", valueName: "FILE", description: "with --submissions: the CSV of scores to write" },
    "results-dir": { type: "string", valueName: "DIR", description: "with --submissions: where each results.json goes" },
    sandbox: { type: "string", choices: ["auto", ...sandboxLevels], default: "auto", valueName: "LEVEL", description: "the sandbox (auto: the strongest available)" },
    "time-limit": { type: "number", min: 1, max: 3600, valueName: "S", description: "wall-clock seconds per submission (default: the assignment's)" },
    only: { type: "string", valueName: "TEXT", description: "run only the hidden tests whose name contains TEXT (for writing tests)" },
    json: { type: "boolean", description: "one submission: print the results JSON instead of the summary" },
  },
  async run({ options }, io: CommandIO) {
    if (!options.assignment) throw new UsageError("--assignment is required: the assignment to grade against (see `flashlab assign list`)");
    if ((options.submission === undefined) === (options.submissions === undefined)) {
      throw new UsageError("give exactly one of --submission PATH (one submission) or --submissions DIR (a folder of them)");
    }
    try {
      loadAssignment(options.assignment);
    } catch (error) {
      if (error instanceof AssignmentError) throw new UsageError(error.message);
      throw error;
    }
    const common = {
      assignment: options.assignment,
      sandbox: options.sandbox as "auto" | (typeof sandboxLevels)[number],
      ...(options["time-limit"] === undefined ? {} : { timeLimitS: options["time-limit"] }),
      ...(options.only === undefined ? {} : { only: options.only }),
    };
    if (options.submissions !== undefined) {
      if (!options.csv) throw new UsageError("--submissions needs --csv FILE: where to write the scores");
      if (!existsSync(options.submissions)) throw new UsageError(`--submissions ${options.submissions}: no such folder`);
      const rows = await gradeFolder({
        ...common,
        folder: options.submissions,
        csv: options.csv,
        ...(options["results-dir"] === undefined ? {} : { resultsFolder: options["results-dir"] }),
        onGraded: (name, results) => io.stdout(`${name}: ${results.score} / ${results.max_score}\n`),
      });
      io.stdout(`graded ${rows.length} submissions into ${options.csv}\n`);
      return 0;
    }
    if (!existsSync(options.submission!)) throw new UsageError(`--submission ${options.submission}: no such file or folder`);
    const outcome = await gradeSubmission({ ...common, submission: options.submission! });
    if (options.out) writeGradescopeResults(options.out, outcome.results);
    if (options.json) io.stdout(`${JSON.stringify(outcome.results, null, 2)}\n`);
    else io.stdout(`${summary(outcome.results)}${firstLines(outcome.sandbox.description, 1)}\n${options.out ? `results: ${options.out}\n` : ""}`);
    if (!outcome.complete) {
      io.stderr(`flashlab grade: the grader failed; see the results' output\n${outcome.results.output}\n`);
      return 1;
    }
    return 0;
  },
});

export const gradeCommands: Array<Command<any> | CommandGroup> = [gradeCommand];
