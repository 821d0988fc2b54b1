// Every quiz in the registry: it has a question, a valid key and an explanation; an unanswered or
// malformed answer is told what to write and not the answer; a right one is praised and explained;
// a wrong one gets the answer. The cases table is typed by quiz id, so a new quiz needs a case here.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ShortestPathCrossoverResult } from "../../lib/experiments/shortest-path-crossover.js";
import { simulateRequests } from "../../lib/experiments/simulated-requests.js";
import { simulateVideoClient } from "../../lib/experiments/video-client.js";
import { responseTimesMs } from "../../lib/metrics/index.js";
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

  it("refuses an unknown id, naming the known ones", () => {
    expect(() => checkQuiz("no-such-quiz" as QuizId as "toy-shop-ten-orders", "x")).toThrow(/no quiz with id "no-such-quiz"; the quizzes are: toy-shop-ten-orders, /);
  });

  it("prints the feedback in a notebook cell, and returns nothing", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(showQuiz("latency-hiding-switch", false)).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining("✔ false is right."));
  });
});
