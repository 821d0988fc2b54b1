/**
 * Faults under load: kill -9 of one MP worker or one AMPED helper. The dead context is replaced, the
 * requests it held fail fast (MP: the connection is reset) or are retried (AMPED: the helper's job goes
 * to another helper), the server keeps serving, and nothing hangs.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { RunningServer } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, sleep, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024, 100 * 1024], 4);
/** Many small files, so that every request of the AMPED test is a new disk miss. */
const manyFiles = makeTestDocroot([1024], 400);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
  manyFiles.remove();
});

interface LoadOutcome {
  ok: number;
  failed: number;
  slowest: number;
}

/** `clients` loops of one request per new connection, over `files` in turn, until `until` resolves. */
async function loadUntil(server: RunningServer, clients: number, until: Promise<void>, files = docroot.files): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { ok: 0, failed: 0, slowest: 0 };
  let done = false;
  let next = 0;
  void until.then(() => (done = true));
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done) {
        const file = files[next++ % files.length]!;
        const result = await timedGet(portOf(server), file.path, 5_000);
        outcome.slowest = Math.max(outcome.slowest, result.ms);
        if (result.response?.status === 200 && result.response.body.length === file.bytes) outcome.ok++;
        else outcome.failed++;
      }
    }),
  );
  return outcome;
}

async function alivePids(server: RunningServer, role: string): Promise<number[]> {
  const stats = await server.stats();
  return stats.contexts.filter((context) => context.role === role && context.alive).map((context) => context.pid);
}

it("kill -9 of an MP worker under load: replaced, the server keeps serving", async () => {
  const server = servers.add(await startServer({ arch: "mp", docroot: docroot.directory, workers: 2 }));
  const [victim] = await alivePids(server, "worker");
  const killedAndSettled = (async () => {
    await sleep(300);
    process.kill(victim!, "SIGKILL");
    await sleep(1200);
  })();
  const outcome = await loadUntil(server, 3, killedAndSettled);
  expect(outcome.ok).toBeGreaterThan(20);
  expect(outcome.failed).toBeLessThanOrEqual(3); // only connections the dead worker held (or was handed)
  expect(outcome.slowest).toBeLessThan(5_000); // failures were fast, nothing hung
  const stats = await server.stats();
  expect(stats.replacedWorkers).toBe(1);
  const workers = await alivePids(server, "worker");
  expect(workers).toHaveLength(2);
  expect(workers).not.toContain(victim);
  expect((await timedGet(portOf(server), "/1k-0.bin")).response?.status).toBe(200);
});

it("kill -9 of an AMPED helper with a read in flight: its job is re-dispatched, no request fails", async () => {
  const server = servers.add(
    await startServer({
      arch: "amped",
      docroot: manyFiles.directory,
      helpers: 2,
      // Every request is for a file not read before, so both helpers are always busy with a miss.
      disk: { kind: "sim", latencyMs: 150, bandwidthMBps: 1000, cacheMB: 64 },
    }),
  );
  const [victim] = await alivePids(server, "helper");
  const killedAndSettled = (async () => {
    await sleep(400);
    process.kill(victim!, "SIGKILL");
    await sleep(1200);
  })();
  const outcome = await loadUntil(server, 4, killedAndSettled, manyFiles.files);
  expect(outcome.failed).toBe(0);
  expect(outcome.ok).toBeGreaterThan(4);
  expect(outcome.slowest).toBeLessThan(5_000);
  const stats = await server.stats();
  expect(stats.helpers?.replaced).toBe(1);
  expect(stats.helpers?.redispatched).toBe(1);
  const helpers = await alivePids(server, "helper");
  expect(helpers).toHaveLength(2);
  expect(helpers).not.toContain(victim);
});
