/**
 * The paper's pools on the paper's uniprocessor: MT with 64 threads and MP with 32 processes, the server
 * pinned to one CPU, start (their contexts a few at a time, each within its own start timeout) and then
 * serve with every context alive.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ServerOptions } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

const pools: Array<Pick<ServerOptions, "arch" | "workers">> = [
  { arch: "mt", workers: 64 },
  { arch: "mp", workers: 32 },
];

it.each(pools)("%j on one CPU: starts, and serves with every context alive", async (options) => {
  const server = servers.add(await startServer({ ...options, docroot: docroot.directory, cpus: "0" }));
  const result = await timedGet(portOf(server), docroot.files[0]!.path);
  expect(result.response?.status).toBe(200);
  const stats = await server.stats();
  const role = options.arch === "mt" ? "thread" : "worker";
  expect(stats.contexts.filter((context) => context.role === role && context.alive)).toHaveLength(options.workers!);
  await server.stop();
}, 180_000);
