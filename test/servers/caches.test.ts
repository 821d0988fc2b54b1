/**
 * Flash's caches switched on and off change what they should: with them on, repeated requests for one
 * file hit the path, header and data caches and the disk is read once; with them off there are no hits
 * and every request pays the read-file step's disk miss.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const missMs = 20;
const requests = 5;
const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

async function repeatedFetches(cachesOn: boolean) {
  const server = servers.add(
    await startServer({
      arch: "sped",
      docroot: docroot.directory,
      // A buffer cache of 0 MB: every disk read misses, so only Flash's data cache can save the miss.
      disk: { kind: "sim", latencyMs: missMs, bandwidthMBps: 1000, cacheMB: 0 },
      caches: { path: cachesOn, header: cachesOn, data: cachesOn },
    }),
  );
  for (let index = 0; index < requests; index++) expect((await timedGet(portOf(server), "/1k-0.bin")).response?.status).toBe(200);
  const stats = await server.stats();
  await server.stop();
  return stats;
}

it("caches on: hits on repeats and one disk miss; off: no hits and a miss per request", async () => {
  const on = await repeatedFetches(true);
  const off = await repeatedFetches(false);

  for (const name of ["path", "header", "data"] as const) {
    expect(on.caches[name].hits).toBe(requests - 1);
    expect(on.caches[name].misses).toBe(1);
    expect(off.caches[name].hits).toBe(0);
  }
  const readFileOn = on.steps["read-file"];
  const readFileOff = off.steps["read-file"];
  // The disk itself counts the misses: one with the data cache on, one per request with it off.
  const misses = (stats: typeof on) => stats.contexts.reduce((sum, context) => sum + (context.disk?.misses ?? 0), 0);
  expect(misses(on)).toBe(1);
  expect(misses(off)).toBe(requests);
  expect(readFileOff.totalMs).toBeGreaterThanOrEqual(requests * missMs * 0.9);
  expect(readFileOff.totalMs).toBeGreaterThan(2 * readFileOn.totalMs);
});
