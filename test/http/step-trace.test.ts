// The per-request step trace: a bounded ring buffer on the machine's monotonic clock, fed by the pipeline's step timer
// when asked for and absent otherwise; a deferred read's read-file spans the wait and tells the source
// which request it is for.
import { describe, expect, it } from "vitest";
import { createFlashCaches, createPipeline, maxTraceEvents, pipelineSteps, StepTrace, syncRealFileSource } from "../../lib/http/index.js";
import type { FileSource, PipelineOptions, ReadOrigin, StepTraceEvent } from "../../lib/http/index.js";
import { exchangeRaw, RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { monotonicClockMs } from "../../lib/runtime/monotonic-clock.js";
import { useServersPerTest } from "./support/test-server.js";

const servers = useServersPerTest();
const serve = (options: Omit<PipelineOptions, "docroot">) => servers.start(options);

const stepsOf = (events: StepTraceEvent[]) => events.map((event) => event.step);

describe("StepTrace", () => {
  it("keeps the last `capacity` events, oldest first, on the monotonic clock", () => {
    const trace = new StepTrace(3);
    const monotonicBefore = monotonicClockMs();
    const recordedAt = performance.now();
    const monotonicAfter = monotonicClockMs();
    for (let index = 1; index <= 5; index++) trace.record(index, 1, 2, recordedAt + index, recordedAt + index + 0.5);
    expect(trace.total).toBe(5);
    const events = trace.events();
    expect(events.map((event) => event.connection)).toEqual([3, 4, 5]);
    expect(events[0]).toMatchObject({ connection: 3, request: 1, step: "parse" });
    // performance.now() moved onto the monotonic clock: the event recorded "now + 3 ms" lies 3 ms after the
    // monotonic readings around that "now" (within a millisecond for the two clocks' offset, however busy the machine).
    expect(events[0]!.startMs - 3).toBeGreaterThan(monotonicBefore - 1);
    expect(events[0]!.startMs - 3).toBeLessThan(monotonicAfter + 1);
    expect(events[0]!.endMs - events[0]!.startMs).toBeCloseTo(0.5, 6);
    trace.clear();
    expect(trace.events()).toEqual([]);
    expect(trace.total).toBe(0);
  });

  it("keeps events in order before the buffer wraps, too", () => {
    const trace = new StepTrace(4);
    trace.record(1, 1, 0, 1, 2);
    trace.record(1, 1, 1, 2, 3);
    expect(stepsOf(trace.events())).toEqual(["accept", "read-request"]);
  });

  it("refuses a size it cannot keep, saying what is accepted", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, maxTraceEvents + 1]) {
      expect(() => new StepTrace(bad)).toThrow(/whole number of events from 1 to 100000/);
    }
  });
});

describe("the pipeline's step trace", () => {
  it("is off by default: no trace kept, none reported", async () => {
    const server = await serve({});
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt", { headers: { Connection: "close" } }) });
    expect(server.pipeline.trace).toBeUndefined();
    expect(server.pipeline.traceEvents()).toBeUndefined();
  });

  it("needs timing", () => {
    expect(() => createPipeline({ docroot: servers.root.docroot, timing: false, trace: 10 })).toThrow(/trace needs timing/);
  });

  it("traces every step of a request in pipeline order, one after the other, on the monotonic clock", async () => {
    const server = await serve({ trace: 100, gatherWrites: false, caches: createFlashCaches() });
    const before = monotonicClockMs();
    const result = await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt", { headers: { Connection: "close" } }) });
    const after = monotonicClockMs();
    expect(result.responses[0]?.status).toBe(200);
    const events = server.pipeline.traceEvents()!;
    expect(stepsOf(events)).toEqual([...pipelineSteps]);
    for (const event of events) {
      expect(event).toMatchObject({ connection: 1, request: 1 });
      expect(event.endMs).toBeGreaterThanOrEqual(event.startMs);
      expect(event.startMs).toBeGreaterThanOrEqual(before - 1);
      expect(event.endMs).toBeLessThanOrEqual(after + 1);
    }
    // One after the other, never overlapping; from parse to send-header, one clock read ends a step and starts the next.
    for (let index = 1; index < events.length; index++) expect(events[index]!.startMs).toBeGreaterThanOrEqual(events[index - 1]!.endMs);
    for (let index = 3; index <= 5; index++) expect(events[index]!.startMs).toBe(events[index - 1]!.endMs);
  });

  it("with gather writes, the head goes out with the body: no send-header step", async () => {
    const server = await serve({ trace: 100 });
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt", { headers: { Connection: "close" } }) });
    expect(stepsOf(server.pipeline.traceEvents()!)).toEqual(pipelineSteps.filter((step) => step !== "send-header"));
  });

  it("numbers connections, and requests on a kept-alive connection", async () => {
    const server = await serve({ trace: 100 });
    const first = await RawHttpConnection.open(server.port);
    first.send(rawRequest("/hello.txt") + rawRequest("/dir/page.css"));
    await first.waitForResponses(2);
    const second = await RawHttpConnection.open(server.port);
    second.send(rawRequest("/hello.txt"));
    await second.waitForResponses(1);
    first.destroy();
    second.destroy();
    const events = server.pipeline.traceEvents()!;
    const parses = events.filter((event) => event.step === "parse").map((event) => [event.connection, event.request]);
    expect(parses).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    // The second request's head was in the buffer already: its read-request is its own, not the first's.
    expect(events.filter((event) => event.step === "read-request").map((event) => event.request)).toEqual([1, 2, 1]);
  });

  it("keeps only the last events once full", async () => {
    const server = await serve({ trace: 5 });
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt").repeat(3), expect: 3 });
    const events = server.pipeline.traceEvents()!;
    expect(events.length).toBe(5);
    expect(server.pipeline.trace!.total).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({ request: 3, step: "send-data" });
  });

  it("traces a body chunk by chunk, and forgets the trace on resetStats", async () => {
    const server = await serve({ trace: 100 });
    await exchangeRaw({ port: server.port, send: rawRequest("/binary.bin", { headers: { Connection: "close" } }) });
    const body = server.pipeline.traceEvents()!.filter((event) => event.step === "read-file" || event.step === "send-data");
    expect(stepsOf(body)).toEqual(["read-file", "send-data"]); // 200 KB: one 256 KB chunk
    server.pipeline.resetStats();
    expect(server.pipeline.traceEvents()).toEqual([]);
  });

  it("a data-cache hit counts its lookup as read-file", async () => {
    const server = await serve({ trace: 100, caches: createFlashCaches() });
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt").repeat(2), expect: 2 });
    expect(server.pipeline.stats().caches.data.hits).toBe(1);
    const reads = server.pipeline.traceEvents()!.filter((event) => event.step === "read-file");
    expect(reads.map((event) => event.request)).toEqual([1, 2]);
  });

  it("a deferred read's read-file spans the wait, and the source is told which request it is for", async () => {
    const origins: Array<ReadOrigin | undefined> = [];
    const slowSource: FileSource = {
      name: "slow",
      read(file, offset, length, origin) {
        origins.push(origin);
        const data = syncRealFileSource.read(file, offset, length) as Buffer;
        return new Promise((resolve) => setTimeout(() => resolve(data), 40));
      },
    };
    const server = await serve({ trace: 100, source: slowSource });
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt", { headers: { Connection: "close" } }) });
    expect(origins).toEqual([{ connection: 1, request: 1 }]);
    const read = server.pipeline.traceEvents()!.find((event) => event.step === "read-file")!;
    expect(read.endMs - read.startMs).toBeGreaterThanOrEqual(35);
  });

  it("tells the source nothing when it does not trace", async () => {
    const origins: Array<ReadOrigin | undefined> = [];
    const server = await serve({
      source: { name: "recording", read: (file, offset, length, origin) => (origins.push(origin), syncRealFileSource.read(file, offset, length)) },
    });
    await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt", { headers: { Connection: "close" } }) });
    expect(origins).toEqual([undefined]);
  });
});
