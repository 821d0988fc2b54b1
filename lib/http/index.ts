/**
 * http: the request pipeline that every server architecture shares (DESIGN.md, "The request pipeline").
 * It builds on lib/storage (range reads, file versions, the LRU) and never the other way round.
 *
 * Steps, in order (`pipelineSteps`): accept, read-request, parse, translate-path, compute-header,
 * send-header, read-file, send-data. Each is timed per request while timing is on.
 *
 * Using it from an architecture
 * -----------------------------
 *   import { createPipeline, createFlashCaches, pipelineSocketOptions, blockingFileSource } from "../http/index.js";
 *
 *   const pipeline = createPipeline({
 *     docroot,                                   // required; throws a clear Error if missing
 *     source: blockingFileSource(disk),          // or syncRealFileSource (default), asyncRealFileSource, or your own
 *     caches: createFlashCaches({ pathCache, headerCache, dataCache, dataCacheBytes }), // per context; omit = all off
 *     gatherWrites: true,                        // head + first chunk in one write (copied up to 16 KB, writev beyond)
 *     timing: true,                              // per-step timing (pipeline.setTiming(on) switches it)
 *     trace: 0,                                  // keep the last N step events per request (needs timing); 0 = off
 *     headerTimeoutMs: 10_000, idleTimeoutMs: 5_000, sendTimeoutMs: 30_000, readTimeoutMs: 30_000,
 *     pathCacheValidMs: 1_000,                   // a cached translation is looked up again after this
 *     maxConnections: Infinity, maxQueuedConnections: 1024,
 *     yieldToQueued: true, idleYieldMs: 100,     // while sockets wait for a slot, keep-alive ones give theirs up
 *     maxRequestsPerConnection: Infinity,        // like nginx's keepalive_requests
 *   });
 *   const server = net.createServer(pipelineSocketOptions, (socket) =>
 *     pipeline.serveConnection(socket, { acceptedAt: performance.now(), onClose }));
 *
 * - `serveConnection(socket, { acceptedAt?, onClose? })` serves every request on the socket, in order
 *   (`acceptedAt` is `performance.now()` in the calling thread; the accept step runs from there),
 *   and never throws; `onClose` fires once when the socket has closed, so a context that serves one
 *   connection at a time (MP, MT) can wait for it. `maxConnections: 1` does the same inside the
 *   pipeline: further sockets wait in a queue, unparsed but watched (what they send is kept for later;
 *   one whose client leaves having sent nothing is dropped at once); beyond `maxQueuedConnections`
 *   they get a 503. `pipeline.openConnections` / `queuedConnections` give the counts.
 * - Keep-alive yielding (`yieldToQueued`, default on): while connections wait for a slot, in the queue or
 *   elsewhere (`pipeline.setWaitingElsewhere(count)`, e.g. MP's master queue), a keep-alive connection
 *   gives its slot up at a response boundary (that response says Connection: close), and one idle
 *   between requests for at least `idleYieldMs` is closed gracefully (FIN, then reading and discarding,
 *   never a reset and never mid-request), so a client may retry its next request, as HTTP/1.1 allows.
 * - Responses are streamed in chunks of `fileChunkBytes` (256 KB) with backpressure: the next chunk is
 *   read once the socket has taken the last, so a connection holds about two chunks whatever the file
 *   size. The send timeout counts from the last byte the client took, never from the start: a slow
 *   client that keeps reading gets the whole response. A closing connection lingers (reading and
 *   discarding) only after everything was flushed.
 * - The read-file seam is `FileSource.read(file: ResolvedFile, offset, length): Buffer | Promise<Buffer>`,
 *   one chunk at a time. A Buffer means the calling thread read it (SPED, MP, MT: blocking). A Promise
 *   means someone else reads it (AMPED/AMTED helpers): the connection pauses until it settles, other
 *   connections go on, and pipelined responses keep their order. The data cache (when on) holds chunks
 *   and is consulted before the source, so the source sees only misses; an AMPED source can test
 *   `disk.isResident(file.path, offset, length)` and read resident chunks inline, handing only the rest
 *   to a helper. A source reads the version of the file the translation found (`file` as `expected`):
 *   a file replaced or changed since (ESTALE) is translated again, so nothing a fresh translation would
 *   refuse (a name swapped for a symlink out of the docroot) is ever served. Other failures answer 404
 *   (ENOENT), 403 (EACCES) or 500, or cut the connection once part of the response went out; a Promise
 *   still pending after `readTimeoutMs` closes the connection.
 * - Flash's caches (`createFlashCaches`): pathname translation (keyed by the decoded, normalized path,
 *   revalidated after `pathCacheValidMs`), response header, and data (256 KB chunks, LRU in bytes).
 * - `pipeline.stats()` is a plain JSON object (`PipelineStats`); `sumPipelineStats([...])` adds up
 *   several contexts'. `pipeline.resetStats()` zeroes it (and the trace).
 * - The step trace (`trace: N`, off by default): a ring buffer of the last N step events, each
 *   { connection, request, step, startMs, endMs } on the machine's monotonic clock (lib/runtime's
 *   monotonicClockMs, shared by every process and thread), so that several contexts' events share one axis; `pipeline.traceEvents()` returns them. The body's
 *   read-file and send-data appear once per chunk; a deferred read's read-file spans the wait. While
 *   tracing, `FileSource.read` is told which request a read is for (`ReadOrigin`).
 * - Shutdown: `pipeline.drain()` ends keep-alive (idle connections close, every response says
 *   Connection: close) but still serves what arrives, queued and new; `pipeline.close(graceMs)` also
 *   refuses new connections (503) and, after `graceMs`, destroys what is left. Every request received
 *   before is answered, queued ones included, and a fresh connection may still send its first request.
 * - `startPipelineServer({ ...PipelineOptions, host, port })` is the single-listener, single-pipeline
 *   server (SPED with a synchronous source). A raw-bytes client for tests is in lib/loadgen (`RawHttpConnection`).
 *
 * HTTP behaviour: GET and HEAD over HTTP/1.0 and 1.1, keep-alive (1.1 by default, 1.0 on request),
 * pipelining, If-Modified-Since → 304, directory → index.html or 404. Bad input: 400 (malformed),
 * 414 (request line > 8 KB), 431 (headers > 16 KB or > 100 lines), 405 (known methods, with Allow),
 * 501 (unknown methods), 505 (versions other than 1.0/1.1), 408 (head not in within the header
 * timeout), 403/404 for paths that would leave the docroot; errors other than 403/404 close the connection.
 */
export { pipelineSteps, StepIndex, stepHistogramBuckets, stepHistogramBucket } from "./steps.js";
export type { PipelineStep, StepTiming } from "./steps.js";
export { StepTrace, isTraceCapacity, maxTraceEvents } from "./step-trace.js";
export type { StepTraceEvent } from "./step-trace.js";
export { createPipeline, RequestPipeline } from "./pipeline.js";
export type { PipelineOptions, ServeConnectionOptions } from "./pipeline.js";
export { emptyPipelineStats, meanStepTimesMs, sumPipelineStats } from "./pipeline-stats.js";
export type { PipelineStats } from "./pipeline-stats.js";
export { syncRealFileSource, asyncRealFileSource, blockingFileSource } from "./file-source.js";
export type { FileSource, BlockingFileReader, ReadOrigin } from "./file-source.js";
export type { ResolvedFile } from "./resolved-file.js";
export { createFlashCaches, defaultFlashCacheOptions } from "./flash-caches.js";
export type { FlashCacheOptions } from "./flash-caches.js";
export { pipelineCacheNames } from "./cache-types.js";
export type { PipelineCaches, PipelineCacheName, CachedChunk, CachedHeaderFields, CachedTranslation } from "./cache-types.js";
export { defaultRequestLimits } from "./request-framing.js";
export type { RequestLimits } from "./request-framing.js";
export { PathTranslator, percentDecodeOnce, safeRelativePath, directoryIndexFile } from "./path-translation.js";
export { contentTypeFor } from "./content-type.js";
export { reasonPhrase, RequestRejection } from "./status.js";
export { startPipelineServer, pipelineSocketOptions } from "./pipeline-server.js";
export type { PipelineServer, ListenOptions } from "./pipeline-server.js";
