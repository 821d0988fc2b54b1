/**
 * stop() with requests in flight: every request the server had received is answered in full within
 * the grace period, on a simulated disk slow enough (200 ms per miss) that most of them are still
 * waiting, unread or queued, when stop() is called.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ArchitectureName } from "../../lib/servers/types.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024], 8);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

const architectures: ArchitectureName[] = ["sped", "amped", "amted", "zeus", "mt"];

it.each(architectures)("%s: 8 requests in flight at stop() all get complete 200 responses", async (arch) => {
  const server = servers.add(
    await startServer({ arch, docroot: docroot.directory, workers: 2, helpers: 2, graceMs: 15_000, disk: { kind: "sim", latencyMs: 200, mbps: 1000, cacheMb: 64 } }),
  );
  const port = portOf(server);
  const inFlight = docroot.files.map((file) => timedGet(port, file.path, 20_000));
  await waitFor("the server to accept all 8", async () => (await server.stats()).connections.accepted >= 8, 15_000);
  await server.stop();
  const results = await Promise.all(inFlight);
  for (const result of results) {
    expect(result.error).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(result.response?.body.length).toBe(1024);
  }
});
