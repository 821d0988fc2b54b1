// Hidden tests of the server assignment. The end-to-end tests run a real server around the student's
// dispatch in the submission's process (fixture "server.start") and judge it from here, as a client
// over loopback: response bytes, lost requests, timing order, refused connections, the process's exit.
// The probes play small scenarios with pretend helpers (fixture "server.probe") and judge what they saw.
import { connect } from "node:net";
import { createRng, defineHiddenTests, expectEqual, expectTrue, rawRequest, RawHttpConnection, sizedFileContent, TestFailure } from "flashlab";
import type { HiddenTestContext, ProbeObservations, RawHttpResponse, SubmissionHandle } from "flashlab";

interface TestFile {
  path: string;
  bytes: number;
}

async function startServer(submission: SubmissionHandle, options: { missMs: number; helpers: number; files: TestFile[]; warm: string[] }): Promise<number> {
  await submission.restart();
  const started = (await submission.fixture("server.start", options)) as { port: number };
  return started.port;
}

/** Checks a response: status 200 and exactly the file's bytes. */
function expectFile(response: RawHttpResponse | undefined, file: TestFile, what: string): void {
  expectTrue(response !== undefined, `${what}: no response`);
  expectTrue(response.status === 200, `${what}: status ${response.status}, expected 200`);
  const expected = sizedFileContent(file.path, file.bytes);
  expectTrue(response.body.equals(expected), `${what}: the body is ${response.body.length} bytes and differs from the file's ${expected.length} bytes`);
}

/** One GET on a fresh connection; resolves with the response and when it was complete. */
async function timedGet(port: number, path: string, timeoutMs: number): Promise<{ response: RawHttpResponse | undefined; doneAt: number }> {
  const connection = await RawHttpConnection.open(port);
  try {
    connection.send(rawRequest(path));
    const responses = await connection.waitForResponses(1, timeoutMs);
    return { response: responses[0], doneAt: performance.now() };
  } finally {
    connection.destroy();
  }
}

async function probe(context: HiddenTestContext, name: string): Promise<ProbeObservations> {
  const observations = (await context.submission.fixture("server.probe", { probe: name })) as ProbeObservations;
  context.log(`observed: ${JSON.stringify({ helperStarts: observations.helperStarts, maxBusy: observations.maxBusy, refusedBusy: observations.refusedBusy, loopMisses: observations.loopMisses })}`);
  return observations;
}

const cold = (index: number, bytes = 16 * 1024): TestFile => ({ path: `/cold-${index}.bin`, bytes });
const hot: TestFile = { path: "/hot-0.bin", bytes: 16 * 1024 };

export default defineHiddenTests([
  {
    name: "probe: misses go to helpers first come first served, one read per helper at a time",
    points: 2,
    async run(context) {
      const seen = await probe(context, "fifo");
      expectEqual("the files handed to helpers, in order", seen.helperStarts.map((start) => start.path), ["a", "b", "c", "d", "e"].map((name) => `/docroot/${name}.bin`));
      expectEqual("reads refused because the helper was busy", seen.refusedBusy, 0);
      expectEqual("the most helpers busy at once (2 helpers, 5 misses)", seen.maxBusy, 2);
      expectEqual("misses read in the loop", seen.loopMisses, 0);
      for (const read of seen.reads) {
        expectTrue(read.returned === "promise" && read.state === "resolved" && read.correct === true, `read(${read.path}): ${read.returned}, ${read.state}${read.error ? ` (${read.error})` : ""}; expected a Promise resolving to the file's bytes`);
      }
    },
  },
  {
    name: "probe: resident data is returned at once from the loop, even while every helper is busy",
    points: 2,
    async run(context) {
      const seen = await probe(context, "resident");
      const hotRead = seen.reads.find((read) => read.path === "/docroot/hot.bin")!;
      expectTrue(hotRead.returned === "buffer" && hotRead.correct === true, `read(hot.bin), which is in memory: ${hotRead.returned}${hotRead.error ? ` (${hotRead.error})` : ""}; expected its bytes as a Buffer at once, not a Promise`);
      expectTrue(!seen.helperStarts.some((start) => start.path === "/docroot/hot.bin"), "hot.bin is in memory but was handed to a helper");
      for (const read of seen.reads.filter((entry) => entry !== hotRead)) {
        expectTrue(read.state === "resolved" && read.correct === true, `read(${read.path}): ${read.state}${read.error ? ` (${read.error})` : ""}; expected the file's bytes`);
      }
      expectEqual("misses read in the loop", seen.loopMisses, 0);
    },
  },
  {
    name: "probe: a helper's failed read fails that request only; the helper goes on with the queue",
    points: 1,
    async run(context) {
      const seen = await probe(context, "failure");
      const [gone, next] = seen.reads;
      expectTrue(gone?.state === "rejected", `read(gone.bin), whose helper read failed: ${gone?.state}; expected a rejection`);
      expectTrue(next?.state === "resolved" && next.correct === true, `read(next.bin), queued behind it: ${next?.state}${next?.error ? ` (${next.error})` : ""}; expected the file's bytes`);
      expectEqual("reads refused because the helper was busy", seen.refusedBusy, 0);
    },
  },
  {
    name: "probe: close() lets accepted reads finish, refuses new ones, and resolves when none is left",
    points: 1,
    async run(context) {
      const seen = await probe(context, "close");
      for (const read of seen.reads) {
        expectTrue(read.state === "resolved" && read.correct === true, `read(${read.path}), accepted before close(): ${read.state}${read.error ? ` (${read.error})` : ""}; it must still complete`);
      }
      expectTrue(seen.readAfterClose?.state === "rejected", `a read after close(): ${seen.readAfterClose?.returned}, ${seen.readAfterClose?.state}; expected it refused (thrown or rejected)`);
      expectTrue(seen.closeResolvedEarly === false, "close() resolved while a queued read was still in a helper");
      expectTrue(seen.closeResolvedAtEnd === true, "close() had not resolved after every read finished");
    },
  },
  {
    name: "server: byte-exact responses for cached and uncached files of 0 B to 1 MB, HEAD, pipelining and 404",
    points: 3,
    timeoutMs: 40_000,
    async run({ submission }) {
      const files: TestFile[] = [hot, { path: "/empty.bin", bytes: 0 }, { path: "/one.bin", bytes: 1 }, cold(0, 1024), cold(1, 1024 * 1024), cold(2, 100 * 1024)];
      const port = await startServer(submission, { missMs: 20, helpers: 2, files, warm: [hot.path] });
      for (const file of files) expectFile((await timedGet(port, file.path, 10_000)).response, file, `GET ${file.path}`);
      // Again, now that every file is in memory.
      for (const file of files) expectFile((await timedGet(port, file.path, 10_000)).response, file, `GET ${file.path} a second time`);
      const connection = await RawHttpConnection.open(port);
      try {
        const head = files[5]!;
        connection.send(rawRequest(head.path, { method: "HEAD" }), [true]);
        const [headResponse] = await connection.waitForResponses(1, 10_000);
        expectTrue(headResponse?.status === 200, `HEAD ${head.path}: status ${headResponse?.status}, expected 200`);
        expectTrue(headResponse.headers["content-length"] === String(head.bytes) && headResponse.body.length === 0, `HEAD ${head.path}: Content-Length ${headResponse.headers["content-length"]} and ${headResponse.body.length} body bytes; expected ${head.bytes} and none`);
        const pipelined = [files[5]!, hot, files[4]!];
        connection.send(pipelined.map((file) => rawRequest(file.path)).join(""));
        const responses = await connection.waitForResponses(4, 15_000);
        pipelined.forEach((file, index) => expectFile(responses[index + 1], file, `pipelined GET ${file.path} (response ${index + 1} of 3)`));
      } finally {
        connection.destroy();
      }
      const missing = await timedGet(port, "/missing.bin", 10_000);
      expectTrue(missing.response?.status === 404, `GET /missing.bin: status ${missing.response?.status}, expected 404`);
      await submission.fixture("server.stop", { graceMs: 5000 });
    },
  },
  {
    name: "server: no lost requests under load (320 requests on 16 keep-alive connections, 2 helpers, 40 misses)",
    points: 3,
    timeoutMs: 60_000,
    async run({ submission, log }) {
      const rng = createRng(77);
      const colds = Array.from({ length: 40 }, (_, index) => cold(index, rng.integer(2, 64) * 1024));
      const files = [hot, ...colds];
      const port = await startServer(submission, { missMs: 20, helpers: 2, files, warm: [hot.path] });
      const plan = Array.from({ length: 16 }, () => Array.from({ length: 20 }, () => files[rng.integer(0, files.length - 1)]!));
      let answered = 0;
      await Promise.all(
        plan.map(async (requests, client) => {
          const connection = await RawHttpConnection.open(port);
          try {
            for (const [index, file] of requests.entries()) {
              connection.send(rawRequest(file.path));
              const responses = await connection.waitForResponses(index + 1, 20_000);
              expectFile(responses[index], file, `connection ${client + 1}, request ${index + 1} (GET ${file.path})`);
              answered++;
            }
          } finally {
            connection.destroy();
          }
        }),
      );
      expectEqual("requests answered", answered, 320);
      const counters = (await submission.fixture("server.counters")) as Record<string, number>;
      log(`what the dispatch did: ${JSON.stringify(counters)}`);
      await submission.fixture("server.stop", { graceMs: 5000 });
    },
  },
  {
    name: "server: no head-of-line blocking: a cached file is answered while misses are in helpers and in the queue (200 ms misses)",
    points: 4,
    timeoutMs: 40_000,
    async run({ submission, log }) {
      const colds = [cold(0), cold(1), cold(2)];
      const port = await startServer(submission, { missMs: 200, helpers: 2, files: [hot, ...colds], warm: [hot.path] });
      // Three misses: two in the helpers, one waiting in the queue.
      const missing = colds.map((file) => timedGet(port, file.path, 10_000));
      for (const [index, file] of colds.slice(0, 2).entries()) {
        const started = await Promise.race([
          submission.nextEvent((event) => event.name === "helper-read" && (event.data as { path: string }).path === file.path, 5_000),
          missing[index]!.then(() => "answered" as const),
        ]);
        if (started === "answered") throw new TestFailure(`GET ${file.path} (not in memory) was answered without a helper: the miss was read in the event loop, which blocks every connection`);
        if (started === undefined) throw new TestFailure(`GET ${file.path} (not in memory) was not handed to a helper within 5 s`);
      }
      const cached = await timedGet(port, hot.path, 10_000);
      const misses = await Promise.all(missing);
      expectFile(cached.response, hot, `GET ${hot.path} (in memory)`);
      misses.forEach((miss, index) => expectFile(miss.response, colds[index]!, `GET ${colds[index]!.path} (a miss)`));
      const firstMissDone = Math.min(...misses.map((miss) => miss.doneAt));
      log(`the cached file was complete ${(firstMissDone - cached.doneAt).toFixed(1)} ms before the first miss`);
      expectTrue(cached.doneAt < firstMissDone, "the cached file was answered only after a miss completed: the event loop was blocked (head-of-line blocking)");
      await submission.fixture("server.stop", { graceMs: 5000 });
    },
  },
  {
    name: "server: clean shutdown: requests in progress finish, new connections are refused, the process exits by itself",
    points: 2,
    timeoutMs: 40_000,
    async run({ submission }) {
      const colds = [cold(0), cold(1), cold(2)];
      const port = await startServer(submission, { missMs: 150, helpers: 1, files: [hot, ...colds], warm: [hot.path] });
      const inProgress = colds.map((file) => timedGet(port, file.path, 15_000));
      for (const file of colds) {
        const asked = await submission.nextEvent((event) => event.name === "read" && (event.data as { path: string }).path === file.path, 5_000);
        if (asked === undefined) throw new TestFailure(`the server never asked the dispatch for ${file.path}`);
      }
      await submission.fixture("server.stop", { graceMs: 10_000 }, 20_000);
      const answered = await Promise.all(inProgress);
      answered.forEach((result, index) => expectFile(result.response, colds[index]!, `GET ${colds[index]!.path}, in progress when the shutdown began`));
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ port, host: "127.0.0.1" });
        socket.once("connect", () => {
          socket.destroy();
          resolve(false);
        });
        socket.once("error", () => resolve(true));
      });
      expectTrue(refused, "after the shutdown the server still accepted a connection");
      const ended = await submission.finish(5_000);
      expectTrue(ended.exitedByItself, "5 s after the shutdown the process had not exited by itself: something (a timer, a helper, an open handle) was left running");
      expectTrue(ended.code === 0, `the process exited with code ${ended.code} (signal ${ended.signal}) after the shutdown; expected 0`);
    },
  },
]);
