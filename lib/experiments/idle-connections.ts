/**
 * What idle connections cost a real event-driven server (lecture §15): a flashlab SPED server holds N
 * open connections that send nothing, while one more connection sends requests one after the other; the
 * response time of those requests, and the server's CPU time per request, are measured as N grows.
 *
 * Node's event loop waits with epoll, which reports only the descriptors that are ready: an idle
 * connection costs memory, not time per loop iteration, so the response time should stay flat. (With
 * select or poll, every iteration would pass and scan all N descriptors; `measureReadinessScan` measures
 * that part on its own.) What is not measured: the kernel's cost of many open sockets elsewhere (memory,
 * timers), and the server's timeout sweeper, which looks at every connection a few times a second (its
 * cost shows, if at all, in the CPU time per request, not in the median response time).
 */
import { connect, type Socket } from "node:net";
import { percentile } from "../metrics/percentile.js";
import { RawHttpConnection, rawRequest } from "../loadgen/raw-client.js";
import { processTreeCpuSeconds } from "../runtime/proc.js";
import { startServer } from "../servers/start-server.js";
import type { RunningServer } from "../servers/types.js";

export interface IdleConnectionsOptions {
  /** The folder to serve, and the file the active connection asks for. */
  docroot: string;
  path: string;
  /** Numbers of idle connections to measure at (0 included if wanted). */
  idleCounts: readonly number[];
  /** Requests on the active connection at each count. Default 400. */
  requests?: number;
  /** Pin the server to these CPUs (a taskset list); default: unpinned. */
  cpus?: string;
}

export interface IdleConnectionsPoint {
  /** Idle connections the server held while the requests ran. */
  idle: number;
  requests: number;
  /** Response time of the active connection's requests, µs. */
  medianUs: number;
  p90Us: number;
  /** The server's CPU time per request over the requests, µs (null off Linux; /proc counts CPU time in 10 ms ticks, so this means something only over thousands of requests). */
  serverCpuUsPerRequest: number | null;
  /** The server's resident memory after the requests, MB (null off Linux). */
  serverRssMB: number | null;
}

/** Untimed requests before the timed ones, at each count. */
const warmRequests = 100;

/** Connections opened at once: fewer than the listen backlog (511), so the kernel drops no handshake. */
const connectBatch = 200;

function openIdle(port: number, count: number): Promise<Socket>[] {
  return Array.from(
    { length: count },
    () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ port, host: "127.0.0.1" });
        socket.once("connect", () => resolve(socket));
        socket.once("error", reject);
      }),
  );
}

async function openIdleConnections(port: number, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  try {
    for (let opened = 0; opened < count; opened += connectBatch) {
      sockets.push(...(await Promise.all(openIdle(port, Math.min(connectBatch, count - opened)))));
    }
  } catch (error) {
    for (const socket of sockets) socket.destroy();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "EMFILE"
        ? `could not open ${count} idle connections: this process may not open that many files (raise it with ulimit -n)`
        : `could not open ${count} idle connections: ${(error as Error).message}`,
    );
  }
  for (const socket of sockets) socket.on("error", () => undefined); // closing them all at the end may reset some
  return sockets;
}

/** Waits until the server serves at least `open` connections (the kernel may still hold the last ones). */
async function waitForOpen(server: RunningServer, open: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await server.stats()).connections.open < open) {
    if (Date.now() > deadline) throw new Error(`the server did not take ${open} connections within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function measurePoint(server: RunningServer, options: IdleConnectionsOptions, idle: number, requests: number): Promise<IdleConnectionsPoint> {
  const port = server.port;
  const idleSockets = await openIdleConnections(port, idle);
  const active = await RawHttpConnection.open(port);
  try {
    await waitForOpen(server, idle + 1);
    const request = rawRequest(options.path);
    // Requests first that are not timed: the first ones pay for caches and code being warmed.
    for (let warm = 1; warm <= warmRequests; warm++) {
      active.send(request);
      await active.waitForResponses(warm);
    }
    const times: number[] = [];
    const cpuBefore = processTreeCpuSeconds(server.pid);
    for (let index = 1; index <= requests; index++) {
      const started = performance.now();
      active.send(request);
      const responses = await active.waitForResponses(warmRequests + index);
      times.push((performance.now() - started) * 1000);
      const status = responses[warmRequests + index - 1]?.status;
      if (status !== 200) throw new Error(`request ${index} with ${idle} idle connections got status ${status}`);
    }
    const cpuAfter = processTreeCpuSeconds(server.pid);
    const stats = await server.stats();
    const rss = stats.contexts.find((context) => context.role === "event-loop")?.rssBytes;
    return {
      idle,
      requests,
      medianUs: percentile(times, 50),
      p90Us: percentile(times, 90),
      serverCpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? null : ((cpuAfter - cpuBefore) * 1e6) / requests,
      serverRssMB: rss === undefined ? null : rss / (1024 * 1024),
    };
  } finally {
    active.destroy();
    for (const socket of idleSockets) socket.destroy();
  }
}

/**
 * Starts one SPED server and measures, at each idle count in turn, `requests` sequential requests on
 * a kept-alive connection while that many other connections stay open and silent. Throws when the
 * connections cannot be opened (the file-descriptor limit says how many may be) or a request fails.
 */
export async function measureIdleConnections(options: IdleConnectionsOptions): Promise<IdleConnectionsPoint[]> {
  const requests = options.requests ?? 400;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`requests must be a whole number ≥ 1; got ${requests}`);
  if (options.idleCounts.length === 0) throw new RangeError("idleCounts needs at least one count");
  for (const count of options.idleCounts) {
    if (!Number.isInteger(count) || count < 0 || count > 100_000) throw new RangeError(`idle counts must be whole numbers from 0 to 100,000; got ${count}`);
  }
  const most = Math.max(...options.idleCounts);
  const server = await startServer({
    arch: "sped",
    docroot: options.docroot,
    timing: false,
    maxConnections: most + 16,
    ...(options.cpus === undefined ? {} : { cpus: options.cpus }),
  });
  try {
    const points: IdleConnectionsPoint[] = [];
    for (const idle of options.idleCounts) {
      points.push(await measurePoint(server, options, idle, requests));
      // Let the server see the closes before the next count.
      const deadline = Date.now() + 10_000;
      while ((await server.stats()).connections.open > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return points;
  } finally {
    await server.stop();
  }
}
