/**
 * loadgen: flashlab's HTTP load generator — closed and open loop, HTTP/1.0 (a connection per request)
 * or keep-alive with optional pipelining, on worker threads over raw sockets, with per-request records,
 * HDR latency histograms and errors counted by kind; and a raw-bytes client for tests (`RawHttpConnection`).
 *
 * Memory: while a run goes, each measured request costs 96 bytes (a row of numbers); the summary then
 * builds the metrics' RequestRecord objects (a few hundred bytes each) for `summarizeRequests`. Past
 * `maxRecordsInMemory` (default 2,000,000) records stop being kept, and the summary comes from the HDR
 * histograms and running totals instead; `--records FILE.csv` still gets every row, streamed.
 */
export { runLoad, type LoadResult } from "./run-load.js";
export {
  resolveLoadOptions,
  LoadOptionsError,
  type LoadOptions,
  type ResolvedLoadOptions,
  type LoadProgress,
  type LoadWorkloadRequest,
} from "./load-options.js";
export { type LoadSummary } from "./load-summary.js";
export { loadErrorKinds, emptyErrorCounts, type LoadErrorKind, type LoadErrorCounts } from "./error-kinds.js";
export { resolveLoadTarget, probeLoadTarget, type LoadTarget } from "./target.js";
export { ResponseParser, type ResponseParserState } from "./response-parser.js";
export { buildRequestBytes, type LoadHttpVersion } from "./request-bytes.js";
export { thinkDistributions, arrivalProcesses, type ThinkDistribution, type ArrivalProcess } from "./timing.js";
export { recordsCsvHeader } from "./records-csv.js";
export { parseRecordsCsv, readRecordsCsv, RecordsCsvError } from "./records-csv-reader.js";
export { latencySummaryFromHistogram, type LatencyHistogram } from "./latency-histograms.js";
export { RawHttpConnection, exchangeRaw, parseHttpResponses, rawRequest } from "./raw-client.js";
export type { RawHttpResponse, RawExchange, RawExchangeResult } from "./raw-client.js";
