// Hidden tests of the metrics assignment. Every expected value comes from flashlab's own metrics
// (lib/metrics) on the same data: hand-made cases, seeded random records the student never sees, and
// the provided run.
import { join } from "node:path";
import {
  bandwidth,
  createRng,
  defineHiddenTests,
  executionTimeMs,
  expectClose,
  expectCloseArray,
  expectEqual,
  expectTrue,
  failureOf,
  percentile,
  readRecordsCsv,
  requestFailureKind,
  requestOriginMs,
  slaViolationPct,
  waitTimesMs,
} from "flashlab";
import type { HiddenTestContext, RequestRecord } from "flashlab";

interface RandomRunOptions {
  openLoop: boolean;
  keepAlive: boolean;
  failures: boolean;
}

/** Seeded random records with the shapes a real run has: open or closed loop, new or reused connections, failures. */
function randomRecords(seed: number, count: number, options: RandomRunOptions): RequestRecord[] {
  const rng = createRng(seed);
  const records: RequestRecord[] = [];
  let clock = rng.uniform(0, 50);
  for (let index = 0; index < count; index++) {
    const intendedMs = clock;
    clock += rng.exponential(4);
    const startMs = intendedMs + (options.openLoop ? rng.exponential(3) : 0);
    const connectMs = !options.keepAlive || rng.next() < 0.25 ? startMs + rng.uniform(0.05, 2) : undefined;
    const ready = connectMs ?? startMs;
    const kind = rng.next();
    const record: RequestRecord = { startMs, endMs: 0, bytes: 0, status: 0 };
    if (options.openLoop) record.intendedMs = intendedMs;
    if (connectMs !== undefined) record.connectMs = connectMs;
    if (options.failures && kind < 0.06) {
      record.endMs = ready + rng.uniform(100, 200);
      record.error = "timeout";
    } else if (options.failures && kind < 0.12) {
      record.firstByteMs = ready + rng.exponential(5);
      record.endMs = record.firstByteMs + rng.uniform(0, 1);
      record.status = 503;
      record.bytes = rng.integer(100, 300);
    } else {
      record.firstByteMs = ready + rng.exponential(15);
      record.endMs = record.firstByteMs + rng.exponential(8);
      record.status = rng.next() < 0.1 ? 304 : 200;
      record.bytes = rng.integer(150, 250_000);
    }
    records.push(record);
  }
  return records;
}

const hiddenRuns: Array<{ label: string; records: RequestRecord[] }> = [
  { label: "closed loop, keep-alive, no failures", records: randomRecords(9001, 400, { openLoop: false, keepAlive: true, failures: false }) },
  { label: "open loop, a connection per request, with failures", records: randomRecords(9002, 700, { openLoop: true, keepAlive: false, failures: true }) },
  { label: "open loop, keep-alive, with failures", records: randomRecords(9003, 1500, { openLoop: true, keepAlive: true, failures: true }) },
];

const completedOf = (records: readonly RequestRecord[]) => records.filter((record) => requestFailureKind(record) === null);
const responseTimes = (records: readonly RequestRecord[]) => records.map((record) => record.endMs - requestOriginMs(record));

/** flashlab's answers for the five functions of Part 1. */
const reference = {
  waitTimesMs: (records: readonly RequestRecord[]) => waitTimesMs(records),
  slaViolationPct: (records: readonly RequestRecord[], slaMs: number) => {
    const completed = completedOf(records);
    return slaViolationPct(responseTimes(completed), slaMs, records.length - completed.length);
  },
  connectionRate: (records: readonly RequestRecord[]) =>
    records.filter((record) => record.connectMs !== undefined).length / (executionTimeMs(records) / 1000),
  bandwidthMBps: (records: readonly RequestRecord[]) =>
    bandwidth(
      completedOf(records).reduce((sum, record) => sum + record.bytes, 0),
      executionTimeMs(records) / 1000,
      "MB/s",
    ),
};

function providedRun(context: HiddenTestContext): RequestRecord[] {
  return readRecordsCsv(join(context.assignmentFolder, "provided-run.csv"));
}

function referenceAnswers(run: readonly RequestRecord[]) {
  const completed = completedOf(run);
  const responses = responseTimes(completed);
  const waits = waitTimesMs(completed);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    p50ResponseMs: percentile(responses, 50),
    p95ResponseMs: percentile(responses, 95),
    p99WaitMs: percentile(waitTimesMs(run), 99),
    slaViolationPctAt100Ms: reference.slaViolationPct(run, 100),
    connectionRatePerS: reference.connectionRate(run),
    bandwidthMBps: reference.bandwidthMBps(run),
    dominantPart: mean(waits) > mean(responses) / 2 ? "wait" : "transfer",
  };
}

async function studentAnswers(context: HiddenTestContext): Promise<Record<string, unknown>> {
  const answers = await context.submission.call("answerQuestions", providedRun(context));
  expectTrue(answers !== null && typeof answers === "object", `answerQuestions should return an object of answers; got ${String(answers)}`);
  return answers as Record<string, unknown>;
}

/** A test of one Part 2 answer, within 1e-6 relative. */
function questionTest(name: string, keys: Array<"p50ResponseMs" | "p95ResponseMs" | "p99WaitMs" | "slaViolationPctAt100Ms" | "connectionRatePerS" | "bandwidthMBps">) {
  return {
    name,
    points: 1,
    async run(context: HiddenTestContext) {
      const answers = await studentAnswers(context);
      const expected = referenceAnswers(providedRun(context));
      for (const key of keys) expectClose(`answerQuestions(providedRun).${key}`, answers[key], expected[key], 1e-6);
    },
  };
}

export default defineHiddenTests([
  {
    name: "percentile: p95 of 1..10 is 9.55 (linear interpolation between closest ranks)",
    points: 1,
    async run({ submission }) {
      expectClose("percentile([1..10], 95)", await submission.call("percentile", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 9.55);
    },
  },
  {
    name: "percentile: p0 is the minimum, p100 the maximum, p50 the median; one value is every percentile",
    points: 1,
    async run({ submission }) {
      const values = [12, -3, 7.5, 7.5, 40, 0];
      for (const p of [0, 50, 100, 25]) expectClose(`percentile(${JSON.stringify(values)}, ${p})`, await submission.call("percentile", values, p), percentile(values, p));
      for (const p of [0, 37, 100]) expectClose(`percentile([42], ${p})`, await submission.call("percentile", [42], p), 42);
    },
  },
  {
    name: "percentile: hidden random samples at p50, p90, p95, p99 and p99.9",
    points: 2,
    async run({ submission }) {
      const rng = createRng(4242);
      for (const size of [2, 17, 1000, 4001]) {
        const values = Array.from({ length: size }, () => (rng.next() < 0.9 ? rng.exponential(10) : rng.uniform(100, 5000)));
        for (const p of [50, 90, 95, 99, 99.9]) {
          expectClose(`percentile(<${size} hidden values>, ${p})`, await submission.call("percentile", values, p), percentile(values, p));
        }
      }
    },
  },
  {
    name: "percentile: leaves its input unchanged, and throws for no values",
    points: 1,
    async run({ submission }) {
      // Arguments reach the submission as copies, so the check runs in its process.
      const call = (await submission.fixture("calls.inputUnchanged", { name: "percentile", args: [[5, 1, 4, 2, 3], 50] })) as { value: unknown; unchanged: boolean };
      expectClose("percentile([5, 1, 4, 2, 3], 50)", call.value, 3);
      expectTrue(call.unchanged, "percentile([5, 1, 4, 2, 3], 50) changed the array it was given (sort a copy)");
      const failure = await failureOf(() => submission.call("percentile", [], 50));
      expectTrue(failure !== null && failure.includes("threw"), `percentile([], 50) should throw an Error; it ${failure ?? "returned a value"}`);
    },
  },
  {
    name: "waitTimesMs: hidden runs (open and closed loop, requests with no first byte)",
    points: 2,
    async run({ submission }) {
      for (const run of hiddenRuns) {
        expectCloseArray(`waitTimesMs(<${run.label}>)`, await submission.call("waitTimesMs", run.records), reference.waitTimesMs(run.records));
      }
    },
  },
  {
    name: "slaViolationPct: hidden runs, an SLA exactly on a response time, failures counted as violations",
    points: 2,
    async run({ submission }) {
      for (const run of hiddenRuns) {
        const onTheLimit = responseTimes(run.records)[7]!;
        for (const slaMs of [5, 20, 60, onTheLimit]) {
          expectClose(`slaViolationPct(<${run.label}>, ${slaMs})`, await submission.call("slaViolationPct", run.records, slaMs), reference.slaViolationPct(run.records, slaMs));
        }
      }
    },
  },
  {
    name: "connectionRate: hidden runs (new and reused connections)",
    points: 2,
    async run({ submission }) {
      for (const run of hiddenRuns) {
        expectClose(`connectionRate(<${run.label}>)`, await submission.call("connectionRate", run.records), reference.connectionRate(run.records));
      }
    },
  },
  {
    name: "bandwidthMBps: hidden runs (bytes of failed requests left out)",
    points: 2,
    async run({ submission }) {
      for (const run of hiddenRuns) {
        expectClose(`bandwidthMBps(<${run.label}>)`, await submission.call("bandwidthMBps", run.records), reference.bandwidthMBps(run.records));
      }
    },
  },
  {
    name: "Part 1 on the provided run: every function agrees with flashlab's metrics",
    points: 2,
    async run(context) {
      const run = providedRun(context);
      const { submission } = context;
      const responses = responseTimes(completedOf(run));
      expectClose("percentile(<response times of the provided run>, 95)", await submission.call("percentile", responses, 95), percentile(responses, 95));
      expectCloseArray("waitTimesMs(providedRun)", await submission.call("waitTimesMs", run), reference.waitTimesMs(run));
      expectClose("slaViolationPct(providedRun, 50)", await submission.call("slaViolationPct", run, 50), reference.slaViolationPct(run, 50));
      expectClose("connectionRate(providedRun)", await submission.call("connectionRate", run), reference.connectionRate(run));
      expectClose("bandwidthMBps(providedRun)", await submission.call("bandwidthMBps", run), reference.bandwidthMBps(run));
    },
  },
  questionTest("Question 1: the median and p95 response time of the provided run", ["p50ResponseMs", "p95ResponseMs"]),
  questionTest("Question 2: the p99 wait time of the provided run", ["p99WaitMs"]),
  questionTest("Question 3: the SLA violations at 100 ms in the provided run", ["slaViolationPctAt100Ms"]),
  questionTest("Question 4: the connection rate of the provided run", ["connectionRatePerS"]),
  questionTest("Question 5: the bandwidth of the provided run", ["bandwidthMBps"]),
  {
    name: "Question 6: whether waiting or transferring dominates the provided run's response times",
    points: 1,
    async run(context) {
      const answers = await studentAnswers(context);
      expectEqual("answerQuestions(providedRun).dominantPart", answers.dominantPart, referenceAnswers(providedRun(context)).dominantPart);
    },
  },
]);
