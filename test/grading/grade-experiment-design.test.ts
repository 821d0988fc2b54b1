// Real grading runs of the experiment-design assignment: the instructor version scores full marks, the
// stubs zero, and a student who picks the average-case set (3) loses the choice and the manager's answer
// while keeping the points for a correct experiment and analysis.
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../lib/grading/assignment.js";
import { gradeSubmission } from "../../lib/grading/grade.js";
import { pointsOf, releasedNotebook, submissionWith, temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-grade-experiment-");
afterAll(() => scratch.remove());
const grade = (submission: string) => gradeSubmission({ assignment: "experiment-design", submission });

describe("grading the experiment-design assignment", () => {
  it("gives the instructor version full marks and the stubs zero", async () => {
    const instructor = (await grade(loadAssignment("experiment-design").notebook)).results;
    expect(instructor.tests.filter((test) => test.score < test.max_score).map((test) => `${test.name}: ${test.output}`)).toEqual([]);
    expect(instructor.score).toBe(15);
    const stub = (await grade(releasedNotebook("experiment-design", scratch.path))).results;
    expect(stub.score).toBe(0);
  }, 120_000);

  it("grades the choice and the computed answer: the mixed set loses both, and nothing else", async () => {
    const path = submissionWith("experiment-design", scratch.path, "mixed", {
      chosenExperimentSet: "// flashlab-grade: answer chosenExperimentSet\nfunction chosenExperimentSet(): 1 | 2 | 3 | 4 {\n  return 3;\n}",
    });
    const { results } = await grade(path);
    const lost = results.tests.filter((test) => test.score < test.max_score).map((test) => test.name);
    expect(lost).toEqual(["the chosen experiment set", "the manager's answer: workers for 90 trains within 2 s"]);
    expect(results.tests.find((test) => test.name.startsWith("the manager's answer"))!.output).toBe("managerAnswer(): expected 9, got 6");
    expect(pointsOf(results.tests, (name) => name.startsWith("why not") || name.startsWith("run") || name.startsWith("workersFor"))).toBe(9);
  }, 120_000);
});
