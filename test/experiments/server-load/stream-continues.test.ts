/**
 * The measured window continues the request stream where the warm-up stopped. Replaying the stream from
 * its start would have the window ask again for what the warm-up had just asked for, whose files the
 * cache still holds; a slower server, which got less far in the warm-up, would then see fewer misses.
 * Checked on the load client (the window's first request is the stream's entry at `startAt`) and on
 * a real sweep (each run records where its window began: just after the warm-up's requests).
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ExperimentSpec, runExperiment, type ServerLoadSettings } from "../../../lib/experiments/index.js";
import { LoadClient } from "../../../lib/experiments/server-load/load-client.js";
import { writeWorkload } from "../../../lib/workloads/index.js";

const root = mkdtempSync(join(tmpdir(), "flashlab-stream-"));
const seen: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? "");
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

it("the load client begins the stream at startAt, wrapping past its end", async () => {
  const folder = join(root, "ten-files");
  const files = Array.from({ length: 10 }, (_, index) => ({ path: `/f${index}`, bytes: 10 }));
  await writeWorkload({ kind: "fixed", seed: 1, parameters: {}, files, requestFiles: files.map((_, index) => index) }, folder);
  const client = new LoadClient(null);
  try {
    const load = { url, workloadFolder: folder, requests: "stream", clients: 1, http: "1.1", thinkMs: 0, durationS: 0.2, timeoutMs: 5000, threads: 1, seed: 1 } as const;
    seen.length = 0;
    await client.run({ ...load, startAt: 13 }, 30_000, new AbortController().signal);
    expect(seen.slice(0, 3)).toEqual(["/f3", "/f4", "/f5"]);
    seen.length = 0;
    await client.run(load, 30_000, new AbortController().signal);
    expect(seen.slice(0, 2)).toEqual(["/f0", "/f1"]);
  } finally {
    await client.close();
  }
});

it("a sweep's measured window begins where its warm-up stopped", async () => {
  const spec: ExperimentSpec<ServerLoadSettings> = {
    name: "stream-continues",
    description: "SPED, one file, a warm-up and a window",
    factors: { fileSizeKB: [1] },
    fixed: { arch: "sped", workload: "single", clients: 2 },
    metrics: ["throughputRps"],
    seed: 4,
    profiles: { quick: { repetitions: 1, warmupS: 0.3, durationS: 0.2 }, full: { repetitions: 1, warmupS: 0.3, durationS: 0.2 } },
  };
  const result = await runExperiment(spec, { profile: "quick", out: join(root, "sweep") });
  const details = result.records[0]!.details as { warmup: { requests: number; errors: number }; window: { streamStart: number } };
  expect(details.warmup.requests).toBeGreaterThan(0);
  expect(details.window.streamStart).toBe(details.warmup.requests + details.warmup.errors);
});
