/**
 * grading: assignments with hidden tests, their release to students, and a sandboxed autograder that
 * writes Gradescope's results.json.
 *
 * Instructors (the CLI wraps these):
 *   releaseAssignment(loadAssignment("metrics"), "release/metrics")       // flashlab assign release metrics --out release/metrics
 *   const { results } = await gradeSubmission({ assignment: "metrics", submission: "alice.ipynb" });
 *   writeGradescopeResults("results.json", results);                      // flashlab grade --assignment metrics --submission alice.ipynb
 *   await gradeFolder({ assignment: "metrics", folder: "submissions", csv: "grades.csv" });
 *
 * Assignment authors write hidden tests with defineHiddenTests and the expect* checks (hidden-test.ts);
 * notebooks use sanityCheck for visible checks. The server assignment's students write a
 * HelperDispatchFactory (harness/amped-seam.ts) and try it with startDispatchServer.
 *
 * How a submission is graded: the notebook's marked cells (cell-markers.ts) are extracted and
 * transpiled (submission-code.ts); a driver process (driver.ts) runs the hidden tests, each asking a
 * sandboxed child process (sandbox.ts, runner-entry.ts) for the values the student's code computes,
 * with time and memory limits; the results are judged in the driver and written by the grader.
 */
export { loadAssignment, assignmentNames, assignmentsFolder, AssignmentError, defaultLimits } from "./assignment.js";
export type { Assignment, GradingLimits } from "./assignment.js";
export { parseCellMarker, markerPrefix, CellMarkerError } from "./cell-markers.js";
export type { CellMarker, CellRole } from "./cell-markers.js";
export { findSolutionRegions, stubSolutions, SolutionRegionError } from "./solution-regions.js";
export type { SolutionRegion, RegionSyntax } from "./solution-regions.js";
export { readNotebook, parseNotebook, writeNotebook, cellSource, NotebookFileError } from "./notebook-file.js";
export type { Notebook, NotebookCell } from "./notebook-file.js";
export { markedCells } from "./marked-cells.js";
export type { MarkedCell, MarkedCells } from "./marked-cells.js";
export { releaseAssignment, studentNotebook } from "./release.js";
export type { ReleaseResult } from "./release.js";
export { submissionCode, findSubmissionNotebook } from "./submission-code.js";
export type { SubmissionCode } from "./submission-code.js";
export { gradeSubmission } from "./grade.js";
export type { GradeOptions, GradeOutcome } from "./grade.js";
export { gradeFolder, listSubmissions } from "./batch.js";
export type { BatchOptions } from "./batch.js";
export { gradescopeResults, writeGradescopeResults } from "./gradescope-results.js";
export type { GradescopeResults, GradescopeTest } from "./gradescope-results.js";
export { chooseSandbox, sandboxLevels } from "./sandbox.js";
export type { SandboxChoice, SandboxLevel } from "./sandbox.js";
export {
  defineHiddenTests,
  describeValue,
  expectClose,
  expectCloseArray,
  expectEqual,
  expectTrue,
  failureOf,
  SubmissionError,
  TestFailure,
} from "./hidden-test.js";
export type { HiddenTest, HiddenTestContext, SubmissionEvent, SubmissionHandle } from "./hidden-test.js";
export { sanityCheck } from "./sanity-check.js";
export type { DiskHelper, FileToRead, HelperDispatch, HelperDispatchFactory, LoopDisk } from "./harness/amped-seam.js";
export { startDispatchServer } from "./harness/dispatch-server.js";
export type { DispatchCounters, DispatchServer, DispatchServerOptions, DispatchServerReport } from "./harness/dispatch-server.js";
export type { ProbeName, ProbeObservations, ReadOutcome } from "./harness/dispatch-probes.js";
