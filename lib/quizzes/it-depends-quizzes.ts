/**
 * The "it depends" quizzes (lecture §8, notebook 04): which shortest-path algorithm wins on this
 * machine, measured by the notebook and passed in, and the latency-hiding rule.
 */
import { shortestPathAlgorithmNames } from "../experiments/shortest-path-crossover.js";
import type { ShortestPathAlgorithm, ShortestPathCrossoverResult } from "../experiments/shortest-path-crossover.js";
import { switchingPays } from "../sim/index.js";
import { defineQuiz } from "./quiz.js";
import type { AnswerKey } from "./answer-key.js";

const algorithms: readonly ShortestPathAlgorithm[] = ["dijkstra", "floyd-warshall"];

function winnerAt(measured: ShortestPathCrossoverResult, end: "sparsest" | "densest") {
  const winner = end === "sparsest" ? measured.winners[0] : measured.winners[measured.winners.length - 1];
  if (!winner) throw new Error("shortest-path quiz: the measurement holds no density");
  return winner;
}

function winnerKey(measured: ShortestPathCrossoverResult, end: "sparsest" | "densest"): AnswerKey {
  return { kind: "choice", choices: algorithms, right: [winnerAt(measured, end).winner] };
}

export const itDependsQuizzes = {
  "shortest-path-sparse-winner": defineQuiz<ShortestPathCrossoverResult>({
    section: "§8",
    question: "Which algorithm wins on the sparsest graph measured here?",
    key: (measured) => winnerKey(measured, "sparsest"),
    explanation: (measured) => {
      const { density, winner, speedup } = winnerAt(measured, "sparsest");
      return (
        `Measured here at density ${density}: ${shortestPathAlgorithmNames[winner]}, ${speedup.toFixed(1)}× faster. ` +
        "With few edges, Dijkstra touches little more than the edges that exist, while Floyd–Warshall does its V³ steps regardless."
      );
    },
  }),

  "shortest-path-dense-winner": defineQuiz<ShortestPathCrossoverResult>({
    section: "§8",
    question: "Which algorithm wins on the densest graph measured here?",
    key: (measured) => winnerKey(measured, "densest"),
    explanation: (measured) => {
      const { density, winner, speedup } = winnerAt(measured, "densest");
      return (
        `Measured here at density ${density}: ${shortestPathAlgorithmNames[winner]}, ${speedup.toFixed(1)}× faster. ` +
        "With every edge present, Dijkstra does V³ log V work plus heap overhead; Floyd–Warshall's simple loop over an array wins."
      );
    },
  }),

  "latency-hiding-switch": defineQuiz({
    section: "§8",
    question: "A context switch costs 0.5 ms and a disk read keeps a thread waiting 0.8 ms. Does switching to another thread pay off?",
    key: () => ({ kind: "boolean", right: switchingPays(0.8, 0.5) }),
    explanation: () =>
      "0.8 ms < 2 × 0.5 ms: leaving and coming back costs more CPU time than the wait it hides. The same reasoning is behind " +
      "adaptive mutexes, which spin through a short critical section instead of blocking.",
  }),
};
