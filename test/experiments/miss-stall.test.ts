/**
 * Requests for a file in memory while disk misses are in flight (lecture §16), on real servers over the
 * simulated disk: SPED's one loop waits out each 150 ms miss and the probes wait with it; AMPED's helper
 * waits instead and the probes are answered meanwhile. Margins are wide: a miss lasts 150 ms, and a probe
 * that arrives during one waits about half of it under SPED, where AMPED answers in a few ms (tens on a
 * busy machine).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDemoWorkload } from "../../lib/experiments/demo-workloads.js";
import { measureMissStall, type MissStallRun } from "../../lib/experiments/miss-stall.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-miss-stall-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const files = prepareDemoWorkload(
  {
    files: [
      { name: "hot", bytes: 1024, count: 1 },
      { name: "cold", bytes: 16 * 1024, count: 40 },
    ],
  },
  root,
);
const missMs = 150;
const disk = { kind: "sim", latencyMs: missMs, bandwidthMBps: 1000, cacheMB: 16, parallelism: 1 } as const;
const coldPaths = Array.from({ length: 40 }, (_, index) => `/cold-${index}.bin`);

async function measure(arch: "sped" | "amped"): Promise<MissStallRun> {
  const { docroot } = await files;
  return measureMissStall({ server: { arch, docroot, helpers: 1, disk }, hotPath: "/hot-0.bin", coldPaths, durationMs: 1200, probeEveryMs: 10 });
}

describe("measureMissStall", () => {
  it("probes wait behind SPED's misses and not behind AMPED's, whose helper does the reading", async () => {
    const sped = await measure("sped");
    const amped = await measure("amped");
    for (const run of [sped, amped]) {
      // A probe every 10 ms for 1200 ms; each one's latency counts from when it was due or began, whichever came first.
      expect(run.probes.length).toBeGreaterThanOrEqual(60);
      expect(run.probes.length).toBeLessThanOrEqual(120);
      for (const probe of run.probes) expect(probe.latencyMs).toBeGreaterThan(0);
      expect(run.probeP95Ms).toBeGreaterThanOrEqual(run.probeP50Ms);
      expect(run.probeMaxMs).toBeGreaterThanOrEqual(run.probeP95Ms);
      // The misses ran back to back, each at least the disk's latency.
      expect(run.misses.length).toBeGreaterThanOrEqual(2);
      expect(run.missMeanMs).toBeGreaterThanOrEqual(missMs * 0.9);
      expect(run.diskDescription).toMatch(/sim/i);
    }
    expect(sped.helperDispatches).toBeNull();
    expect(amped.helperDispatches).toBeGreaterThanOrEqual(1);
    // Under SPED a miss is nearly always in flight and a probe waits out the rest of it (about 75 ms on average).
    expect(sped.probeP50Ms).toBeGreaterThan(20);
    expect(sped.probeP50Ms).toBeGreaterThan(2 * amped.probeP50Ms);
  }, 60_000);

  it("refuses bad options", async () => {
    const { docroot } = await files;
    const server = { arch: "sped", docroot, disk } as const;
    await expect(measureMissStall({ server, hotPath: "/hot-0.bin", coldPaths: [] })).rejects.toThrow(/at least one file/);
    await expect(measureMissStall({ server, hotPath: "/hot-0.bin", coldPaths, durationMs: 0 })).rejects.toThrow(/durationMs must be/);
    await expect(measureMissStall({ server, hotPath: "/hot-0.bin", coldPaths, missClients: 1.5 })).rejects.toThrow(/missClients must be/);
  });
});
