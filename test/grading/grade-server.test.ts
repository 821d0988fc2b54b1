// Real grading runs of the server assignment: the instructor's dispatch scores full marks and the
// stub zero; and the hidden tests catch the defects they exist for: a dispatch that reads misses in
// the event loop (SPED) or sends every read to a helper fails the head-of-line test, and one without
// a queue loses requests under load.
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../lib/grading/assignment.js";
import { gradeSubmission } from "../../lib/grading/grade.js";
import { releasedNotebook, submissionWith, temporaryFolder } from "./support.js";

const scratch = temporaryFolder("flashlab-grade-server-");
afterAll(() => scratch.remove());

const marker = "// flashlab-grade: answer createHelperDispatch";

/** SPED: every read in the loop, so a miss blocks every connection. */
const blocking = `${marker}
function createHelperDispatch(disk: LoopDisk, helpers: readonly DiskHelper[]): HelperDispatch {
  return { read: (file) => disk.readSync(file.path, file.offset, file.length), close: async () => {} };
}`;

/** Every read through a helper, queued: correct bytes, but a cached file waits behind the misses. */
const helpersForEverything = `${marker}
function createHelperDispatch(disk: LoopDisk, helpers: readonly DiskHelper[]): HelperDispatch {
  const queue: Array<() => void> = [];
  const run = (file: FileToRead): Promise<Buffer> => new Promise((resolve, reject) => {
    const start = () => {
      const helper = helpers.find((candidate) => !candidate.busy)!;
      helper.read(file.path, file.offset, file.length).then(() => resolve(disk.readSync(file.path, file.offset, file.length)), reject).finally(() => queue.shift()?.());
    };
    if (helpers.some((helper) => !helper.busy)) start(); else queue.push(start);
  });
  return { read: run, close: async () => {} };
}`;

/** Resident data in the loop, misses to the helpers in turn, without a queue: a busy helper refuses. */
const noQueue = `${marker}
function createHelperDispatch(disk: LoopDisk, helpers: readonly DiskHelper[]): HelperDispatch {
  let next = 0;
  return {
    read(file) {
      if (disk.isResident(file.path, file.offset, file.length)) return disk.readSync(file.path, file.offset, file.length);
      const helper = helpers[next++ % helpers.length]!;
      return helper.read(file.path, file.offset, file.length).then(() => disk.readSync(file.path, file.offset, file.length));
    },
    close: async () => {},
  };
}`;

const grade = (submission: string, only?: string) => gradeSubmission({ assignment: "server", submission, ...(only === undefined ? {} : { only }) });

describe("grading the server assignment", () => {
  it("gives the instructor's dispatch full marks", async () => {
    const { results } = await grade(loadAssignment("server").notebook);
    expect(results.tests.filter((test) => test.score < test.max_score).map((test) => `${test.name}: ${test.output}`)).toEqual([]);
    expect(results.score).toBe(18);
  }, 120_000);

  it("gives the released stub zero", async () => {
    const { results } = await grade(releasedNotebook("server", scratch.path));
    expect(results.score).toBe(0);
    expect(results.tests.every((test) => /not implemented/.test(test.output))).toBe(true);
  }, 120_000);

  it("fails a dispatch that reads misses in the event loop on head-of-line blocking", async () => {
    const { results } = await grade(submissionWith("server", scratch.path, "blocking", { createHelperDispatch: blocking }), "head-of-line");
    expect(results.tests).toHaveLength(1);
    expect(results.tests[0]!.score).toBe(0);
    expect(results.tests[0]!.output).toMatch(/was answered without a helper: the miss was read in the event loop/);
  }, 60_000);

  it("fails a dispatch that sends cached files to the helpers too on head-of-line blocking", async () => {
    const { results } = await grade(submissionWith("server", scratch.path, "everything", { createHelperDispatch: helpersForEverything }), "head-of-line");
    expect(results.tests[0]!.score).toBe(0);
    expect(results.tests[0]!.output).toMatch(/the cached file was answered only after a miss completed/);
  }, 60_000);

  it("stops at the run's time limit, keeping the tests that finished and scoring the rest 0", async () => {
    const { results, complete } = await gradeSubmission({ assignment: "server", submission: loadAssignment("server").notebook, timeLimitS: 6 });
    expect(complete).toBe(true);
    expect(results.tests).toHaveLength(8);
    const unfinished = results.tests.filter((test) => test.output === "not finished: the grading time limit of 6 s ran out");
    expect(unfinished.length).toBeGreaterThan(0);
    expect(unfinished.every((test) => test.score === 0)).toBe(true);
    expect(results.output).toMatch(/^The grading run was stopped after 6 s\./);
    expect(results.execution_time).toBeLessThan(20);
  }, 60_000);

  it("fails a dispatch without a queue on lost requests under load", async () => {
    const { results } = await grade(submissionWith("server", scratch.path, "no-queue", { createHelperDispatch: noQueue }), "no lost requests");
    expect(results.tests[0]!.score).toBe(0);
    expect(results.tests[0]!.output).toMatch(/status 500, expected 200/);
  }, 60_000);
});
