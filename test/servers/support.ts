/**
 * Shared helpers of the servers tests: a temporary docroot of known files, a timed one-request client,
 * and a guard that stops every server a test started.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exchangeRaw, rawRequest, type RawHttpResponse } from "../../lib/loadgen/index.js";
import { writeSizedDocroot, type SizedFile } from "../../lib/servers/size-docroot.js";
import type { RunningServer } from "../../lib/servers/types.js";

export interface TestDocroot {
  directory: string;
  files: SizedFile[];
  remove(): void;
}

/** A fresh docroot with `count` files of each size (default 1k and 100k). */
export function makeTestDocroot(sizes: number[] = [1024, 100 * 1024], count = 1): TestDocroot {
  const directory = mkdtempSync(join(tmpdir(), "flashlab-servers-"));
  const files = writeSizedDocroot(directory, sizes, count);
  return { directory, files, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** One GET on a new connection (Connection: close); resolves to the response and how long it took. */
export async function timedGet(port: number, path: string, timeoutMs = 10_000): Promise<{ response: RawHttpResponse | undefined; ms: number; error?: string }> {
  const started = performance.now();
  const result = await exchangeRaw({ port, send: rawRequest(path, { headers: { Connection: "close" } }), timeoutMs }).catch((error: Error) => ({
    responses: [] as RawHttpResponse[],
    error: error.message,
  }));
  return { response: result.responses[0], ms: performance.now() - started, error: result.error };
}

/** The port of a server's URL. */
export function portOf(server: RunningServer): number {
  return Number(new URL(server.url).port);
}

/** Keeps the servers a test file starts, and stops them all (use in afterAll / finally). */
export class ServerList {
  private readonly servers: RunningServer[] = [];
  add<T extends RunningServer>(server: T): T {
    this.servers.push(server);
    return server;
  }
  async stopAll(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((server) => server.stop().catch(() => undefined)));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

