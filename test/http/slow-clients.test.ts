// A response finishes as long as the client keeps reading: the send timeout counts from the last byte
// the client took, never from the start of the response, and a closing connection is not destroyed
// while what we wrote is still draining. A client that stops reading for good is cut off.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createFlashCaches } from "../../lib/http/index.js";
import { rawRequest } from "../../lib/loadgen/index.js";
import { SlowReader } from "../support/slow-reader.js";
import { haveTools } from "../support/tools.js";
import { waitFor } from "../support/wait.js";
import { useServersPerTest } from "./support/test-server.js";

const MB = 1024 * 1024;
const servers = useServersPerTest();
/** 16 MB: more than the kernel's socket buffers on loopback hold, so most of it waits in the server. */
let big: Buffer;
beforeAll(() => {
  big = randomBytes(16 * MB);
  writeFileSync(join(servers.root.docroot, "big.bin"), big);
});

describe("slow clients get the whole response", () => {
  it("HTTP/1.0: a client that reads nothing for 2.5 s, then everything, gets all 16 MB (the closing linger waits for the flush)", async () => {
    const server = await servers.start({ caches: createFlashCaches(), sendTimeoutMs: 10_000 });
    const reader = await SlowReader.open(server.port);
    reader.send(rawRequest("/big.bin", { version: "1.0" }));
    await waitFor("the server to start sending", () => server.pipeline.stats().bytesSent > 0);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // longer than the 2 s closing linger
    reader.readAt(Infinity);
    await waitFor("the server to close the connection", () => reader.closed, 20_000);
    expect(reader.error).toBeUndefined();
    const [response] = reader.responses();
    expect(response?.status).toBe(200);
    expect(response?.body.length).toBe(big.length);
    expect(response?.body.equals(big)).toBe(true);
  });

  it("keep-alive: a client reading at 4 MB/s gets two 16 MB responses though each takes far longer than the 400 ms send timeout", async () => {
    const server = await servers.start({ caches: createFlashCaches(), sendTimeoutMs: 400 });
    const reader = await SlowReader.open(server.port);
    reader.readAt(4 * MB);
    reader.send(rawRequest("/big.bin") + rawRequest("/big.bin", { headers: { Connection: "close" } }));
    await waitFor("both responses and the close", () => reader.closed, 30_000);
    expect(reader.error).toBeUndefined();
    const responses = reader.responses();
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    for (const response of responses) expect(response.body.equals(big)).toBe(true);
    expect(server.pipeline.stats().connections.timedOut).toBe(0);
  });

  it.skipIf(!haveTools("curl"))("curl --http1.0 --limit-rate 2M gets the whole 16 MB file", async () => {
    const server = await servers.start({ caches: createFlashCaches() });
    const { stdout } = await promisify(execFile)(
      "curl",
      ["--http1.0", "--limit-rate", "2M", "--silent", "--show-error", "--fail", "--max-time", "30", `${server.url}/big.bin`],
      { encoding: "buffer", maxBuffer: 64 * MB },
    );
    expect(stdout.length).toBe(big.length);
    expect(stdout.equals(big)).toBe(true);
  }, 40_000);
});

describe("a client that stops reading", () => {
  it("is cut off once nothing has been flushed for the send timeout", async () => {
    const server = await servers.start({ caches: createFlashCaches(), sendTimeoutMs: 500 });
    const reader = await SlowReader.open(server.port);
    reader.readAt(4 * MB);
    reader.send(rawRequest("/big.bin"));
    await waitFor("some bytes", () => reader.received > 2 * MB);
    reader.readAt(0);
    const stoppedAt = performance.now();
    await waitFor("the server to give up", () => server.pipeline.stats().connections.timedOut === 1, 10_000);
    expect(performance.now() - stoppedAt).toBeGreaterThanOrEqual(450);
    await waitFor("the connection to be gone on the server", () => server.pipeline.openConnections === 0);
    reader.readAt(Infinity); // what the kernel still held arrives, then the end: the response was cut short
    await waitFor("the connection to close", () => reader.closed, 10_000);
    expect(reader.received).toBeLessThan(big.length);
  });
});
