/**
 * What a server-load run measures, by name: the client's view of the measured window (the load
 * generator's summary, computed by lib/metrics), the server's cost over the same window (CPU of its
 * whole process tree, memory at the end of it), and the simulated disk's misses in it. Requests per
 * server CPU-second divides the two: the inverse of the server's CPU cost per request, which other work
 * sharing its core (a busy machine, or a client that cannot keep up) changes far less than it changes
 * the throughput. With step timing on, the mean time of three pipeline steps over the window shows
 * where Flash's caches save work (path translation, header, file read). A spec picks which of these
 * to summarize; every run records them all.
 */
import type { MetricDescriptor } from "../runner/executor.js";

export const serverLoadMetrics = {
  throughputRps: { unit: "requests/s", description: "completed responses per second of the measured window" },
  bandwidthMBps: { unit: "MB/s (10^6 bytes)", description: "response bytes received per second (the paper's bandwidth, in bytes)" },
  connectionRate: { unit: "connections/s", description: "TCP connections served per second (the paper's connection rate)" },
  responseMsMean: { unit: "ms", description: "mean response time (send to last byte)" },
  responseMsP50: { unit: "ms", description: "median response time" },
  responseMsP95: { unit: "ms", description: "95th percentile of the response time" },
  responseMsP99: { unit: "ms", description: "99th percentile of the response time" },
  errorPct: { unit: "%", description: "failed requests (timeouts, resets, bad status) as a share of all requests" },
  serverCpuPct: { unit: "% of one core", description: "CPU time of the server's processes over the window" },
  clientCpuPct: { unit: "% of one core", description: "CPU time of the load generator over the window" },
  requestsPerCpuSecond: {
    unit: "requests per server CPU-second",
    description: "completed responses per second of the server's CPU time (throughput ÷ server CPU share): what the server would serve on a core of its own",
  },
  rssMB: { unit: "MB (2^20 bytes)", description: "resident memory of the server's processes at the end of the window, summed (shared pages counted in each)" },
  pssMB: { unit: "MB (2^20 bytes)", description: "proportional memory of the server's processes (shared pages split among their sharers), summed" },
  translatePathUs: { unit: "µs per request", description: "time of the translate-path step per request in the window (with stepTiming on; else null)" },
  computeHeaderUs: { unit: "µs per request", description: "time of the compute-header step per request in the window (with stepTiming on; else null)" },
  readFileUs: { unit: "µs per read", description: "time of the read-file step per chunk read in the window, data-cache hits included (with stepTiming on; else null)" },
  diskMisses: { unit: "misses", description: "simulated-disk misses during the measured window" },
  diskMissPct: { unit: "%", description: "simulated-disk misses as a share of the disk reads in the measured window" },
  diskMissesPerRequest: {
    unit: "misses per request",
    description: "simulated-disk misses per completed request in the measured window (comparable across architectures: AMPED reads a missed chunk twice, in the helper and then in the loop, which diskMissPct counts as two reads)",
  },
} as const satisfies Record<string, MetricDescriptor>;

export type ServerLoadMetric = keyof typeof serverLoadMetrics;
