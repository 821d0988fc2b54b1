// Flash's caches change hit counts as expected, and asynchronous file sources keep pipelined order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync, writeFileSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { createServer, type AddressInfo } from "node:net";
import { createPipeline, startPipelineServer, syncRealFileSource, type FileSource, type PipelineServer, type ResolvedFile } from "../../lib/http/index.js";
import { exchangeRaw, RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { createFlashCaches } from "../../lib/http/index.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";

let root: TestDocroot;
const servers: PipelineServer[] = [];

beforeAll(() => {
  root = makeTestDocroot();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  root?.remove();
});

async function serve(options: Omit<Parameters<typeof startPipelineServer>[0], "docroot">): Promise<PipelineServer> {
  const server = await startPipelineServer({ docroot: root.docroot, ...options });
  servers.push(server);
  return server;
}

/** Sends `count` GETs for `path` on one connection and returns the bodies. */
async function getMany(server: PipelineServer, path: string, count: number): Promise<Buffer[]> {
  const result = await exchangeRaw({ port: server.port, send: rawRequest(path).repeat(count), expect: count });
  return result.responses.map((response) => response.body);
}

/** A source that counts its reads (and can answer later, like a helper). */
function countingSource(delayMs?: (file: ResolvedFile) => number): FileSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    name: "counting",
    reads,
    read(file, offset, length) {
      reads.push(file.path);
      const data = syncRealFileSource.read(file, offset, length) as Buffer;
      if (delayMs === undefined) return data;
      return new Promise((resolve) => setTimeout(() => resolve(data), delayMs(file)));
    },
  };
}

describe("Flash's caches", () => {
  it("with all caches on: one miss each, then hits; the source reads the file once", async () => {
    const source = countingSource();
    const server = await serve({ caches: createFlashCaches(), source });
    const bodies = await getMany(server, "/hello.txt", 5);
    expect(bodies.every((body) => body.toString() === "hello, flashlab\n")).toBe(true);
    const caches = server.pipeline.stats().caches;
    expect(caches.path).toMatchObject({ hits: 4, misses: 1, entries: 1 });
    expect(caches.header).toMatchObject({ hits: 4, misses: 1, entries: 1 });
    expect(caches.data).toMatchObject({ hits: 4, misses: 1, entries: 1, bytes: 16 });
    expect(source.reads.length).toBe(1);
    expect(server.pipeline.stats().fileReads).toEqual({ inline: 1, deferred: 0 });
  });

  it("with all caches off: no counts, and the source reads every time", async () => {
    const source = countingSource();
    const server = await serve({ caches: createFlashCaches({ pathCache: false, headerCache: false, dataCache: false }), source });
    await getMany(server, "/hello.txt", 5);
    const caches = server.pipeline.stats().caches;
    for (const name of ["path", "header", "data"] as const) expect(caches[name]).toMatchObject({ hits: 0, misses: 0 });
    expect(source.reads.length).toBe(5);
  });

  it("switches each cache on its own", async () => {
    const server = await serve({ caches: createFlashCaches({ pathCache: true, headerCache: false, dataCache: false }) });
    await getMany(server, "/hello.txt", 3);
    const caches = server.pipeline.stats().caches;
    expect(caches.path.hits).toBe(2);
    expect(caches.header.hits + caches.header.misses).toBe(0);
    expect(caches.data.hits + caches.data.misses).toBe(0);
  });

  it("the data cache evicts least recently used files beyond its size", async () => {
    const source = countingSource();
    const server = await serve({ caches: createFlashCaches({ dataCacheBytes: 250_000 }), source });
    await getMany(server, "/binary.bin", 1); // 200 KB
    await getMany(server, "/hello.txt", 1);
    await getMany(server, "/binary.bin", 1); // hit
    const big = join(root.docroot, "second.bin");
    writeFileSync(big, Buffer.alloc(100_000, 7));
    await getMany(server, "/second.bin", 1); // evicts hello.txt then binary.bin (LRU)
    await getMany(server, "/binary.bin", 1); // miss again
    const data = server.pipeline.stats().caches.data;
    expect(data.hits).toBe(1);
    expect(data.evictions).toBeGreaterThanOrEqual(1);
    expect(data.bytes).toBeLessThanOrEqual(250_000);
    expect(source.reads.filter((path) => path.endsWith("binary.bin")).length).toBe(2);
  });

  it("notices a changed file through the path translation when the path cache is off", async () => {
    const file = join(root.docroot, "changing.txt");
    writeFileSync(file, "first");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const server = await serve({ caches: createFlashCaches({ pathCache: false }) });
    expect((await getMany(server, "/changing.txt", 1))[0]!.toString()).toBe("first");
    writeFileSync(file, "second version");
    utimesSync(file, 1_700_000_100, 1_700_000_100);
    expect((await getMany(server, "/changing.txt", 1))[0]!.toString()).toBe("second version");
  });

  it("forgets a cached translation when the file has gone (data cache off)", async () => {
    const file = join(root.docroot, "doomed.txt");
    writeFileSync(file, "soon gone");
    const server = await serve({ caches: createFlashCaches({ dataCache: false }) });
    expect((await getMany(server, "/doomed.txt", 1))[0]!.toString()).toBe("soon gone");
    rmSync(file);
    const result = await exchangeRaw({ port: server.port, send: rawRequest("/doomed.txt").repeat(2), expect: 2 });
    expect(result.responses.map((r) => r.status)).toEqual([404, 404]);
    expect(server.pipeline.stats().caches.path.entries).toBe(0);
  });

  it("gather writes off: the head is sent as its own step", async () => {
    const server = await serve({ gatherWrites: false, caches: createFlashCaches() });
    const bodies = await getMany(server, "/binary.bin", 2);
    expect(bodies.every((body) => body.equals(root.files["/binary.bin"]!))).toBe(true);
    const steps = server.pipeline.stats().steps;
    expect(steps["send-header"].count).toBe(2);
    expect(steps["send-data"].count).toBe(2);
  });
});

describe("asynchronous file sources", () => {
  it("keeps pipelined responses in order when later reads finish first", async () => {
    // The first file is slow, the others fast: responses must still come back in request order.
    const source = countingSource((file) => (file.path.endsWith("binary.bin") ? 150 : 5));
    const server = await serve({ source });
    const paths = ["/binary.bin", "/hello.txt", "/dir/page.css", "/binary.bin", "/hello.txt"];
    const result = await exchangeRaw({ port: server.port, send: paths.map((p) => rawRequest(p)).join(""), expect: paths.length });
    expect(result.responses.map((r, i) => r.body.equals(root.files[paths[i]!]!))).toEqual(paths.map(() => true));
    expect(server.pipeline.stats().fileReads.deferred).toBe(paths.length);
  });

  it("answers a client that half-closes while its read is deferred, on a socket without allowHalfOpen", async () => {
    const pipeline = createPipeline({ docroot: root.docroot, source: countingSource(() => 100) });
    const listener = createServer({ allowHalfOpen: false }, (socket) => pipeline.serveConnection(socket));
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    try {
      const connection = await RawHttpConnection.open((listener.address() as AddressInfo).port);
      connection.send(rawRequest("/hello.txt") + rawRequest("/dir/page.css"));
      connection.socket.end();
      const responses = await connection.waitForResponses(2);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(await connection.waitForClose()).toBe(true);
    } finally {
      await pipeline.close();
      listener.close();
    }
  });

  it("serves other connections while one waits for a slow read", async () => {
    const source = countingSource((file) => (file.path.endsWith("binary.bin") ? 1_000 : 1));
    const server = await serve({ source });
    const slow = exchangeRaw({ port: server.port, send: rawRequest("/binary.bin") });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    const fast = await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt") });
    expect(Date.now() - started).toBeLessThan(700);
    expect(fast.responses[0]!.status).toBe(200);
    expect((await slow).responses[0]!.body.equals(root.files["/binary.bin"]!)).toBe(true);
  });

  it("answers 500 and closes when a deferred read fails, and 404 when the file vanished", async () => {
    const failing: FileSource = {
      name: "failing",
      read: (file) => Promise.reject(Object.assign(new Error("helper died"), { code: file.path.endsWith("hello.txt") ? "ENOENT" : "EIO" })),
    };
    const server = await serve({ source: failing });
    const gone = await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt") });
    expect(gone.responses[0]!.status).toBe(404);
    const broken = await exchangeRaw({ port: server.port, send: rawRequest("/binary.bin"), waitForClose: true });
    expect(broken.responses[0]!.status).toBe(500);
    expect(broken.closed).toBe(true);
    expect(server.pipeline.stats().errors).toBe(1);
  });

  it("closes the connection when a deferred read never settles (read timeout)", async () => {
    const hung: FileSource = { name: "hung", read: () => new Promise<Buffer>(() => {}) };
    const server = await serve({ source: hung, readTimeoutMs: 200 });
    const result = await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt"), waitForClose: true, timeoutMs: 3_000 });
    expect(result.closed).toBe(true);
    expect(result.responses.length).toBe(0);
    expect(server.pipeline.stats().errors).toBe(1);
  });

  it("cuts the connection when a read fails after the head went out (gather writes off)", async () => {
    const failing: FileSource = { name: "failing", read: () => { throw new Error("disk on fire"); } };
    const server = await serve({ source: failing, gatherWrites: false });
    const result = await exchangeRaw({ port: server.port, send: rawRequest("/binary.bin"), waitForClose: true });
    expect(result.closed).toBe(true);
    expect(result.responses.length).toBe(0); // a head without its body: the client sees a short response
  });
});
