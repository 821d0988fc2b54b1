/**
 * One options type, checked once before anything starts: lib/storage's own names for the simulated
 * disk, defaults from each architecture's declaration, applicability from the same declaration, and
 * stats that say how the server ran (disk parallelism, accept policy, cache scope).
 */
import { afterAll, describe, expect, it } from "vitest";
import { inapplicableOptions, resolveServerConfig, ServerOptionsError } from "../../lib/servers/options.js";
import { architectures } from "../../lib/servers/registry.js";
import { startServer } from "../../lib/servers/start-server.js";
import { architectureNames } from "../../lib/servers/types.js";
import { makeTestDocroot, ServerList } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

describe("resolveServerConfig", () => {
  it("fills the simulated disk from lib/storage's defaults and keeps its names", () => {
    const config = resolveServerConfig({ arch: "sped", docroot: docroot.directory, disk: { kind: "sim", latencyMs: 5, parallelism: 2 } });
    expect(config.disk).toEqual({ kind: "sim", latencyMs: 5, bandwidthMBps: 20, cacheMB: 64, parallelism: 2 });
  });

  it("rejects a bad disk parameter before anything starts, naming it", () => {
    expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, disk: { kind: "sim", parallelism: 0 } })).toThrow(ServerOptionsError);
    expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, disk: { kind: "sim", parallelism: 1.5 } })).toThrow(/^disk: disk parallelism must be a whole number ≥ 1/);
    expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, disk: { kind: "sim", cacheMB: -1 } })).toThrow(/buffer-cache size/);
  });

  it("takes each architecture's defaults from its own declaration", () => {
    for (const arch of architectureNames) {
      const config = resolveServerConfig({ arch, docroot: docroot.directory });
      expect(config.workers).toBe(architectures[arch].defaultWorkers);
      expect(config.acceptPolicy).toBe(architectures[arch].acceptPolicies[0]);
    }
  });

  it("lets MP choose its accept policy, refuses one it does not have, and ignores a choice for the others", () => {
    expect(resolveServerConfig({ arch: "mp", docroot: docroot.directory, acceptPolicy: "reuseport" }).acceptPolicy).toBe("reuseport");
    expect(() => resolveServerConfig({ arch: "mp", docroot: docroot.directory, acceptPolicy: "one-listener" })).toThrow(/does not apply to mp; accepted: master-handoff, reuseport/);
    expect(resolveServerConfig({ arch: "mt", docroot: docroot.directory, acceptPolicy: "master-handoff" }).acceptPolicy).toBe("reuseport");
  });

  it("names the options an architecture does not take", () => {
    expect(inapplicableOptions({ arch: "sped", docroot: ".", workers: 2, helpers: 3, maxConnections: 10 })).toEqual(["workers", "helpers"]);
    expect(inapplicableOptions({ arch: "mp", docroot: ".", workers: 2, acceptPolicy: "reuseport", apache: { maxProcesses: 3 } })).toEqual(["apache"]);
    expect(inapplicableOptions({ arch: "apache", docroot: ".", apache: { maxProcesses: undefined } })).toEqual([]);
  });
});

it("a running server reports its disk parallelism, accept policy and cache scope", async () => {
  const mt = servers.add(await startServer({ arch: "mt", docroot: docroot.directory, workers: 1, disk: { kind: "sim", parallelism: 3 } }));
  const stats = await mt.stats();
  expect(stats.disk).toMatchObject({ kind: "sim", parallelism: 3, bandwidthMBps: 20 });
  expect(stats.acceptPolicy).toBe("reuseport");
  expect(stats.cachesPer).toBe("thread");
  const sped = servers.add(await startServer({ arch: "sped", docroot: docroot.directory, disk: { kind: "sim", bandwidthMBps: Infinity } }));
  const unlimited = await sped.stats();
  expect(unlimited.disk).toMatchObject({ kind: "sim", parallelism: Infinity, bandwidthMBps: Infinity });
  expect(unlimited.acceptPolicy).toBe("one-listener");
});
