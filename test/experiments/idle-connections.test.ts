/**
 * A real SPED server with thousands of idle connections open: the server holds them all, requests on
 * one more connection are answered, and (epoll) their response time does not grow with the idle
 * connections. The margin is wide: a busy machine moves medians, not by 5×.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDemoWorkload } from "../../lib/experiments/demo-workloads.js";
import { measureIdleConnections } from "../../lib/experiments/idle-connections.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-idle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("measureIdleConnections", () => {
  it("answers on one connection while thousands stay idle, about as fast as with none", async () => {
    const { docroot } = await prepareDemoWorkload({ files: [{ name: "page", bytes: 1024, count: 1 }] }, root);
    const points = await measureIdleConnections({ docroot, path: "/page-0.bin", idleCounts: [0, 3000], requests: 200 });
    expect(points.map((point) => [point.idle, point.requests])).toEqual([
      [0, 200],
      [3000, 200],
    ]);
    for (const point of points) {
      expect(point.medianUs).toBeGreaterThan(0);
      expect(point.p90Us).toBeGreaterThanOrEqual(point.medianUs);
    }
    expect(points[1]!.medianUs).toBeLessThan(5 * points[0]!.medianUs);
    // 3000 connections cost the server memory.
    if (points[0]!.serverRssMB !== null) expect(points[1]!.serverRssMB!).toBeGreaterThan(points[0]!.serverRssMB!);
  }, 60_000);

  it("refuses bad options", async () => {
    await expect(measureIdleConnections({ docroot: root, path: "/x", idleCounts: [] })).rejects.toThrow(/at least one count/);
    await expect(measureIdleConnections({ docroot: root, path: "/x", idleCounts: [-1] })).rejects.toThrow(/whole numbers from 0/);
    await expect(measureIdleConnections({ docroot: root, path: "/x", idleCounts: [1], requests: 0 })).rejects.toThrow(/requests must be/);
  });
});
