/**
 * Request timelines on real servers, the lecture's two pictures: requests interleaved on one SPED loop
 * (§13), and a disk miss that stalls SPED's loop but, under AMPED, waits in a helper while the loop
 * answers the others (§16). Margins are wide: a 40 ms miss against sub-millisecond cached requests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDemoWorkload } from "../../lib/experiments/demo-workloads.js";
import { loopRuns, traceRequestTimeline, type RequestTimeline } from "../../lib/experiments/request-timeline.js";

const cacheRoot = mkdtempSync(join(tmpdir(), "flashlab-timeline-"));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));
const files = prepareDemoWorkload(
  {
    files: [
      { name: "1k", bytes: 1024, count: 2 },
      { name: "10k", bytes: 10 * 1024, count: 1 },
      { name: "8m", bytes: 8 * 1024 * 1024, count: 1 },
    ],
  },
  cacheRoot,
);
const missMs = 40;
const simulatedDisk = { kind: "sim", latencyMs: missMs, bandwidthMBps: 1000, cacheMB: 64, parallelism: 1 } as const;

const stepsOf = (timeline: RequestTimeline, request: string) => timeline.steps.filter((step) => step.request === request && step.context === "event-loop");
const answered = (timeline: RequestTimeline, request: string) => timeline.requests.find((entry) => entry.label === request)!;

describe("traceRequestTimeline", () => {
  it("sped: a response to a slow reader is sent as it reads, and the other requests are served meanwhile", async () => {
    const { docroot } = await files;
    const timeline = await traceRequestTimeline({
      server: { arch: "sped", docroot },
      warm: ["/8m-0.bin", "/1k-0.bin", "/10k-0.bin"],
      requests: [
        { label: "C1", path: "/8m-0.bin", atMs: 0, pauseReadingMs: 40 },
        { label: "C2", path: "/1k-0.bin", atMs: 2, headPieces: 2, pieceGapMs: 4 },
        { label: "C3", path: "/10k-0.bin", atMs: 3 },
      ],
    });
    expect(timeline.requests.map((request) => [request.label, request.status])).toEqual([
      ["C1", 200],
      ["C2", 200],
      ["C3", 200],
    ]);
    expect(timeline.requests.find((request) => request.label === "C1")!.bytes).toBeGreaterThan(8 * 1024 * 1024);
    // 8 MB in 256 KB chunks: 32 reads and 32 writes, traced one by one.
    expect(stepsOf(timeline, "C1").filter((step) => step.step === "send-data")).toHaveLength(32);
    const c1Sends = stepsOf(timeline, "C1").filter((step) => step.step === "send-data");
    for (const other of ["C2", "C3"]) {
      const parse = stepsOf(timeline, other).find((step) => step.step === "parse")!;
      expect(parse, `${other} was parsed`).toBeDefined();
      // Served while C1's response waited for its reader (40 ms and more): before C1's last chunk. (Whether
      // before or after its first chunk depends on when the loop first ran: a server preempted for a few
      // milliseconds finds all three requests waiting at once.)
      expect(parse.startMs).toBeLessThan(c1Sends.at(-1)!.startMs);
    }
    // C2's head came in two pieces 4 ms apart: its read-request cannot end before the second piece was sent
    // (how long it lasts depends on whether the loop saw the first piece on its own).
    const readRequest = stepsOf(timeline, "C2").find((step) => step.step === "read-request")!;
    expect(readRequest.endMs).toBeGreaterThanOrEqual(answered(timeline, "C2").sentMs);
    expect(answered(timeline, "C2").sentMs - answered(timeline, "C2").startMs).toBeGreaterThanOrEqual(3.5);
    // The loop's stretches alternate between requests: C1's response is split by the others' steps.
    const runs = loopRuns(timeline);
    expect(runs.filter((run) => run.request === "C1").length).toBeGreaterThanOrEqual(2);
    expect(runs.map((run) => run.request)).toEqual(expect.arrayContaining(["C2", "C3"]));
    for (let index = 1; index < runs.length; index++) expect(runs[index]!.request).not.toBe(runs[index - 1]!.request);
    expect(runs.filter((run) => run.request === "C3").map((run) => run.steps).join(", ")).toMatch(/^accept.*parse.*send-data/);
    // One loop: its steps never overlap, except the steps that wait (read-request).
    const running = timeline.steps.filter((step) => step.step !== "read-request").sort((a, b) => a.startMs - b.startMs);
    for (let index = 1; index < running.length; index++) expect(running[index]!.startMs).toBeGreaterThanOrEqual(running[index - 1]!.endMs - 1e-6);
  });

  it("sped on the simulated disk: the cached requests wait behind the miss", async () => {
    const { docroot } = await files;
    const timeline = await traceRequestTimeline({
      server: { arch: "sped", docroot, disk: simulatedDisk },
      warm: ["/1k-0.bin", "/10k-0.bin"],
      requests: [
        { label: "C1", path: "/1k-1.bin", atMs: 0 },
        { label: "C2", path: "/1k-0.bin", atMs: 5 },
        { label: "C3", path: "/10k-0.bin", atMs: 10 },
      ],
    });
    const miss = stepsOf(timeline, "C1").find((step) => step.step === "read-file")!;
    expect(miss.endMs - miss.startMs).toBeGreaterThanOrEqual(missMs * 0.9);
    for (const other of ["C2", "C3"]) {
      expect(answered(timeline, other).doneMs, `${other} waited for the miss`).toBeGreaterThan(miss.endMs);
      // Its connection may have been accepted before the loop blocked, but its request was read only after.
      for (const step of stepsOf(timeline, other).filter((step) => step.step !== "accept")) expect(step.startMs).toBeGreaterThanOrEqual(miss.endMs - 1e-6);
    }
    expect(timeline.helpers).toBeUndefined();
  });

  for (const arch of ["amped", "amted"] as const) {
    it(`${arch} on the simulated disk: the miss waits in a helper, the cached requests are answered meanwhile`, async () => {
      const { docroot } = await files;
      const timeline = await traceRequestTimeline({
        server: { arch, docroot, helpers: 2, disk: simulatedDisk },
        warm: ["/1k-0.bin", "/10k-0.bin"],
        requests: [
          { label: "C1", path: "/1k-1.bin", atMs: 0 },
          { label: "C2", path: "/1k-0.bin", atMs: 5, headPieces: 2, pieceGapMs: 3 },
          { label: "C3", path: "/10k-0.bin", atMs: 10 },
        ],
      });
      const helperRead = timeline.steps.find((step) => step.context === "helper 1")!;
      expect(helperRead).toMatchObject({ request: "C1", step: "read-file" });
      expect(helperRead.endMs - helperRead.startMs).toBeGreaterThanOrEqual(missMs * 0.9);
      for (const other of ["C2", "C3"]) expect(answered(timeline, other).doneMs, `${other} did not wait`).toBeLessThan(helperRead.endMs);
      expect(timeline.helpers).toMatchObject({ dispatches: 1, residentHits: 0 });
    });
  }

  it("refuses architectures with several serving contexts, and bad requests, saying why", async () => {
    const { docroot } = await files;
    await expect(traceRequestTimeline({ server: { arch: "mp", docroot }, requests: [{ label: "C1", path: "/1k-0.bin", atMs: 0 }] })).rejects.toThrow(/one event loop; mp has several/);
    await expect(traceRequestTimeline({ server: { arch: "sped", docroot }, requests: [] })).rejects.toThrow(/at least one request/);
    await expect(traceRequestTimeline({ server: { arch: "sped", docroot }, requests: [{ label: "C1", path: "/1k-0.bin", atMs: -1 }] })).rejects.toThrow(/atMs must be ≥ 0/);
  });
});
