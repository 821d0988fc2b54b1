/**
 * metrics: the lecture's performance metrics (P2L5 §5–7) over per-request records and samples, plus
 * confidence intervals over repeated runs. One concept per module; see each module's header for what
 * it is, how it is computed and what it costs.
 */
export { MetricInputError } from "./metric-input-error.js";
export { type RequestRecord, requestFailureKind, requestOriginMs } from "./request-record.js";
export { sortAscending } from "./sort-ascending.js";
export { executionTimeMs, elapsedMs } from "./execution-time.js";
export { throughput } from "./throughput.js";
export { connectionRate } from "./connection-rate.js";
export { bandwidth, type BandwidthUnit } from "./bandwidth.js";
export { percentile, percentiles, percentileOfSorted } from "./percentile.js";
export { latencySummary, latencySummaryFromPrecomputed, type LatencySummary } from "./latency-summary.js";
export { responseTimeMs, responseTimesMs } from "./response-time.js";
export { waitTimeMs, waitTimesMs, waitTimesFromArrivals } from "./wait-time.js";
export { slaViolationPct } from "./sla-violations.js";
export { clientPerceivedPerformance, eventRatesPerInterval, type IntervalWindow } from "./client-perceived-performance.js";
export { cpuUtilization, type CpuTimeSample } from "./cpu-utilization.js";
export { cpuUtilizationFromProcessUsage, type ProcessCpuUsageReading } from "./process-cpu-usage.js";
export { parseProcStatCpu, cpuUtilizationBetween, readProcStatCpu, type ProcStatCpuReading } from "./proc-stat.js";
export {
  parseContextSwitches,
  contextSwitchesBetween,
  readContextSwitches,
  type ContextSwitchCounts,
} from "./context-switches.js";
export { platformEfficiency } from "./platform-efficiency.js";
export { platformCost, performancePerUnitCost, type LinearCostModel } from "./performance-per-cost.js";
export { powerDraw, performancePerWatt, type LinearPowerModel } from "./performance-per-watt.js";
export { aggregateAverage } from "./aggregate-average.js";
export { weightedAverage } from "./weighted-average.js";
export { averageResourceUsage, type ResourceSample, type ResourceUsageAverage } from "./resource-usage.js";
export { studentTCdf, studentTQuantile } from "./student-t.js";
export type { ConfidenceInterval } from "./confidence-interval.js";
export { meanConfidenceInterval, type MeanConfidenceInterval } from "./mean-confidence-interval.js";
export { medianConfidenceInterval, type MedianConfidenceInterval } from "./median-confidence-interval.js";
export {
  summarizeRequests,
  requestSummaryFromTotals,
  type RequestSummary,
  type RequestTotals,
  type SummarizeRequestsOptions,
} from "./request-summary.js";
