/**
 * A server's stats account for every request it answered: those of an Apache-like process the pool has
 * retired (its final report is kept), and those of an MP or Zeus process killed with SIGKILL after its
 * last checkpoint (the supervisor keeps what it last reported).
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { RunningServer, ServerStats } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";
import { waitUntil } from "../support/wait.js";

const docroot = makeTestDocroot([1024], 4);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

/** `total` GETs on new connections, `concurrency` at a time; resolves to how many got a 200. */
async function getMany(server: RunningServer, total: number, concurrency: number): Promise<number> {
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const file = docroot.files[next++ % docroot.files.length]!;
        if ((await timedGet(portOf(server), file.path)).response?.status === 200) ok++;
      }
    }),
  );
  return ok;
}

const alive = (stats: ServerStats, role: string) => stats.contexts.filter((context) => context.role === role && context.alive);

it("apache: the requests of retired processes stay in the totals", async () => {
  const server = servers.add(
    await startServer({
      arch: "apache",
      docroot: docroot.directory,
      apache: { minProcesses: 1, maxProcesses: 4, threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 2, maintenanceMs: 50 },
    }),
  );
  // A retiring process's listener may reset a connection the kernel queued on it (see apache.ts), so a
  // few requests can fail; every request that was answered must be counted.
  const answered = await getMany(server, 3000, 12);
  expect(answered).toBeGreaterThan(2900);
  // Idle now: the pool retires processes down to its minimum.
  const quiet = await waitUntil(() => server.stats(), (stats) => alive(stats, "process").length === 1 && stats.departedContexts > 0);
  expect(quiet.requests).toBe(answered);
  expect(quiet.responsesByStatus["200"]).toBe(answered);
}, 120_000);

it.each(["mp", "zeus"] as const)("%s: the requests of a worker killed with SIGKILL stay in the totals", async (arch) => {
  const role = arch === "mp" ? "worker" : "event-loop";
  const server = servers.add(await startServer({ arch, docroot: docroot.directory, workers: 2 }));
  const answered = await getMany(server, 600, 6);
  expect(answered).toBe(600);
  // Wait until each worker's last checkpoint covers what it answered (the event that makes a kill safe).
  const settled = await waitUntil(
    () => server.stats(),
    (stats) => alive(stats, role).every((context) => context.requestsAtCheckpoint === context.requests) && stats.requests === answered,
  );
  const victim = alive(settled, role).find((context) => context.requests > 0)!;
  process.kill(victim.pid, "SIGKILL");
  const after = await waitUntil(() => server.stats(), (stats) => stats.replacedWorkers === 1 && alive(stats, role).length === 2);
  expect(after.departedContexts).toBe(1);
  expect(after.requests).toBe(answered);
}, 120_000);
