/**
 * experiments: public exports of this area (see DESIGN.md).
 */
export {
  captureEnvironment,
  parseCpuList,
  parseTasksetAffinity,
  realEnvironmentProbes,
  type CpuAffinity,
  type EnvironmentProbes,
  type EnvironmentRecord,
} from "./environment.js";
export {
  allPairsByDijkstra,
  allPairsByFloydWarshall,
  dijkstra,
  edgeCount,
  randomGraph,
  type CsrGraph,
  type RandomGraphOptions,
} from "./shortest-paths.js";
export {
  measureShortestPathCrossover,
  type ShortestPathAlgorithm,
  type ShortestPathCrossoverOptions,
  type ShortestPathCrossoverResult,
  type ShortestPathTiming,
} from "./shortest-path-crossover.js";
