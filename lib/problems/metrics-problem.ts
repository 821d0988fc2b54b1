/**
 * Seeded metrics problems (lecture §5–7): a small table of request records (when each was sent, its
 * first byte, its last byte, its size and status), from which the questions ask for throughput, mean and
 * p90 response time, mean wait time, SLA violations, bandwidth and connection rate. The worked answers
 * show each formula and are computed with lib/metrics, the same functions the load generator uses.
 */
import { bandwidth } from "../metrics/bandwidth.js";
import { connectionRate } from "../metrics/connection-rate.js";
import { percentile } from "../metrics/percentile.js";
import type { RequestRecord } from "../metrics/request-record.js";
import { responseTimesMs } from "../metrics/response-time.js";
import { slaViolationPct } from "../metrics/sla-violations.js";
import { throughput } from "../metrics/throughput.js";
import { waitTimesMs } from "../metrics/wait-time.js";
import { createRng } from "../runtime/random.js";
import { textTable } from "../viz/text-table.js";
import type { SelfCheckProblem } from "./problem.js";

const round = (value: number, digits = 2): string => String(Math.round(value * 10 ** digits) / 10 ** digits);

/** The records of the problem seeded by `seed`: whole milliseconds, one connection per request. */
export function metricsProblemRecords(seed: number): RequestRecord[] {
  const rng = createRng(seed);
  const count = rng.integer(6, 10);
  const records: RequestRecord[] = [];
  let sent = 0;
  for (let index = 0; index < count; index++) {
    sent += 5 * rng.integer(0, 7);
    const wait = rng.integer(2, 31);
    const transfer = rng.integer(1, 40);
    const bytes = 1000 * rng.integer(1, 50);
    records.push({ startMs: sent, firstByteMs: sent + wait, endMs: sent + wait + transfer, bytes, status: 200, clientId: index });
  }
  return records;
}

/** The metrics problem seeded by `seed`, with its worked answers. */
export function metricsProblem(seed: number): SelfCheckProblem {
  const records = metricsProblemRecords(seed);
  const slaMs = 10 * createRng(seed + 1).integer(2, 5);
  const first = Math.min(...records.map((record) => record.startMs));
  const last = Math.max(...records.map((record) => record.endMs));
  const durationS = (last - first) / 1000;
  const responses = responseTimesMs(records);
  const waits = waitTimesMs(records);
  const totalBytes = records.reduce((sum, record) => sum + record.bytes, 0);
  const sorted = [...responses].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * 90) / 100;
  const late = responses.filter((time) => time > slaMs).length;
  const table = textTable(
    records.map((record, index) => [index + 1, record.startMs, record.firstByteMs, record.endMs, record.bytes, record.status]),
    { header: ["request", "sent (ms)", "first byte (ms)", "last byte (ms)", "bytes", "status"] },
  );
  return {
    title: `request metrics (lecture §5–7): ${records.length} requests, each on its own connection`,
    parameters: [
      ["requests", records.length],
      ["sla-ms", slaMs],
    ],
    given: table.split("\n"),
    questions: [
      "The run lasts from the first request sent to the last byte received. What is the throughput (requests/s)?",
      "What is the mean response time (ms)?",
      "What is the p90 response time (ms), by linear interpolation between closest ranks?",
      "What is the mean wait time, up to the first byte (ms)?",
      `What share of requests violate an SLA of ${slaMs} ms (%)?`,
      "What is the bandwidth (MB/s, 10^6 bytes)?",
      "What is the connection rate (connections/s)?",
    ],
    answers: [
      `${records.length} requests over ${last} − ${first} = ${last - first} ms: ${records.length} / ${round(durationS, 3)} s = ${round(throughput(records.length, durationS))} requests/s.`,
      `response = last byte − sent: ${responses.join(", ")}; mean ${round(responses.reduce((sum, time) => sum + time, 0) / responses.length)} ms.`,
      `sorted: ${sorted.join(", ")}; h = (${sorted.length} − 1) × 0.9 = ${round(rank, 3)}, between the ${Math.floor(rank) + 1}th and ${Math.ceil(rank) + 1}th values: ${round(percentile(responses, 90))} ms.`,
      `wait = first byte − sent: ${waits.join(", ")}; mean ${round(waits.reduce((sum, time) => sum + time, 0) / waits.length)} ms.`,
      `${late} of ${responses.length} take longer than ${slaMs} ms: ${round(slaViolationPct(responses, slaMs))}%.`,
      `${totalBytes} bytes over ${round(durationS, 3)} s: ${round(bandwidth(totalBytes, durationS, "MB/s"), 4)} MB/s.`,
      `one connection per request: ${records.length} / ${round(durationS, 3)} s = ${round(connectionRate(records.length, durationS))} connections/s.`,
    ],
  };
}
