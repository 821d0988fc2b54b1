/**
 * The timed "it depends" experiment of lecture §8: repeated Dijkstra versus Floyd–Warshall across
 * graph densities, on this machine, now. Each density gets its own seeded graph; both algorithms
 * run on it alternately, `repetitions` times, and each reports a median with a distribution-free
 * confidence interval. The crossover is the density where the faster algorithm changes.
 */
import { performance } from "node:perf_hooks";
import { medianConfidenceInterval } from "../metrics/index.js";
import type { MedianConfidenceInterval } from "../metrics/index.js";
import { createRng } from "../sim/index.js";
import { allPairsByDijkstra, allPairsByFloydWarshall, edgeCount, randomGraph } from "./shortest-paths.js";

export type ShortestPathAlgorithm = "dijkstra" | "floyd-warshall";

export interface ShortestPathCrossoverOptions {
  vertexCount: number;
  /** Edge probabilities to try, each in (0, 1]. */
  densities: readonly number[];
  /** Timed runs per algorithm and density (≥ 2 for a confidence interval). */
  repetitions: number;
  seed: number;
}

export interface ShortestPathTiming {
  density: number;
  edges: number;
  algorithm: ShortestPathAlgorithm;
  /** Every timed run, in milliseconds. */
  samplesMs: number[];
  median: MedianConfidenceInterval;
}

export interface ShortestPathCrossoverResult {
  options: ShortestPathCrossoverOptions;
  timings: ShortestPathTiming[];
  /** Per density, the algorithm with the lower median. */
  winners: Array<{ density: number; winner: ShortestPathAlgorithm; speedup: number }>;
  /** The first density at which the winner differs from the winner at the lowest density, if any. */
  crossoverDensity: number | null;
}

const runners: Record<ShortestPathAlgorithm, typeof allPairsByDijkstra> = {
  dijkstra: allPairsByDijkstra,
  "floyd-warshall": allPairsByFloydWarshall,
};

function timeOnce(algorithm: ShortestPathAlgorithm, graph: Parameters<typeof allPairsByDijkstra>[0]): number {
  const started = performance.now();
  runners[algorithm](graph);
  return performance.now() - started;
}

/** Runs the experiment. Cost: repetitions × (V·E·log V + V³) per density. */
export function measureShortestPathCrossover(options: ShortestPathCrossoverOptions): ShortestPathCrossoverResult {
  if (options.densities.length === 0) throw new RangeError("densities must list at least one edge probability");
  if (!Number.isInteger(options.repetitions) || options.repetitions < 2) {
    throw new RangeError(`repetitions must be a whole number ≥ 2; got ${options.repetitions}`);
  }
  const densities = [...options.densities].sort((a, b) => a - b);
  const timings: ShortestPathTiming[] = [];
  const winners: ShortestPathCrossoverResult["winners"] = [];
  for (const [index, density] of densities.entries()) {
    const rng = createRng(options.seed + index);
    const graph = randomGraph({ vertexCount: options.vertexCount, density, random: rng.next });
    const samples: Record<ShortestPathAlgorithm, number[]> = { dijkstra: [], "floyd-warshall": [] };
    timeOnce("dijkstra", graph); // warm-up: let the JIT compile both before timing
    timeOnce("floyd-warshall", graph);
    for (let run = 0; run < options.repetitions; run++) {
      // Alternate the order so that neither algorithm always runs right after the other.
      const order: ShortestPathAlgorithm[] = run % 2 === 0 ? ["dijkstra", "floyd-warshall"] : ["floyd-warshall", "dijkstra"];
      for (const algorithm of order) samples[algorithm].push(timeOnce(algorithm, graph));
    }
    const medians = {} as Record<ShortestPathAlgorithm, number>;
    for (const algorithm of Object.keys(samples) as ShortestPathAlgorithm[]) {
      const median = medianConfidenceInterval(samples[algorithm]);
      medians[algorithm] = median.median;
      timings.push({ density, edges: edgeCount(graph), algorithm, samplesMs: samples[algorithm], median });
    }
    const winner: ShortestPathAlgorithm = medians.dijkstra <= medians["floyd-warshall"] ? "dijkstra" : "floyd-warshall";
    const loser: ShortestPathAlgorithm = winner === "dijkstra" ? "floyd-warshall" : "dijkstra";
    winners.push({ density, winner, speedup: medians[loser] / medians[winner] });
  }
  const first = winners[0]!.winner;
  const crossover = winners.find((entry) => entry.winner !== first);
  return { options, timings, winners, crossoverDensity: crossover ? crossover.density : null };
}

/** Display names of the two algorithms. */
export const shortestPathAlgorithmNames: Record<ShortestPathAlgorithm, string> = {
  dijkstra: "repeated Dijkstra (heap)",
  "floyd-warshall": "Floyd–Warshall",
};

export interface ShortestPathWinnerRow {
  density: number;
  edges: number;
  faster: string;
  timesFaster: number;
}

/** One row per density: the edge count, the faster algorithm and by how much (ratio of medians). */
export function shortestPathWinnerRows(result: ShortestPathCrossoverResult): ShortestPathWinnerRow[] {
  return result.winners.map((entry) => ({
    density: entry.density,
    edges: result.timings.find((timing) => timing.density === entry.density)!.edges,
    faster: shortestPathAlgorithmNames[entry.winner],
    timesFaster: Number(entry.speedup.toFixed(2)),
  }));
}
