/**
 * The per-request step trace on the real servers: every architecture reports its contexts' steps on the
 * machine's monotonic clock, an AMPED/AMTED helper traces its read under the loop's request, a server without the
 * option reports no trace, and the option is checked.
 */
import { afterAll, describe, expect, it } from "vitest";
import { monotonicClockMs } from "../../lib/runtime/monotonic-clock.js";
import { resolveServerConfig, ServerOptionsError } from "../../lib/servers/options.js";
import { serverTrace } from "../../lib/servers/server-trace.js";
import { startServer } from "../../lib/servers/start-server.js";
import { architectureNames, type ArchitectureName } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024], 2);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});


describe("the step trace of every architecture", () => {
  for (const arch of architectureNames) {
    it(`${arch}: one request's steps, in order, begun while the client waited for them`, async () => {
      // The real disk cannot tell whether a chunk is in memory, so AMPED and AMTED send the read to a helper.
      const server = servers.add(await startServer({ arch, docroot: docroot.directory, workers: 2, helpers: 1, trace: 200 }));
      const sentAt = monotonicClockMs();
      expect((await timedGet(portOf(server), "/1k-0.bin")).response?.status).toBe(200);
      const answeredAt = monotonicClockMs();
      const stats = await server.stats();
      const events = serverTrace(stats);
      const served = events.filter((event) => event.role !== "helper");
      expect(served.map((event) => event.step)).toEqual(["accept", "read-request", "parse", "translate-path", "compute-header", "read-file", "send-data"]);
      expect(events.filter((event) => event.role === "helper").map((event) => event.step)).toEqual(arch === "amped" || arch === "amted" ? ["read-file"] : []);
      expect(new Set(served.map((event) => `${event.pid}/${event.tid}`)).size).toBe(1);
      for (const event of events) {
        expect(event).toMatchObject({ connection: 1, request: 1 });
        // The server's clock and ours are the same clock: every step began between the send and the answer.
        // (A step may end a little after the answer arrived: the server reads its clock after the write.)
        expect(event.startMs).toBeGreaterThanOrEqual(sentAt);
        expect(event.startMs).toBeLessThanOrEqual(answeredAt);
        expect(event.endMs).toBeGreaterThanOrEqual(event.startMs);
      }
      expect(serverTrace(stats, { fromMs: answeredAt })).toEqual([]);
      expect(serverTrace(stats, { toMs: sentAt })).toEqual([]);
    });
  }
});

describe("helpers in the trace", () => {
  for (const arch of ["amped", "amted"] as const satisfies ArchitectureName[]) {
    it(`${arch}: a miss's read-file in the loop spans the helper's read, traced under the same request`, async () => {
      const server = servers.add(
        await startServer({
          arch,
          docroot: docroot.directory,
          helpers: 1,
          trace: 200,
          caches: { data: false },
          disk: { kind: "sim", latencyMs: 40, bandwidthMBps: 1000, cacheMB: 16 },
        }),
      );
      expect((await timedGet(portOf(server), "/1k-1.bin")).response?.status).toBe(200);
      const stats = await server.stats();
      expect(stats.helpers?.dispatches).toBe(1);
      const events = serverTrace(stats);
      const loopRead = events.find((event) => event.role === "event-loop" && event.step === "read-file")!;
      const helperRead = events.find((event) => event.role === "helper")!;
      expect(helperRead).toMatchObject({ step: "read-file", connection: loopRead.connection, request: loopRead.request });
      expect(helperRead.endMs - helperRead.startMs).toBeGreaterThanOrEqual(35);
      expect(helperRead.startMs).toBeGreaterThanOrEqual(loopRead.startMs - 1);
      expect(helperRead.endMs).toBeLessThanOrEqual(loopRead.endMs + 1);
    });
  }
});

describe("the trace option", () => {
  it("is off by default: no context reports a trace", async () => {
    const server = servers.add(await startServer({ arch: "amped", docroot: docroot.directory, helpers: 1 }));
    expect((await timedGet(portOf(server), "/1k-0.bin")).response?.status).toBe(200);
    const stats = await server.stats();
    expect(stats.contexts.every((context) => context.trace === undefined)).toBe(true);
    expect(serverTrace(stats)).toEqual([]);
  });

  it("is checked: a whole number of events, and only with timing", () => {
    expect(resolveServerConfig({ arch: "sped", docroot: docroot.directory }).trace).toBe(0);
    for (const trace of [-1, 2.5, 100_001]) {
      expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, trace })).toThrow(/trace must be a whole number of step events from 0 \(off\) to 100000/);
    }
    expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, trace: 10, timing: false })).toThrow(ServerOptionsError);
    expect(() => resolveServerConfig({ arch: "sped", docroot: docroot.directory, trace: 10, timing: false })).toThrow(/trace needs timing/);
  });
});
