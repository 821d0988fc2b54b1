import { describe, expect, it } from "vitest";
import {
  allPairsByDijkstra,
  allPairsByFloydWarshall,
  dijkstra,
  edgeCount,
  randomGraph,
} from "../../lib/experiments/shortest-paths.js";
import { measureShortestPathCrossover } from "../../lib/experiments/shortest-path-crossover.js";
import { createRng } from "../../lib/sim/index.js";

describe("shortest paths", () => {
  it("computes hand-checked distances on a small graph", () => {
    // 0 →(4) 1, 0 →(1) 2, 2 →(2) 1, 1 →(5) 3; vertex 4 is unreachable.
    const graph = {
      vertexCount: 5,
      offsets: Int32Array.from([0, 2, 3, 4, 4, 4]),
      targets: Int32Array.from([1, 2, 3, 1]),
      weights: Float64Array.from([4, 1, 5, 2]),
    };
    expect(Array.from(dijkstra(graph, 0))).toEqual([0, 3, 1, 8, Infinity]);
    const floyd = allPairsByFloydWarshall(graph);
    expect(Array.from(floyd.subarray(0, 5))).toEqual([0, 3, 1, 8, Infinity]);
  });

  it("gives the same all-pairs distances with both algorithms on random graphs", () => {
    for (const density of [0.05, 0.3, 1]) {
      const graph = randomGraph({ vertexCount: 40, density, random: createRng(7).next });
      const byDijkstra = allPairsByDijkstra(graph);
      const byFloyd = allPairsByFloydWarshall(graph);
      for (let cell = 0; cell < byFloyd.length; cell++) {
        if (byFloyd[cell] === Infinity) expect(byDijkstra[cell]).toBe(Infinity);
        else expect(byDijkstra[cell]).toBeCloseTo(byFloyd[cell]!, 9);
      }
    }
  });

  it("builds deterministic graphs whose edge count follows the density", () => {
    const a = randomGraph({ vertexCount: 100, density: 0.2, random: createRng(1).next });
    const b = randomGraph({ vertexCount: 100, density: 0.2, random: createRng(1).next });
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
    // 9,900 possible edges at p = 0.2: 1,980 expected, standard deviation about 40.
    expect(edgeCount(a)).toBeGreaterThan(1780);
    expect(edgeCount(a)).toBeLessThan(2180);
  });

  it("rejects bad graph parameters with a clear message", () => {
    expect(() => randomGraph({ vertexCount: 0, density: 0.5, random: Math.random })).toThrow(/vertexCount/);
    expect(() => randomGraph({ vertexCount: 5, density: 0, random: Math.random })).toThrow(/density must be in \(0, 1\]/);
    expect(() => measureShortestPathCrossover({ vertexCount: 5, densities: [0.5], repetitions: 1, seed: 1 })).toThrow(/repetitions/);
  });

  it("finds Dijkstra faster on sparse graphs and Floyd–Warshall faster on complete ones", () => {
    // V = 150: at p = 0.01 Dijkstra does ~V·E·log V ≈ 0.3 M steps against Floyd–Warshall's 3.4 M;
    // at p = 1 Dijkstra's heap work (~V³·log V) dwarfs Floyd–Warshall's tight V³ loop.
    const result = measureShortestPathCrossover({ vertexCount: 150, densities: [0.01, 1], repetitions: 5, seed: 3 });
    expect(result.winners.map((entry) => entry.winner)).toEqual(["dijkstra", "floyd-warshall"]);
    expect(result.crossoverDensity).toBe(1);
    expect(result.timings).toHaveLength(4);
    for (const timing of result.timings) expect(timing.samplesMs).toHaveLength(5);
  });
});

describe("shortest-path crossover display", () => {
  it("turns a result into winner rows and a figure with error bars and the crossover", async () => {
    const { shortestPathWinnerRows } = await import("../../lib/experiments/shortest-path-crossover.js");
    const { shortestPathCrossoverFigure } = await import("../../lib/viz/shortest-path-figure.js");
    const result = measureShortestPathCrossover({ vertexCount: 60, densities: [1, 0.02], repetitions: 3, seed: 5 });
    const rows = shortestPathWinnerRows(result);
    expect(rows.map((row) => row.density)).toEqual([0.02, 1]);
    for (const row of rows) expect(row.timesFaster).toBeGreaterThanOrEqual(1);
    const figure = shortestPathCrossoverFigure(result);
    const medianTraces = figure.data.slice(0, 2);
    for (const trace of medianTraces) {
      expect(trace.x).toEqual([0.02, 1]);
      const errors = trace.error_y as { array: number[]; arrayminus: number[] };
      expect(errors.array.every((value) => value >= 0)).toBe(true);
      expect(errors.arrayminus.every((value) => value >= 0)).toBe(true);
    }
    expect(figure.data).toHaveLength(result.crossoverDensity === null ? 2 : 3);
  });
});
