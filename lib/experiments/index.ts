/**
 * experiments: what the notebooks run to answer the lecture's questions: the experiment runner (specs,
 * randomized sweeps of real servers under load, run folders, summaries with confidence intervals; in
 * runner/, with the server-load executor in server-load/, the sim-server executor of lib/sim's architecture
 * models in sim-server/ and the built-in specs in specs/), the models' calibration (calibration/) and
 * validation against the real servers (model-validation.ts), a record of
 * the machine a run came from (environment capture), timed demonstrations (sort timing, shortest paths),
 * sweeps over the simulator's models (toy shop, latency hiding, offered load), and simulated request
 * records and a simulated video client for studying the metrics.
 */
export * from "./runner/index.js";
export { builtinSpec, builtinSpecs } from "./specs/index.js";
export { serverLoadExecutor } from "./server-load/executor.js";
export { simServerExecutor, simServerMetrics, simulationMetrics, simulationOptionsOf } from "./sim-server/executor.js";
export { simServerSettings, type SimServerSettings } from "./sim-server/settings.js";
export { serverWorkloadFromFolder } from "./sim-server/workload-folder.js";
export {
  calibrateHardwareProfile,
  calibrationCases,
  type CalibrationCase,
  type CalibrationCheck,
  type CalibrationMeasurement,
  type CalibrationOptions,
  type CalibrationResult,
} from "./calibration/calibrate.js";
export {
  validateModels,
  validationScenarioNames,
  validationSpec,
  validationTolerance,
  type OrderingProblem,
  type ValidationOptions,
  type ValidationResult,
  type ValidationRow,
  type ValidationScenarioName,
} from "./model-validation.js";
export { serverLoadMetrics, type ServerLoadMetric } from "./server-load/metrics.js";
export { cachePresets, serverLoadWorkloads, type CachePreset, type ServerLoadSettings, type ServerLoadWorkload } from "./server-load/settings.js";
export {
  captureEnvironment,
  parseTasksetAffinity,
  realEnvironmentProbes,
  type CpuAffinity,
  type EnvironmentProbes,
  type EnvironmentRecord,
} from "./environment.js";
export { parseCpuList } from "../runtime/cpu-list.js";
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
  shortestPathAlgorithmNames,
  shortestPathWinnerRows,
  type ShortestPathWinnerRow,
  type ShortestPathAlgorithm,
  type ShortestPathCrossoverOptions,
  type ShortestPathCrossoverResult,
  type ShortestPathTiming,
} from "./shortest-path-crossover.js";
export {
  compareToyShopModels,
  toyShopComparedMetrics,
  type ToyShopComparison,
  type ToyShopComparisonOptions,
  type ToyShopComparisonRow,
  type ToyShopMetric,
  type ToyShopVerdict,
  type ToyShopWinner,
  type ToyShopWinnerChange,
  toyShopSummaryRows,
  type ToyShopSummaryRow,
} from "./toy-shop-comparison.js";
export { toyShopMetaphorMetrics, type ToyShopMetaphorMetrics } from "./toy-shop-metaphor.js";
export {
  defaultSimulatedRequestClasses,
  resolveSimulatedRequestOptions,
  simulatedMeanServiceMs,
  simulateRequests,
  type ResolvedSimulatedRequestOptions,
  type SimulatedRequestClass,
  type SimulatedRequestOptions,
  type SimulatedRequestRun,
} from "./simulated-requests.js";
export {
  sweepableServerOptions,
  sweepServerModels,
  type ServerModelSweep,
  type ServerModelSweepOptions,
  type ServerModelSweepRow,
  type SweepableServerOption,
} from "./server-model-sweep.js";
export { sweepOfferedLoad, type OfferedLoadPoint, type OfferedLoadSweep, type OfferedLoadSweepOptions } from "./offered-load-sweep.js";
export {
  sweepLatencyHiding,
  type LatencyHidingSweep,
  type LatencyHidingSweepOptions,
  type LatencyHidingSweepPoint,
} from "./latency-hiding-sweep.js";
export { summarizeEnvironment, type EnvironmentSummaryRow } from "./environment-summary.js";
export { measureSortTimes, type SortRun } from "./sort-timing.js";
export { simulateVideoClient, type VideoClientOptions, type VideoClientRun } from "./video-client.js";
export {
  simulateToyShopStaffing,
  toyKinds,
  toyWorkloads,
  type ToyKind,
  type ToyKindName,
  type ToyShopStaffingOptions,
  type ToyShopStaffingResult,
  type ToyWorkload,
} from "./toy-shop-staffing.js";
