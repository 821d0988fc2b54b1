/**
 * The defining property of SPED against the others, on the simulated disk: while one request waits for
 * a 50 ms disk miss, a request for a file already in memory waits behind it under SPED (one loop, and
 * it is blocked), but not under AMPED, AMTED (a helper waits instead), MT, MP, Zeus or Apache (another
 * context serves).
 */
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ArchitectureName } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, sleep, timedGet } from "./support.js";

const missMs = 50;
const docroot = makeTestDocroot([1024], 8);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

interface Trial {
  /** When the miss was sent and when its response arrived (performance.now()). */
  missStart: number;
  missEnd: number;
  missTookMs: number;
  /** The warm fetches: when each was sent and when its response arrived. */
  warm: Array<{ start: number; end: number }>;
}

/**
 * Warms one file, then starts a miss and, 10 ms later, fetches the warm file on six new connections
 * (MT's kernel-hashed accept may put one behind the miss; not all six).
 */
async function warmFetchDuringMiss(port: number, coldFile: string): Promise<Trial> {
  const warmPath = "/1k-0.bin";
  for (let round = 0; round < 8; round++) expect((await timedGet(port, warmPath)).response?.status).toBe(200); // every context's caches
  const missStart = performance.now();
  const miss = timedGet(port, coldFile);
  await sleep(10);
  const warm = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const start = performance.now();
      const fetched = await timedGet(port, warmPath);
      expect(fetched.response?.status).toBe(200);
      return { start, end: performance.now() };
    }),
  );
  const missed = await miss;
  const missEnd = missStart + missed.ms;
  expect(missed.response?.status).toBe(200);
  expect(missed.ms).toBeGreaterThanOrEqual(missMs * 0.9);
  return { missStart, missEnd, missTookMs: missed.ms, warm };
}

/**
 * Warm fetches answered while the server certainly was serving the miss: the miss takes at least
 * `missMs` of service, so its last 80 % lies before its response.
 */
function answeredDuringMissService(trial: Trial): number {
  return trial.warm.filter((fetch) => fetch.end > trial.missEnd - missMs * 0.8 && fetch.end < trial.missEnd - 2).length;
}

/** Warm fetches sent after the miss and answered quickly, before it: they overtook the miss. */
function overtookMiss(trial: Trial): number {
  return trial.warm.filter((fetch) => fetch.start > trial.missStart && fetch.end < trial.missEnd - 2 && fetch.end - fetch.start < missMs * 0.5).length;
}

/** Warm fetches that waited about as long as a miss. */
function waitedForMiss(trial: Trial): number {
  return trial.warm.filter((fetch) => fetch.end - fetch.start >= missMs * 0.6).length;
}

async function startOnSimulatedDisk(arch: ArchitectureName) {
  const server = servers.add(
    await startServer({ arch, docroot: docroot.directory, workers: 4, helpers: 2, disk: { kind: "sim", latencyMs: missMs, bandwidthMBps: 1000, cacheMB: 64 } }),
  );
  return { server, port: portOf(server) };
}

describe("head-of-line blocking on a disk miss", () => {
  // A SPED loop is blocked for the whole miss, so no response at all can leave it meanwhile; a cached
  // file asked for during the miss waits for its end.
  it("SPED: a cached file waits for the miss in flight, and nothing is answered during the miss", async () => {
    const { server, port } = await startOnSimulatedDisk("sped");
    const trials: Trial[] = [];
    for (const coldFile of ["/1k-1.bin", "/1k-2.bin", "/1k-3.bin"]) trials.push(await warmFetchDuringMiss(port, coldFile));
    for (const trial of trials) expect(answeredDuringMissService(trial)).toBe(0);
    expect(Math.max(...trials.map(waitedForMiss))).toBeGreaterThan(0);
    // The loop itself took every miss: the warm file's first read and the three cold files.
    const [loop] = (await server.stats()).contexts;
    expect(loop?.disk?.misses).toBe(4);
    expect(loop?.disk?.blockedMs).toBeGreaterThanOrEqual(4 * missMs * 0.9);
    await server.stop();
  });

  // For the others a cached file is answered while the miss is in flight; one clear instance shows it,
  // and up to three tries absorb a busy machine's stalls.
  it.each(["amped", "amted", "mt", "mp", "zeus", "apache"] as const)("%s: a cached file is answered while the miss is in flight", async (arch) => {
    const { server, port } = await startOnSimulatedDisk(arch);
    let answered = 0;
    for (const coldFile of ["/1k-1.bin", "/1k-2.bin", "/1k-3.bin"]) {
      answered = overtookMiss(await warmFetchDuringMiss(port, coldFile));
      if (answered > 0) break;
    }
    expect(answered).toBeGreaterThan(0);
    // Who blocked on the misses: never the event loop of AMPED/AMTED (a helper did), and for MT/MP the
    // context that served the miss, while the others served the cached file.
    const contexts = (await server.stats()).contexts;
    const missed = contexts.filter((context) => (context.disk?.misses ?? 0) > 0);
    expect(missed.reduce((sum, context) => sum + context.disk!.misses!, 0)).toBeGreaterThanOrEqual(1);
    if (arch === "amped" || arch === "amted") {
      const loop = contexts.find((context) => context.role === "event-loop");
      expect(loop?.disk?.misses).toBe(0);
      // (At most a sliver: a read right after the helper's may join the end of its miss.)
      expect(loop?.disk?.simulatedWaitMs).toBeLessThan(missMs * 0.2);
      expect(missed.every((context) => context.role === "helper")).toBe(true);
    }
    await server.stop();
  });
});
