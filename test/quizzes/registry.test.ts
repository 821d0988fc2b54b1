// Every quiz in the registry: it has a question, a valid key and an explanation; an unanswered or
// malformed answer is told what to write and not the answer; a right one is praised and explained;
// a wrong one gets the answer. The cases table is typed by quiz id, so a new quiz needs a case here.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ShortestPathCrossoverResult } from "../../lib/experiments/shortest-path-crossover.js";
import { simulateRequests } from "../../lib/experiments/simulated-requests.js";
import { simulateVideoClient } from "../../lib/experiments/video-client.js";
import { responseTimesMs } from "../../lib/metrics/index.js";
import type { RunRecord } from "../../lib/experiments/index.js";
import type { SizeCrossover } from "../../lib/experiments/results/size-crossover.js";
import { checkAnswerKey } from "../../lib/quizzes/answer-key.js";
import type { QuizAnswer } from "../../lib/quizzes/answer-key.js";
import { checkQuiz, quizGroups, quizIds, quizzes, showQuiz } from "../../lib/quizzes/registry.js";
import type { QuizContextArgument, QuizId } from "../../lib/quizzes/registry.js";

function measuredShortestPaths(sparse: "dijkstra" | "floyd-warshall", dense: "dijkstra" | "floyd-warshall"): ShortestPathCrossoverResult {
  return {
    options: { vertexCount: 100, densities: [0.01, 1], repetitions: 3, seed: 1 },
    timings: [],
    winners: [
      { density: 0.01, winner: sparse, speedup: 8 },
      { density: 1, winner: dense, speedup: 3 },
    ],
    crossoverDensity: sparse === dense ? null : 1,
  };
}

const responses = responseTimesMs(simulateRequests({ requests: 2000, arrivalRatePerS: 500, servers: 2, seed: 3 }).records);
const downloads = [
  { name: "page", share: 0.8, meanBytes: 4096 },
  { name: "download", share: 0.2, meanBytes: 256_000 },
];
const video = {
  alone: simulateVideoClient({ seconds: 30 }),
  shared: simulateVideoClient({ seconds: 30, background: { arrivalRatePerS: 270, classes: downloads }, seed: 7 }),
};

/** Rows and runs of a sweep, as the measured §21–23 quizzes read them. */
const cachedRows = {
  summaryRows: [
    { arch: "sped", workload: "nasa-excerpt", requestsPerCpuSecondMean: 5000 },
    { arch: "amped", workload: "nasa-excerpt", requestsPerCpuSecondMean: 4700 },
    { arch: "mt", workload: "nasa-excerpt", requestsPerCpuSecondMean: 2000 },
  ],
};
const diskBoundRows = {
  summaryRows: [
    { arch: "sped", disk: "sim", throughputRpsMean: 300 },
    { arch: "amped", disk: "sim", throughputRpsMean: 1500 },
    { arch: "mp", disk: "sim", throughputRpsMean: 900 },
  ],
};
const cacheLevels = ["none", "path", "path+data", "all"];
const optimizationRuns = {
  records: [1, 2].flatMap((rep) =>
    cacheLevels.map((caches, index) => ({
      key: `p0${index + 1}-r${rep}`,
      point: `p0${index + 1}`,
      rep,
      status: "ok",
      levels: { caches, fileSizeKB: 1 },
      metrics: { requestsPerCpuSecond: [1000, 1800, 2000, 2100][index]! },
    })),
  ) as Partial<RunRecord>[] as RunRecord[],
};
const crossover: SizeCrossover = {
  cacheMB: 8,
  metric: "throughputRps",
  threshold: 1.15,
  levels: [
    { datasetMB: 4, builtMB: 4.88, ratio: 0.98, ratios: [0.98] },
    { datasetMB: 24, builtMB: 24.4, ratio: 1.9, ratios: [1.9] },
  ],
  crossover: { datasetMB: 24, builtMB: 24.4, ratio: 1.9, ratios: [1.9] },
  side: "above",
};

type QuizCase<Id extends QuizId> = { context: QuizContextArgument<Id>; right: QuizAnswer; wrong: QuizAnswer; malformed: unknown };

const cases: { [Id in QuizId]: QuizCase<Id> } = {
  "toy-shop-ten-orders": { context: [], right: "boss-workers", wrong: "pipeline", malformed: "the boss" },
  "toy-shop-mean-crossover": { context: [], right: 26, wrong: 23, malformed: "26" },
  "busy-boss-utilization": { context: [], right: "up", wrong: "down", malformed: true },
  "sla-at-p95": { context: [{ responseTimesMs: responses }], right: 5, wrong: 95, malformed: "5%" },
  "video-every-second": { context: [video], right: false, wrong: true, malformed: "no" },
  "shortest-path-sparse-winner": { context: [measuredShortestPaths("dijkstra", "floyd-warshall")], right: "Dijkstra", wrong: "floyd-warshall", malformed: "bfs" },
  "shortest-path-dense-winner": { context: [measuredShortestPaths("dijkstra", "floyd-warshall")], right: "floyd-warshall", wrong: "dijkstra", malformed: ["dijkstra"] },
  "latency-hiding-switch": { context: [], right: false, wrong: true, malformed: 0 },
  "mp-or-mt-memory": { context: [{ mpPssMB: 300, mtPssMB: 200, contexts: 8 }], right: "mp", wrong: "MT", malformed: "processes" },
  "readiness-scan-grows": { context: [], right: ["poll", "select"], wrong: ["select", "poll", "epoll"], malformed: "select" },
  "helper-instead-of-waiting": { context: [], right: true, wrong: false, malformed: "yes" },
  "models-and-memory": { context: [], right: "event-driven", wrong: "pipeline", malformed: "threads" },
  "helpers-one-arm": { context: [{ oneHelperRps: 400, fourHelpersRps: 420 }], right: false, wrong: true, malformed: 1 },
  "largest-cache-saving": { context: [{ savedUs: { path: 30, header: 5, data: 12 } }], right: "path", wrong: "data", malformed: "pathname" },
  "apache-processes-needed": { context: [{ clients: 12, threadsPerProcess: 4, minSpareThreads: 2, maxProcesses: 4 }], right: 4, wrong: 3, malformed: "4" },
  "mp-own-cache": { context: [], right: "a", wrong: "b", malformed: "processes" },
  "cs-trace-stand-in": { context: [], right: "surge", wrong: "specweb96", malformed: "cs" },
  "cached-winner": { context: [cachedRows], right: "amped", wrong: "mt", malformed: "flash" },
  "disk-bound-winner": { context: [diskBoundRows], right: "amped", wrong: "sped", malformed: 1 },
  "optimizations-biggest-gain": { context: [optimizationRuns], right: "path", wrong: "header", malformed: "pathname" },
  "flash-overtakes-sped-why": { context: [], right: ["io-bound", "no-blocking"], wrong: ["no-blocking", "caches-more"], malformed: "no-blocking" },
  "crossover-side": { context: [crossover], right: "above", wrong: "below", malformed: 24 },
  "client-metric": { context: [], right: "response-time", wrong: "throughput", malformed: "latency" },
  "ci-four-times-runs": { context: [], right: 2, wrong: 4, malformed: "2" },
  "toy-shop-experiment-set": { context: [], right: 4, wrong: 1, malformed: "set 4" },
  "flash-model": { context: [], right: "AMPED", wrong: "sped", malformed: "event-driven" },
};

// Loosely typed access for the loop over every id (each case is checked against its id's types above).
function check(id: QuizId, answer: unknown) {
  const context = cases[id].context as [];
  return checkQuiz(id as "toy-shop-ten-orders", answer as QuizAnswer, ...context);
}

describe("the quiz registry", () => {
  afterEach(() => vi.restoreAllMocks());

  it("has a case here for every quiz, and ids unique across the groups", () => {
    expect(Object.keys(cases).sort()).toEqual(quizIds().sort());
    const grouped = quizGroups.flatMap((group) => Object.keys(group));
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(grouped.length).toBe(quizIds().length);
  });

  for (const id of Object.keys(cases) as QuizId[]) {
    describe(id, () => {
      const quiz = quizzes[id];
      const context = (cases[id].context as unknown[])[0];
      const explanation = (quiz.explanation as (context: unknown) => string)(context);

      it("has a question, a lecture section, a valid key and an explanation", () => {
        expect(quiz.question).toMatch(/\?/);
        expect(quiz.section).toMatch(/^§\d+/);
        expect(() => checkAnswerKey((quiz.key as (context: unknown) => Parameters<typeof checkAnswerKey>[0])(context))).not.toThrow();
        expect(explanation.length).toBeGreaterThan(40);
      });

      it("marks the right answer right and explains it", () => {
        const feedback = check(id, cases[id].right);
        expect(feedback).toMatchObject({ id, status: "right", correct: true });
        expect(feedback.message).toContain("is right");
        expect(feedback.message).toContain(explanation);
      });

      it("marks a wrong answer wrong, gives the answer and explains it", () => {
        const feedback = check(id, cases[id].wrong);
        expect(feedback).toMatchObject({ status: "wrong", correct: false });
        expect(feedback.message).toContain("the answer is");
        expect(feedback.message).toContain(explanation);
      });

      it("tells an unanswered or malformed answer what to write, and nothing more", () => {
        for (const [answer, status] of [[null, "unanswered"], [undefined, "unanswered"], [cases[id].malformed, "malformed"]] as const) {
          const feedback = check(id, answer);
          expect(feedback).toMatchObject({ status, correct: false });
          expect(feedback.message).toContain("write ");
          expect(feedback.message).not.toContain("the answer is");
          expect(feedback.message).not.toContain(explanation);
        }
      });
    });
  }

  it("accepts every tie: the mean completion times are equal at 24 and 25 orders", () => {
    for (const orders of [24, 25, 26]) expect(checkQuiz("toy-shop-mean-crossover", orders).status).toBe("right");
    for (const orders of [23, 27]) expect(checkQuiz("toy-shop-mean-crossover", orders).status).toBe("wrong");
    expect(checkQuiz("toy-shop-mean-crossover", 23).message).toContain("the answer is 24, 25 or 26 orders");
    expect(checkQuiz("toy-shop-mean-crossover", 25).message).toMatch(/equal at 24 orders \(both 350 ms\) and 25 orders \(both 360 ms\)/);
  });

  it("follows the measurement it is given, not a stored answer", () => {
    const flipped = measuredShortestPaths("floyd-warshall", "dijkstra");
    expect(checkQuiz("shortest-path-sparse-winner", "floyd-warshall", flipped).status).toBe("right");
    expect(checkQuiz("shortest-path-dense-winner", "dijkstra", flipped).status).toBe("right");
    expect(video.alone.perceived).toBe(1);
    expect(checkQuiz("video-every-second", true, { alone: video.alone, shared: video.alone }).status).toBe("right");
  });

  it("counts architectures within 10% of the best as winning too, and follows the run's numbers", () => {
    expect(checkQuiz("cached-winner", "sped", cachedRows).status).toBe("right");
    expect(checkQuiz("cached-winner", "amped", cachedRows).message).toContain("SPED 5,000 > AMPED (Flash) 4,700 > MT 2,000 requests per CPU-second");
    expect(checkQuiz("disk-bound-winner", "mp", { summaryRows: [{ arch: "mp", disk: "sim", throughputRpsMean: 2000 }, ...diskBoundRows.summaryRows] }).status).toBe("right");
    expect(checkQuiz("crossover-side", "none", { ...crossover, crossover: null, side: null }).status).toBe("right");
    expect(checkQuiz("optimizations-biggest-gain", "path", optimizationRuns).message).toContain("in connections per CPU-second (each cache switched on after the ones before): path ×1.80, data ×1.11, header ×1.05");
    // A run whose server CPU could not be measured: the connection rate decides instead.
    const withoutCpu = { records: optimizationRuns.records.map((record) => ({ ...record, metrics: { connectionRate: [900, 1000, 2000, 2100][Number(record.point.slice(1)) - 1]!, requestsPerCpuSecond: null } })) };
    expect(checkQuiz("optimizations-biggest-gain", "data", withoutCpu).message).toContain("in connection rate (each cache switched on after the ones before): path ×1.11, data ×2.00, header ×1.05");
  });

  it("refuses an unknown id, naming the known ones", () => {
    expect(() => checkQuiz("no-such-quiz" as QuizId as "toy-shop-ten-orders", "x")).toThrow(/no quiz with id "no-such-quiz"; the quizzes are: toy-shop-ten-orders, /);
  });

  it("prints the feedback in a notebook cell, and returns nothing", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(showQuiz("latency-hiding-switch", false)).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining("✔ false is right."));
  });
});
