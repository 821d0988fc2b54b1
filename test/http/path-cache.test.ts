// The pathname translation cache rechecks files: an edited file is served fresh once the cached
// translation is older than pathCacheValidMs, a file swapped for a symlink to a secret outside the
// docroot is never served through it (whatever caches are on), and the many spellings of one path
// share one cache entry.
import { rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlashCaches, startPipelineServer, syncRealFileSource, type FileSource } from "../../lib/http/index.js";
import { exchangeRaw, rawRequest } from "../../lib/loadgen/index.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";

let root: TestDocroot;
beforeAll(() => {
  root = makeTestDocroot();
});
afterAll(() => root?.remove());

async function get(port: number, path: string) {
  const { responses } = await exchangeRaw({ port, send: rawRequest(path) });
  return responses[0]!;
}

describe("revalidation", () => {
  it("serves an edited file's new content once the cached translation is older than pathCacheValidMs", async () => {
    const file = join(root.docroot, "edited.txt");
    writeFileSync(file, "first version");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const server = await startPipelineServer({ docroot: root.docroot, caches: createFlashCaches(), pathCacheValidMs: 300 });
    try {
      expect((await get(server.port, "/edited.txt")).body.toString()).toBe("first version");
      writeFileSync(file, "the second, longer version");
      const editedAt = performance.now();
      let body = "";
      await waitFor("the new content", async () => (body = (await get(server.port, "/edited.txt")).body.toString()) !== "first version", 5_000);
      expect(body).toBe("the second, longer version");
      expect(performance.now() - editedAt).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });
});

/** Every combination of the three caches, with a synchronous and a deferred source. */
const cacheCombinations = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({ pathCache: (bits & 1) !== 0, headerCache: (bits & 2) !== 0, dataCache: (bits & 4) !== 0 }));
const deferredSource: FileSource = {
  name: "deferred",
  read: (file, offset, length) => Promise.resolve().then(() => syncRealFileSource.read(file, offset, length)),
};

describe("a file swapped for a symlink to a secret outside the docroot", () => {
  it.each(cacheCombinations.flatMap((caches) => [{ ...caches, deferred: false }, { ...caches, deferred: true }]))(
    "is never served through it (%o)",
    async ({ deferred, ...caches }) => {
      const name = `swapped-${Object.values(caches).map(Number).join("")}-${Number(deferred)}.txt`;
      const file = join(root.docroot, name);
      writeFileSync(file, "public content");
      // A long validity: the cached translation still names the old file when the swap happens.
      const server = await startPipelineServer({
        docroot: root.docroot,
        caches: createFlashCaches(caches),
        pathCacheValidMs: 60_000,
        ...(deferred ? { source: deferredSource } : {}),
      });
      try {
        expect((await get(server.port, `/${name}`)).body.toString()).toBe("public content");
        rmSync(file);
        symlinkSync(join(root.base, "secret.txt"), file);
        for (let attempt = 0; attempt < 3; attempt++) {
          const response = await get(server.port, `/${name}`);
          expect(response.body.toString()).not.toContain("TOP-SECRET");
          // The old bytes from the data cache (the version that was validated), or a refusal.
          if (response.status === 200) expect(response.body.toString()).toBe("public content");
          else expect(response.status).toBe(403);
        }
      } finally {
        await server.close();
      }
    },
  );

  it("is refused (403) after revalidation, even with every cache on", async () => {
    const file = join(root.docroot, "swapped-late.txt");
    writeFileSync(file, "public content");
    const server = await startPipelineServer({ docroot: root.docroot, caches: createFlashCaches(), pathCacheValidMs: 200 });
    try {
      expect((await get(server.port, "/swapped-late.txt")).status).toBe(200);
      rmSync(file);
      symlinkSync(join(root.base, "secret.txt"), file);
      await waitFor("a refusal", async () => (await get(server.port, "/swapped-late.txt")).status === 403, 5_000);
    } finally {
      await server.close();
    }
  });
});

describe("the path cache's key", () => {
  it("is the decoded, normalized path: many spellings of one file share one entry", async () => {
    const server = await startPipelineServer({ docroot: root.docroot, caches: createFlashCaches() });
    try {
      const spellings = ["/hello.txt", "//hello.txt", "/./hello.txt", "/%68ello.txt", "/hello.txt?x=1", "/%2e/hello.txt", "///./%2fhello.txt"];
      for (const path of spellings) expect((await get(server.port, path)).body.toString()).toBe("hello, flashlab\n");
      expect(server.pipeline.stats().caches.path).toMatchObject({ entries: 1, misses: 1, hits: spellings.length - 1 });
      // A trailing slash names a directory: another key, and a 404 for a file.
      expect((await get(server.port, "/hello.txt/")).status).toBe(404);
      expect((await get(server.port, "/dir/")).status).toBe(200);
      expect((await get(server.port, "/dir")).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
