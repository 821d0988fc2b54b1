/**
 * The lecture's §20 metrics computed from request records, as the paper defines them: a SPED server
 * serves one file of each size to closed-loop clients over HTTP/1.0 (a connection per request, as the
 * paper's clients), the load generator keeps every request's record, and lib/metrics turns them into
 *
 *   bandwidth       = total bytes / total time      (the paper plots it in Mb/s)
 *   connection rate = connections / total time      (one connection per request over HTTP/1.0)
 *   response time   = end − start of each request   (what a client waits; its mean and p95)
 *
 * so that a reader sees the numbers come from the records, and why larger files raise the bandwidth
 * (a connection's fixed cost is spread over more bytes) and lower the connection rate (each connection
 * carries more work).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLoad } from "../loadgen/run-load.js";
import { bandwidth } from "../metrics/bandwidth.js";
import { connectionRate } from "../metrics/connection-rate.js";
import { percentile } from "../metrics/percentile.js";
import { requestFailureKind } from "../metrics/request-record.js";
import { responseTimesMs } from "../metrics/response-time.js";
import { throughput } from "../metrics/throughput.js";
import { writeSizedDocroot } from "../servers/size-docroot.js";
import { startServer } from "../servers/start-server.js";

export interface LectureMetricsOptions {
  /** File sizes, KB (1 KB = 1024 bytes). */
  fileSizesKB: readonly number[];
  /** Measured seconds per size (after a warm-up of a fifth of it). */
  durationS: number;
  /** Closed-loop clients (default 16). */
  clients?: number;
}

/** The metrics of one file size, from its requests' records. */
export type LectureMetricsRow = {
  fileSizeKB: number;
  /** Completed requests in the window, and the window's length. */
  requests: number;
  windowS: number;
  /** Response bytes received (headers and bodies). */
  bytes: number;
  connections: number;
  bandwidthMbps: number;
  bandwidthMBps: number;
  connectionRate: number;
  throughputRps: number;
  responseMsMean: number;
  responseMsP95: number;
};

/** Runs a SPED server over one file per size and computes the lecture's metrics from the records. */
export async function measureLectureMetrics(options: LectureMetricsOptions): Promise<LectureMetricsRow[]> {
  const directory = await mkdtemp(join(tmpdir(), "flashlab-metrics-"));
  const files = writeSizedDocroot(directory, options.fileSizesKB.map((size) => Math.round(size * 1024)));
  const server = await startServer({ arch: "sped", docroot: directory });
  try {
    const rows: LectureMetricsRow[] = [];
    for (const [index, size] of options.fileSizesKB.entries()) {
      const result = await runLoad({
        url: `${server.url}${files[index]!.path}`,
        clients: options.clients ?? 16,
        http: "1.0",
        durationS: options.durationS,
        warmupS: options.durationS / 5,
        keepRecords: true,
      });
      const records = (result.records ?? []).filter((record) => requestFailureKind(record) === null);
      const windowS = result.summary.durationS;
      const bytes = records.reduce((sum, record) => sum + record.bytes, 0);
      const times = responseTimesMs(records);
      rows.push({
        fileSizeKB: size,
        requests: records.length,
        windowS,
        bytes,
        connections: result.summary.connections,
        bandwidthMbps: bandwidth(bytes, windowS, "Mb/s"),
        bandwidthMBps: bandwidth(bytes, windowS, "MB/s"),
        connectionRate: connectionRate(result.summary.connections, windowS),
        throughputRps: throughput(records.length, windowS),
        responseMsMean: times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length),
        responseMsP95: times.length === 0 ? 0 : percentile(times, 95),
      });
    }
    return rows;
  } finally {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  }
}
