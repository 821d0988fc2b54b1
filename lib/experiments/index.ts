/**
 * experiments: what the notebooks run to answer the lecture's questions: the experiment runner (specs,
 * randomized sweeps of real servers under load, run folders, summaries with confidence intervals; in
 * runner/, with the server-load executor in server-load/, the sim-server executor of lib/sim's architecture
 * models in sim-server/ and the built-in specs in specs/), results read as the lecture reads them
 * (reference runs, the §21–22 claims and summary table; in results/), the models' calibration
 * (calibration/) and validation against the real servers (model-validation.ts), a record of
 * the machine a run came from (environment capture), timed demonstrations (sort timing, shortest paths),
 * sweeps over the simulator's models (toy shop, latency hiding, offered load), and simulated request
 * records and a simulated video client for studying the metrics.
 */
export * from "./runner/index.js";
export * from "./results/index.js";
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
export { makeDemoWorkload, prepareDemoWorkload, type DemoFileGroup, type DemoWorkloadOptions } from "./demo-workloads.js";
export type { PreparedWorkload } from "./server-load/workloads.js";
export {
  contextActivity,
  demoPlacement,
  rampLayers,
  runServerRamp,
  runServerUnderLoad,
  stepCounts,
  stepMeansMs,
  type ContextActivity,
  type LoadPhase,
  type PhaseResult,
  type RampLayer,
  type RampStep,
  type RampStepResult,
  type ServerRampOptions,
  type ServerRampResult,
  type ServerUnderLoadOptions,
  type ServerUnderLoadResult,
} from "./server-under-load.js";
export {
  measureReadinessScan,
  readinessMechanisms,
  ReadinessScanError,
  type ReadinessMechanism,
  type ReadinessScanOptions,
  type ReadinessScanPoint,
  type ReadinessScanResult,
} from "./readiness-scan.js";
export { measureContextSwitchCost, type ContextSwitchCost } from "./context-switch-cost.js";
export { measureMissStall, type MissStallMiss, type MissStallOptions, type MissStallProbe, type MissStallRun } from "./miss-stall.js";
export {
  contextRows,
  poolStepRows,
  poolTimeline,
  serverSummaryRow,
  stepRows,
  type ContextRow,
  type PoolStepRow,
  type PoolTimeline,
  type ServerSummaryRow,
  type StepRow,
} from "./server-summaries.js";
export { measureResidencyPasses, type ResidencyPass, type ResidencyPassesOptions } from "./residency-passes.js";
export { timedRequest, type TimedRequestOptions, type TimedResponse } from "./timed-request.js";
export { measureIdleConnections, type IdleConnectionsOptions, type IdleConnectionsPoint } from "./idle-connections.js";
export {
  loopRuns,
  type LoopRun,
  traceRequestTimeline,
  type RequestTimeline,
  type RequestTimelineOptions,
  type TimelineClientRequest,
  type TimelineRequest,
  type TimelineStep,
} from "./request-timeline.js";
export { comparisonPoints, lectureWorkloads, traceFlawRows, workloadSummaryRows, type ComparisonPoint, type SpecWorkload } from "./methodology.js";
export {
  configurationSpace,
  intervalsByRuns,
  simulateRunOrderBias,
  type ConfigurationSpaceRow,
  type RunOrderBias,
  type RunOrderBiasOptions,
} from "./experiment-design.js";
export { measureLectureMetrics, type LectureMetricsOptions, type LectureMetricsRow } from "./lecture-metrics.js";
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
export {
  runToyShopCandidateSets,
  runToyShopConfiguration,
  toyShopCandidateSets,
  toyShopStaffingCurve,
  type ToyShopConfiguration,
  type ToyShopConfigurationResult,
  type ToyShopDays,
} from "./toy-shop-experiment-sets.js";
