// Real grading runs of the metrics assignment through the CLI, in batch mode: the instructor version
// scores full marks, the released stubs score zero, and the CSV and each results.json are what
// Gradescope reads. A submission that imports flashlab's own percentile gains nothing.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../lib/grading/assignment.js";
import type { GradescopeResults } from "../../lib/grading/gradescope-results.js";
import { projectRoot } from "../../lib/runtime/paths.js";
import { releasedNotebook, submissionWith, temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-grade-metrics-");
afterAll(() => scratch.remove());

function expectGradescopeShape(results: GradescopeResults): void {
  expect(Object.keys(results).sort()).toEqual(["execution_time", "max_score", "output", "score", "tests"]);
  for (const test of results.tests) {
    expect(Object.keys(test).sort()).toEqual(["max_score", "name", "output", "score"]);
    expect(typeof test.name).toBe("string");
    expect(test.score).toBeGreaterThanOrEqual(0);
    expect(test.score).toBeLessThanOrEqual(test.max_score);
  }
  expect(results.score).toBe(results.tests.reduce((sum, test) => sum + test.score, 0));
  expect(results.max_score).toBe(results.tests.reduce((sum, test) => sum + test.max_score, 0));
}

describe("flashlab grade --submissions (metrics)", () => {
  it("grades a folder into one CSV: the instructor version full marks, the stubs zero, a copy of flashlab's percentile nothing for it", () => {
    const submissions = join(scratch.path, "submissions");
    mkdirSync(submissions);
    copyFileSync(loadAssignment("metrics").notebook, join(submissions, "instructor.ipynb"));
    const student = join(submissions, "student");
    mkdirSync(student);
    copyFileSync(releasedNotebook("metrics", join(scratch.path, "release")), join(student, "metrics.ipynb"));
    submissionWith("metrics", submissions, "copier", {
      percentile: '// flashlab-grade: answer percentile\nimport { percentile as theirs } from "flashlab";\nfunction percentile(values: readonly number[], p: number): number {\n  return theirs(values, p);\n}',
    });

    const csv = join(scratch.path, "grades.csv");
    const run = spawnSync(process.execPath, [join(projectRoot, "dist", "cli.js"), "grade", "--assignment", "metrics", "--submissions", submissions, "--csv", csv], { encoding: "utf8", timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/graded 3 submissions/);

    const rows = readFileSync(csv, "utf8").trim().split("\n");
    expect(rows[0]).toMatch(/^submission,score,max_score,/);
    const scores = Object.fromEntries(rows.slice(1).map((row) => [row.split(",")[0], row.split(",").slice(1, 3).map(Number)]));
    expect(scores.instructor).toEqual([21, 21]);
    expect(scores.student).toEqual([0, 21]);

    const resultsFolder = join(scratch.path, "grades-results");
    expect(readdirSync(resultsFolder).sort()).toEqual(["copier.json", "instructor.json", "student.json"]);
    const results = (name: string) => JSON.parse(readFileSync(join(resultsFolder, `${name}.json`), "utf8")) as GradescopeResults;
    for (const name of ["copier", "instructor", "student"]) expectGradescopeShape(results(name));
    expect(results("student").tests.every((test) => test.output.includes("not implemented"))).toBe(true);
    expect(results("instructor").output).toMatch(/^sandbox: /m);

    // The copier's percentile refuses to run; its other answers are the instructor's.
    const copier = results("copier");
    const percentileTests = copier.tests.filter((test) => test.name.startsWith("percentile"));
    expect(percentileTests.every((test) => test.score === 0 && test.output.includes("flashlab's percentile is off limits in this assignment"))).toBe(true);
    expect(copier.tests.find((test) => test.name.startsWith("waitTimesMs"))!.score).toBe(2);
  }, 240_000);

  it("writes one results.json with --out, and exits 2 for bad usage", () => {
    const cli = join(projectRoot, "dist", "cli.js");
    const out = join(scratch.path, "results.json");
    const graded = spawnSync(process.execPath, [cli, "grade", "--assignment", "metrics", "--submission", loadAssignment("metrics").notebook, "--out", out, "--only", "Question 6"], { encoding: "utf8", timeout: 120_000 });
    expect(graded.status, graded.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8")) as GradescopeResults;
    expectGradescopeShape(results);
    expect(results.tests.map((test) => [test.name, test.score])).toEqual([["Question 6: whether waiting or transferring dominates the provided run's response times", 1]]);

    const both = spawnSync(process.execPath, [cli, "grade", "--assignment", "metrics"], { encoding: "utf8" });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --submission PATH .* or --submissions DIR/);
    const noCsv = spawnSync(process.execPath, [cli, "grade", "--assignment", "metrics", "--submissions", scratch.path], { encoding: "utf8" });
    expect(noCsv.status).toBe(2);
    expect(noCsv.stderr).toMatch(/--submissions needs --csv FILE/);
  }, 120_000);
});
