// From a submitted notebook to the module the grader runs: setup cells from the assignment, answer
// cells from the submission, syntax errors named by cell, and what a throw while loading leaves defined.
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../lib/grading/assignment.js";
import { moduleBody, submissionCode } from "../../lib/grading/submission-code.js";
import { submissionWith, temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-extract-");
afterAll(() => scratch.remove());
const metrics = loadAssignment("metrics");

describe("submissionCode", () => {
  it("takes the setup from the assignment and the answers from the submission", async () => {
    const path = submissionWith("metrics", scratch.path, "edited-setup", { percentile: "// flashlab-grade: answer percentile\nfunction percentile() { return 7; }" });
    const code = await submissionCode(metrics, path);
    expect(code.answers).toEqual(["percentile", "waitTimesMs", "slaViolationPct", "connectionRate", "bandwidthMBps", "answerQuestions"]);
    expect(code.missing).toEqual([]);
    expect(code.typescript).toContain('readRecordsCsv("provided-run.csv")');
    expect(code.typescript).toContain("function percentile() { return 7; }");
    expect(code.body).toContain("function percentile() { return 7; }");
  });

  it("reports answers whose cell lost its marker, and names the cell of a syntax error", async () => {
    const path = submissionWith("metrics", scratch.path, "broken", {
      percentile: "function percentile(values: number[], p: number) { return 1; }",
      waitTimesMs: "// flashlab-grade: answer waitTimesMs\nfunction waitTimesMs(records) {\n  return [;\n}",
    });
    const code = await submissionCode(metrics, path);
    expect(code.missing).toEqual(["percentile"]);
    expect(code.body).toBeNull();
    expect(code.problem).toMatch(/^your cells do not parse as TypeScript:\nyour cell \d+ \(answer waitTimesMs\), line 3: /);
  });

  it("turns a submission that is not a notebook into a problem to report, not a grader error", async () => {
    const code = await submissionCode(metrics, `${scratch.path}/nothing-here.ipynb`);
    expect(code.problem).toMatch(/^the submission cannot be graded: no submission at .*nothing-here\.ipynb/);
    expect(code.missing).toEqual(code.answers);
  });
});

describe("moduleBody", () => {
  type Run = (...args: unknown[]) => Promise<{ answers: Record<string, unknown>; loadError?: unknown }>;
  const AsyncFunction = (async () => {}).constructor as new (...parameters: string[]) => Run;

  it("keeps what was defined before a statement threw, and every function declaration", async () => {
    const body = moduleBody(["const early = 1;", "function hoisted() { return 2; }", 'throw new Error("boom");', "const late = 3;"].join("\n"), ["early", "hoisted", "late", "absent"]);
    const result = await new AsyncFunction("require", "module", "exports", "__filename", "__dirname", body)(() => ({}), { exports: {} }, {}, "", "");
    expect(result.answers.early).toBe(1);
    expect(typeof result.answers.hoisted).toBe("function");
    expect(result.answers.late).toBeUndefined();
    expect(result.answers.absent).toBeUndefined();
    expect((result.loadError as Error).message).toBe("boom");
  });
});
