/**
 * Hidden tests: what an assignment's hidden-tests.ts exports, and the checks it uses.
 *
 *   import { defineHiddenTests, expectClose } from "flashlab";
 *   export default defineHiddenTests([
 *     { name: "percentile: p95 of 1..10 is 9.55", points: 1, async run({ submission }) {
 *         expectClose("percentile([1..10], 95)", await submission.call("percentile", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 9.55);
 *     } },
 *   ]);
 *
 * A test runs in the grader's trusted driver, never in the submission's process: it asks the
 * submission for values (`call`), or starts harness code beside it (`fixture`), and judges what comes
 * back against flashlab's own implementations. A test passes when `run` resolves, and fails with the
 * message of what it throws; each test is worth all its points or none. The expected values never
 * leave the driver.
 */

/** An event a fixture reported while running (e.g. a helper starting a read). */
export interface SubmissionEvent {
  name: string;
  data: unknown;
}

/** The submission, as a hidden test sees it. Every method may throw a SubmissionError. */
export interface SubmissionHandle {
  /** Calls the student's function `name` with the arguments (sent as JSON, with NaN, Infinity and undefined kept). */
  call(name: string, ...args: unknown[]): Promise<unknown>;
  /** Runs harness code in the submission's process (lib/grading/fixture.ts), with a time limit. */
  fixture(name: string, args?: unknown, timeoutMs?: number): Promise<unknown>;
  /** The next event matching `match` (earlier ones not yet taken count), or undefined after `timeoutMs`. */
  nextEvent(match: (event: SubmissionEvent) => boolean, timeoutMs: number): Promise<SubmissionEvent | undefined>;
  /** Ends the submission's process; the next call starts a fresh one and loads the cells again. */
  restart(): Promise<void>;
  /**
   * Closes the process's input and waits up to `timeoutMs` for it to end by itself, as a clean
   * shutdown does; kills it otherwise. Says how it ended.
   */
  finish(timeoutMs: number): Promise<{ exitedByItself: boolean; code: number | null; signal: string | null }>;
}

export interface HiddenTestContext {
  submission: SubmissionHandle;
  /** The assignment's folder (its data files are here). */
  assignmentFolder: string;
  /** Adds a line to the test's output, which the student sees. */
  log(line: string): void;
}

export interface HiddenTest {
  /** Shown to the student; unique within the assignment. */
  name: string;
  points: number;
  /** The whole test's time limit (default 30 s). */
  timeoutMs?: number;
  run(context: HiddenTestContext): Promise<void>;
}

/** Checks and returns an assignment's list of hidden tests (names unique, points ≥ 0). */
export function defineHiddenTests(tests: HiddenTest[]): HiddenTest[] {
  const names = new Set<string>();
  for (const test of tests) {
    if (typeof test.name !== "string" || test.name === "") throw new Error("every hidden test needs a name");
    if (names.has(test.name)) throw new Error(`two hidden tests are named "${test.name}"; names must be unique`);
    names.add(test.name);
    if (!Number.isFinite(test.points) || test.points < 0) throw new Error(`hidden test "${test.name}" has ${test.points} points; expected a number ≥ 0`);
  }
  return tests;
}

/** A check that failed; its message is what the student reads. */
export class TestFailure extends Error {
  override name = "TestFailure";
}

/** Something the submission did instead of answering: threw, timed out, crashed, or did not define a name. */
export class SubmissionError extends Error {
  override name = "SubmissionError";
  constructor(
    readonly kind: "threw" | "timeout" | "crashed" | "missing" | "not-loaded",
    message: string,
  ) {
    super(message);
  }
}

/** A short, readable rendering of a value for a failure message. */
export function describeValue(value: unknown, limit = 200): string {
  let text: string;
  if (typeof value === "number") text = Object.is(value, -0) ? "-0" : String(value);
  else if (value === undefined) text = "undefined";
  else if (typeof value === "bigint") text = `${value}n`;
  else if (Buffer.isBuffer(value)) text = `<${value.length} bytes>`;
  else {
    try {
      text = JSON.stringify(value, (_key, item: unknown) => (typeof item === "number" && !Number.isFinite(item) ? String(item) : item)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** Throws a TestFailure with `message` unless `condition` holds. */
export function expectTrue(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TestFailure(message);
}

/** A finite number within `tolerance` of `expected`: relative (× |expected|) or, near zero, absolute. */
export function expectClose(label: string, actual: unknown, expected: number, tolerance = 1e-9): void {
  const ok =
    typeof actual === "number" &&
    (Object.is(actual, expected) || (Number.isFinite(actual) && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected))));
  if (!ok) throw new TestFailure(`${label}: expected ${describeValue(expected)}, got ${describeValue(actual)}`);
}

/** An array of numbers, each close to the expected one (same length, same order). */
export function expectCloseArray(label: string, actual: unknown, expected: readonly number[], tolerance = 1e-9): void {
  if (!Array.isArray(actual)) throw new TestFailure(`${label}: expected an array of ${expected.length} numbers, got ${describeValue(actual)}`);
  if (actual.length !== expected.length) throw new TestFailure(`${label}: expected ${expected.length} values, got ${actual.length}`);
  expected.forEach((value, index) => expectClose(`${label}[${index}]`, actual[index], value, tolerance));
}

/** Deep equality of JSON-like values (numbers compared exactly, NaN equal to NaN). */
export function expectEqual(label: string, actual: unknown, expected: unknown): void {
  if (!deepEqual(actual, expected)) throw new TestFailure(`${label}: expected ${describeValue(expected)}, got ${describeValue(actual)}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || (typeof a === "number" && typeof b === "number" && a === b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Runs `body` and returns the message of the SubmissionError or TestFailure it threw, or null if it did not throw. */
export async function failureOf(body: () => Promise<unknown>): Promise<string | null> {
  try {
    await body();
    return null;
  } catch (error) {
    if (error instanceof SubmissionError || error instanceof TestFailure) return error.message;
    throw error;
  }
}
