/**
 * When requests go out: seeded Poisson arrivals (same seed, same schedule), think times between a
 * response and the client's next request, and a timed replay of a workload's offsets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../lib/metrics/request-record.js";
import { runLoad } from "../../lib/loadgen/index.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ bodyBytes: 50 });
});
afterAll(() => server.close());

const intendedTimes = (records: RequestRecord[] | undefined) => (records ?? []).map((record) => record.intendedMs as number).sort((a, b) => a - b);

describe("schedules", () => {
  it("Poisson arrivals depend only on the seed, with mean gap 1/rate", async () => {
    const options = { url: server.url, mode: "open" as const, rate: 500, requests: 300, threads: 1, keepRecords: true };
    const first = intendedTimes((await runLoad({ ...options, seed: 7 })).records);
    const again = intendedTimes((await runLoad({ ...options, seed: 7 })).records);
    const other = intendedTimes((await runLoad({ ...options, seed: 8 })).records);
    expect(first).toHaveLength(300);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const meanGapMs = ((first.at(-1) as number) - (first[0] as number)) / (first.length - 1);
    expect(meanGapMs).toBeGreaterThan(1.5);
    expect(meanGapMs).toBeLessThan(2.5);
  });

  it("a closed-loop client waits its think time after each response", async () => {
    const { summary, records } = await runLoad({ url: server.url, clients: 2, thinkMs: 40, durationS: 1, threads: 0, keepRecords: true });
    // Each client: about 1000 / (40 + a fraction of a ms) ≈ 24 requests.
    expect(summary.requests).toBeGreaterThan(20);
    expect(summary.requests).toBeLessThanOrEqual(52);
    for (const clientId of [0, 1]) {
      const mine = (records ?? []).filter((record) => record.clientId === clientId).sort((a, b) => a.startMs - b.startMs);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.startMs - mine[i - 1]!.endMs).toBeGreaterThanOrEqual(39);
      }
    }
  });

  it("a timed workload is replayed at its offsets, scaled by the speed", async () => {
    const workload = [0, 100, 300, 600].map((offsetMs, i) => ({ path: `/f${i}`, offsetMs }));
    const { records, parameters } = await runLoad({ url: server.url, mode: "open", workload, replaySpeed: 2, clients: 2, threads: 1, keepRecords: true });
    expect(parameters.arrival).toBe("replay");
    expect(intendedTimes(records)).toEqual([0, 50, 150, 300]);
    const byIntended = [...(records ?? [])].sort((a, b) => (a.intendedMs as number) - (b.intendedMs as number));
    expect(byIntended.map((record) => record.url)).toEqual(["/f0", "/f1", "/f2", "/f3"]);
    for (const record of byIntended) expect(record.startMs - (record.intendedMs as number)).toBeLessThan(100);
  });
});
