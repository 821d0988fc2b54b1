// Responses are streamed in 256 KB chunks with backpressure: byte-exact for files spanning several
// chunks from every kind of file source, with the data cache holding chunks; and a client that never
// reads a 256 MB file costs the server a few chunks of memory, not the file.
import { closeSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asyncRealFileSource,
  blockingFileSource,
  createFlashCaches,
  startPipelineServer,
  syncRealFileSource,
  type FileSource,
} from "../../lib/http/index.js";
import { exchangeRaw, rawRequest } from "../../lib/loadgen/index.js";
import { createLocalSimulatedDisk, fileChunkBytes, openRealDisk } from "../../lib/storage/index.js";
import { SlowReader } from "../support/slow-reader.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";

const MB = 1024 * 1024;
let root: TestDocroot;
/** Three whole chunks and a part of a fourth. */
let multi: Buffer;

beforeAll(() => {
  root = makeTestDocroot();
  multi = randomBytes(3 * fileChunkBytes + 12_345);
  writeFileSync(join(root.docroot, "multi.bin"), multi);
  // 256 MB that take no disk space: a sparse file reads as zeros.
  const fd = openSync(join(root.docroot, "huge.bin"), "w");
  ftruncateSync(fd, 256 * MB);
  closeSync(fd);
});
afterAll(() => root?.remove());

/** Answers each chunk a millisecond later, as a helper would. */
const deferredSource: FileSource = {
  name: "deferred",
  read: (file, offset, length) => {
    const data = syncRealFileSource.read(file, offset, length) as Buffer;
    return new Promise((resolve) => setTimeout(() => resolve(data), 1));
  },
};

const sources: Array<[string, () => FileSource]> = [
  ["the real fs, synchronously", () => syncRealFileSource],
  ["the real fs through libuv's pool", () => asyncRealFileSource],
  ["a real disk (blocking)", () => blockingFileSource(openRealDisk())],
  ["a simulated disk (blocking)", () => blockingFileSource(createLocalSimulatedDisk({ latencyMs: 1, cacheMB: 4 }))],
  ["a deferred source (a helper)", () => deferredSource],
];

describe.each(sources)("a file of several chunks from %s", (_name, makeSource) => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])("caches %s, gather writes %s: byte-exact, twice on one connection, and HEAD", async (cachesOn, gatherWrites) => {
    const source = makeSource();
    const caches = cachesOn ? createFlashCaches() : {};
    const server = await startPipelineServer({ docroot: root.docroot, source, caches, gatherWrites });
    try {
      const result = await exchangeRaw({
        port: server.port,
        send: rawRequest("/multi.bin") + rawRequest("/multi.bin", { method: "HEAD" }) + rawRequest("/multi.bin"),
        headRequests: [false, true, false],
        expect: 3,
      });
      expect(result.responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(result.responses[0]!.body.equals(multi)).toBe(true);
      expect(result.responses[1]!.headers["content-length"]).toBe(String(multi.length));
      expect(result.responses[1]!.body.length).toBe(0);
      expect(result.responses[2]!.body.equals(multi)).toBe(true);
      const stats = server.pipeline.stats();
      const sourceReads = stats.fileReads.inline + stats.fileReads.deferred;
      if (cachesOn) {
        expect(stats.caches.data).toMatchObject({ entries: 4, bytes: multi.length, misses: 4, hits: 4 });
        expect(sourceReads).toBe(4); // each chunk read once; the second response came from the data cache
      } else {
        expect(sourceReads).toBe(8);
      }
      expect(stats.steps["read-file"].count).toBe(2); // one read-file step per response, whatever the chunks
    } finally {
      await server.close();
    }
  });
});

describe("memory per connection", () => {
  it("two clients that never read a 256 MB file cost a few chunks, and the server keeps serving others", async () => {
    const server = await startPipelineServer({ docroot: root.docroot, caches: createFlashCaches(), sendTimeoutMs: 60_000 });
    const readers: SlowReader[] = [];
    try {
      const before = process.memoryUsage();
      for (let index = 0; index < 2; index++) {
        const reader = await SlowReader.open(server.port);
        reader.send(rawRequest("/huge.bin"));
        readers.push(reader);
      }
      await waitFor("both responses to wait for their clients", () => server.pipeline.stats().connections.waitingForClient === 2);
      const during = process.memoryUsage();
      const other = await exchangeRaw({ port: server.port, send: rawRequest("/hello.txt") });
      expect(other.responses[0]?.status).toBe(200);
      // Buffers (arrayBuffers) hold file bytes; reading the file whole would add 256 MB per client.
      expect(during.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * MB);
      expect(during.rss - before.rss).toBeLessThan(96 * MB);
      expect(server.pipeline.stats().caches.data.bytes).toBeLessThan(32 * MB);
    } finally {
      for (const reader of readers) reader.destroy();
      await server.close(1_000);
    }
  });
});
