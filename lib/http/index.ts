/**
 * http: the request pipeline that every server architecture shares (DESIGN.md, "The request pipeline").
 *
 * Steps, in order (`pipelineSteps`): accept, read-request, parse, translate-path, compute-header,
 * send-header, read-file, send-data. Each is timed per request while timing is on.
 *
 * Using it from an architecture
 * -----------------------------
 *   import { createPipeline, pipelineSocketOptions, syncRealFileSource, blockingFileSource } from "../http/index.js";
 *   import { createFlashCaches } from "../storage/caches/index.js";
 *
 *   const pipeline = createPipeline({
 *     docroot,                                   // required; throws a clear Error if missing
 *     source: blockingFileSource(disk),          // or syncRealFileSource (default), asyncRealFileSource, or your own
 *     caches: createFlashCaches({ pathCache, headerCache, dataCache, dataCacheBytes }), // per context; omit = all off
 *     gatherWrites: true,                        // head + body in one write (copied up to 16 KB, writev beyond)
 *     timing: true,                              // per-step timing (pipeline.setTiming(on) switches it)
 *     headerTimeoutMs: 10_000, idleTimeoutMs: 5_000, sendTimeoutMs: 30_000, readTimeoutMs: 30_000,
 *     maxConnections: Infinity, maxQueuedConnections: 1024,
 *     yieldToQueued: true,                       // while sockets wait for a slot, keep-alive ones give theirs up
 *     maxRequestsPerConnection: Infinity,        // like nginx's keepalive_requests
 *   });
 *   const server = net.createServer(pipelineSocketOptions, (socket) =>
 *     pipeline.serveConnection(socket, { acceptedAt: performance.now(), onClose }));
 *
 * - `serveConnection(socket, { acceptedAt?, onClose? })` serves every request on the socket, in order
 *   (`acceptedAt` is `performance.now()` in the calling thread; the accept step runs from there),
 *   and never throws; `onClose` fires once when the socket has closed, so a context that serves one
 *   connection at a time (MP, MT) can wait for it. `maxConnections: 1` does the same inside the
 *   pipeline: further sockets wait, paused (not read), in a queue; beyond `maxQueuedConnections`
 *   they get a 503. `pipeline.openConnections` / `queuedConnections` give the counts. With
 *   `yieldToQueued` (default), a keep-alive connection holding a slot while others wait is closed
 *   when idle, or answers its next request with Connection: close, so one busy client cannot starve
 *   the queue of a one-connection-at-a-time context.
 * - The read-file seam is `FileSource.read(file: ResolvedFile): Buffer | Promise<Buffer>`. A Buffer
 *   means the calling thread read the file (SPED, MP, MT: blocking). A Promise means someone else reads
 *   it (AMPED/AMTED helpers): the connection pauses until it settles, other connections go on, and
 *   pipelined responses keep their order. The data cache (when on) is consulted before the source, so
 *   the source sees only misses; an AMPED source can test `disk.isResident(file.path, file.size)` and
 *   read resident files inline, handing only the rest to a helper. A rejection answers 500 (404 for
 *   ENOENT, 403 for EACCES), or cuts the connection when the head has already been sent (gather writes
 *   off); a Promise still pending after `readTimeoutMs` closes the connection.
 * - `pipeline.stats()` is a plain JSON object (`PipelineStats`); `sumPipelineStats([...])` adds up
 *   several contexts'. `pipeline.resetStats()` zeroes it. `pipeline.close(graceMs)` shuts down
 *   gracefully: idle connections close, busy ones finish with Connection: close.
 * - `startPipelineServer({ ...PipelineOptions, host, port })` is the single-listener, single-pipeline
 *   server (SPED with a synchronous source); `RawHttpConnection`, `exchangeRaw`, `rawRequest` and
 *   `parseHttpResponses` are a raw-bytes client for tests.
 *
 * HTTP behaviour: GET and HEAD over HTTP/1.0 and 1.1, keep-alive (1.1 by default, 1.0 on request),
 * pipelining, If-Modified-Since → 304, directory → index.html or 404. Bad input: 400 (malformed),
 * 414 (request line > 8 KB), 431 (headers > 16 KB or > 100 lines), 405 (known methods, with Allow),
 * 501 (unknown methods), 505 (versions other than 1.0/1.1), 408 (head not in within the header
 * timeout), 403/404 for paths that would leave the docroot; errors other than 403/404 close the connection.
 */
export { pipelineSteps, stepHistogramBuckets, stepHistogramBucket } from "./steps.js";
export type { PipelineStep, StepTiming } from "./steps.js";
export { createPipeline, RequestPipeline } from "./pipeline.js";
export type { PipelineOptions, ServeConnectionOptions } from "./pipeline.js";
export { emptyPipelineStats, meanStepTimesMs, sumPipelineStats } from "./pipeline-stats.js";
export type { PipelineStats } from "./pipeline-stats.js";
export { syncRealFileSource, asyncRealFileSource, blockingFileSource } from "./file-source.js";
export type { FileSource, BlockingFileReader } from "./file-source.js";
export type { ResolvedFile } from "./resolved-file.js";
export { pipelineCacheNames } from "./cache-types.js";
export type { CacheCounters, LookupCache, PipelineCaches, PipelineCacheName, CachedFileData, CachedHeaderFields } from "./cache-types.js";
export { defaultRequestLimits } from "./request-framing.js";
export type { RequestLimits } from "./request-framing.js";
export { PathTranslator, percentDecodeOnce, safeRelativePath, directoryIndexFile } from "./path-translation.js";
export { contentTypeFor } from "./content-type.js";
export { reasonPhrase, RequestRejection } from "./status.js";
export { startPipelineServer, pipelineSocketOptions } from "./pipeline-server.js";
export type { PipelineServer, ListenOptions } from "./pipeline-server.js";
export { RawHttpConnection, exchangeRaw, parseHttpResponses, rawRequest } from "./raw-client.js";
export type { RawHttpResponse, RawExchange, RawExchangeResult } from "./raw-client.js";
