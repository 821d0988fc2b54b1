// Property tests: any split of a pipeline of valid requests gives the same ordered responses, and
// random garbage mixed in never takes the server down.
import { describe, expect, it } from "vitest";
import { exchangeRaw, rawRequest } from "../../lib/loadgen/index.js";
import { createFlashCaches } from "../../lib/http/index.js";
import { useDocrootServer } from "./support/test-server.js";

const context = useDocrootServer({ caches: createFlashCaches({ dataCacheBytes: 100_000 }) });

/** A small seeded generator (LCG), so failures replay. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** URL → the fixture file it serves (undefined: 403 or 404). */
const fileForTarget: Record<string, string | undefined> = {
  "/hello.txt": "/hello.txt",
  "/binary.bin": "/binary.bin",
  "/dir/": "/dir/index.html",
  "/missing.txt": undefined,
  "/dir/page.css": "/dir/page.css",
  "/empty.txt": "/empty.txt",
  "/%252e%252e/inside.txt": "/%2e%2e/inside.txt",
  "/%2e%2e/inside.txt": undefined,
  "/../secret.txt": undefined,
};
const targets = Object.keys(fileForTarget);

describe("pipelining, fuzzed", () => {
  it.each([1, 2, 3, 4, 5])("seed %i: random valid requests in random pieces come back in order", async (seed) => {
    const random = seeded(seed);
    const plan = Array.from({ length: 12 }, () => {
      const path = targets[Math.floor(random() * targets.length)]!;
      const head = random() < 0.25;
      return { path, head, text: rawRequest(path, { method: head ? "HEAD" : "GET", headers: { "X-Seq": String(Math.floor(random() * 1e6)) } }) };
    });
    const bytes = Buffer.from(plan.map((p) => p.text).join(""));
    const cuts = Array.from({ length: 6 }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
    const pieces = [...cuts, bytes.length].map((cut, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1]!, cut)).filter((piece) => piece.length > 0);
    const result = await exchangeRaw({ port: context.server.port, send: pieces, delayMs: 2, expect: plan.length, headRequests: plan.map((p) => p.head), timeoutMs: 8_000 });
    expect(result.responses.length).toBe(plan.length);
    result.responses.forEach((response, i) => {
      const { path, head } = plan[i]!;
      const fileKey = fileForTarget[path];
      const file = fileKey === undefined ? undefined : context.root.files[fileKey];
      if (file === undefined) {
        expect([403, 404]).toContain(response.status);
      } else {
        expect(response.status).toBe(200);
        expect(response.headers["content-length"]).toBe(String(file.length));
        expect(response.body.equals(head ? Buffer.alloc(0) : file)).toBe(true);
      }
    });
    expect(result.unparsed.length).toBe(0);
  });

  it("survives garbage spliced into pipelines, connection after connection", async () => {
    const random = seeded(99);
    for (let round = 0; round < 40; round++) {
      const parts = Array.from({ length: 3 }, () =>
        random() < 0.5 ? rawRequest(targets[Math.floor(random() * targets.length)]!) : Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256))).toString("latin1"),
      );
      await exchangeRaw({ port: context.server.port, send: parts.join("") + "\r\n\r\n", expect: 3, timeoutMs: 200 });
    }
    const result = await exchangeRaw({ port: context.server.port, send: rawRequest("/hello.txt") });
    expect(result.responses[0]!.body.toString()).toBe("hello, flashlab\n");
    expect(context.server.pipeline.stats().errors).toBe(0);
  });
});
