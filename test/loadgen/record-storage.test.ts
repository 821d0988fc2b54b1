/**
 * How the load generator stores and writes its per-request records: the columnar record blocks round-trip
 * exactly, the byte-level number formatting prints exactly what `toFixed(3)` and `String` print, the
 * streamed CSV holds every field of every row, the batched HDR histogram equals one fed value by value,
 * and the collector's HDR histograms see every successful request of every block.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFixed3, writeInteger } from "../../lib/loadgen/csv-bytes.js";
import { errorKindCode } from "../../lib/loadgen/error-kinds.js";
import { BatchedLatencyHistogram, createLatencyHistogram } from "../../lib/loadgen/latency-histograms.js";
import { type RecordBlock, RecordBlockWriter, recordFieldCount, requestRecordFromBlock } from "../../lib/loadgen/record-columns.js";
import { RecordCollector } from "../../lib/loadgen/record-collector.js";
import { RecordsCsvWriter, recordsCsvHeader } from "../../lib/loadgen/records-csv.js";

const folder = mkdtempSync(join(tmpdir(), "flashlab-record-storage-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A deterministic pseudo-random source (xorshift), so failures reproduce. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const paths = ["/1k.bin", "/a,b.html", '/say "hi"', "/café/ü.txt"];

/** Rows like a real run's: some with a new connection, some retried, some failed without a first byte. */
function sampleRows(count: number, seed: number): number[][] {
  const random = randomSource(seed);
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) {
    const intended = i * 0.0173 + random() * 5;
    const failed = i % 37 === 5;
    const fresh = i % 11 === 0;
    const firstByte = failed ? Number.NaN : intended + 0.05 + random();
    rows.push([
      intended,
      intended + (i % 3 === 0 ? 0 : random()),
      fresh ? intended + 0.01 : Number.NaN,
      firstByte,
      (failed ? intended : firstByte) + random() * 0.2,
      failed ? 0 : 1024 + (i % 300),
      failed ? 0 : i % 53 === 0 ? 404 : 200,
      failed ? errorKindCode(i % 2 === 0 ? "timeout" : "short-body") : 0,
      i % paths.length,
      i % 17,
      fresh ? 1 : 0,
      i % 13 === 4 ? 1 : 0,
    ]);
  }
  return rows;
}

/** Writes `rows` through a RecordBlockWriter with small blocks and returns the blocks it flushed. */
function blocksOf(rows: number[][], rowsPerBlock: number): RecordBlock[] {
  const blocks: RecordBlock[] = [];
  const writer = new RecordBlockWriter(rowsPerBlock, (block) => blocks.push(block));
  for (const row of rows) {
    const [a, b, c, d, e, f, g, h, i, j, k, l] = row as [number, number, number, number, number, number, number, number, number, number, number, number];
    writer.append(a, b, c, d, e, f, g, h, i, j, k, l);
  }
  writer.flushNow();
  return blocks;
}

describe("columnar record blocks", () => {
  it("round-trip every field exactly, NaN included, across block boundaries", () => {
    const rows = sampleRows(1000, 7);
    const blocks = blocksOf(rows, 64);
    expect(blocks.map((block) => block.count)).toEqual([...Array(15).fill(64), 1000 - 15 * 64]);
    const back: number[][] = [];
    for (const block of blocks) {
      for (let row = 0; row < block.count; row++) back.push(Array.from(block.values.subarray(row * recordFieldCount, (row + 1) * recordFieldCount)));
    }
    expect(back).toEqual(rows);
  });

  it("become the metrics' RequestRecord with absent times left out", () => {
    const rows = sampleRows(40, 3);
    const [block] = blocksOf(rows, 64) as [RecordBlock];
    const fresh = requestRecordFromBlock(block, 0, paths);
    expect(fresh).toEqual({ intendedMs: rows[0]![0], startMs: rows[0]![1], connectMs: rows[0]![2], firstByteMs: rows[0]![3], endMs: rows[0]![4], bytes: rows[0]![5], status: 404, url: "/1k.bin", clientId: 0 });
    const failed = requestRecordFromBlock(block, 5, paths);
    expect(failed.error).toBe("short-body");
    expect("firstByteMs" in failed).toBe(false);
    expect("connectMs" in failed).toBe(false);
    expect("retries" in failed).toBe(false);
    expect(requestRecordFromBlock(block, 4, paths).retries).toBe(1);
  });
});

describe("byte-level number formatting", () => {
  const buf = Buffer.alloc(64);
  const fixed = (value: number) => buf.toString("latin1", 0, writeFixed3(buf, 0, value));
  const integer = (value: number) => buf.toString("latin1", 0, writeInteger(buf, 0, value));

  it("prints exactly what toFixed(3) prints, ties and edge cases included", () => {
    const random = randomSource(11);
    const values = [0, -0, 0.0005, 0.0015, 1.0005, 2.675, 1005.4495, -0.0004, -1.0005, 999.9995, 123456789.1234565, 2 ** 31, 2 ** 40 + 0.5, 1e15, 1e21, -1e21, 5e-324];
    for (let i = 0; i < 50_000; i++) {
      values.push(random() * 10 ** (random() * 12), -random() * 100, Math.floor(random() * 1e7) / 1e4 + 0.0005, Math.floor(random() * 1e6) / 1000 - 0.0005);
    }
    const mismatches = values.filter((value) => fixed(value) !== value.toFixed(3));
    expect(mismatches).toEqual([]);
  });

  it("prints nothing for NaN (a missing time) and toFixed's text for infinities", () => {
    expect(fixed(Number.NaN)).toBe("");
    expect(fixed(Infinity)).toBe("Infinity");
    expect(fixed(-Infinity)).toBe("-Infinity");
  });

  it("prints integers as String does", () => {
    for (const value of [0, 7, -7, 10, 99, 1278, 200, 65535, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 1e12, 2 ** 53, -(2 ** 53), 2 ** 60, -1.5, 0.25, 1e21]) {
      expect(integer(value)).toBe(String(value));
    }
  });
});

describe("records CSV", () => {
  it("holds every field of every row, in order, as the records say", async () => {
    const rows = sampleRows(700, 5);
    const file = join(folder, "records.csv");
    const csv = new RecordsCsvWriter(file, paths);
    for (const block of blocksOf(rows, 128)) csv.writeBlock(block);
    await csv.close();
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[0]).toBe(recordsCsvHeader);
    expect(lines.at(-1)).toBe("");
    expect(lines.length).toBe(rows.length + 2);
    const time = (value: number) => (Number.isNaN(value) ? "" : value.toFixed(3));
    const quoted = (path: string) => (/[",\n\r]/.test(path) ? `"${path.replaceAll('"', '""')}"` : path);
    const kinds = ["", "connect", "timeout", "reset", "bad-status", "short-body"];
    rows.forEach((row, i) => {
      const [intended, start, connect, firstByte, end, bytes, status, error, pathIndex, clientId, fresh, retries] = row as number[];
      const expected = [time(intended!), time(start!), time(connect!), time(firstByte!), time(end!), String(bytes), String(status), kinds[error!], quoted(paths[pathIndex!]!), String(clientId), String(fresh), String(retries)].join(",");
      expect(lines[i + 1]).toBe(expected);
    });
  });
});

describe("batched latency histogram", () => {
  it("ends up exactly as a histogram fed every value one at a time", () => {
    const random = randomSource(17);
    const batched = new BatchedLatencyHistogram();
    const plain = createLatencyHistogram();
    const record = (ms: number) => {
      batched.recordMs(ms);
      const micros = Math.round(ms * 1000);
      plain.recordValue(micros > 0 ? micros : 0);
    };
    for (let i = 0; i < 200_000; i++) record(random() < 0.99 ? random() * 2 : random() * 5000);
    for (const ms of [0, -1, 0.0004, 65.535, 65.536, 65.5365, 120_000]) record(ms);
    const reads = [batched.histogramNow()];
    // Reading moves the tally into the histogram; recording goes on afterwards.
    for (let i = 0; i < 1000; i++) record(random());
    reads.push(batched.histogramNow());
    const histogram = reads[1]!;
    expect(reads[0]).toBe(histogram);
    expect([histogram.totalCount, histogram.minNonZeroValue, histogram.maxValue, histogram.mean]).toEqual([plain.totalCount, plain.minNonZeroValue, plain.maxValue, plain.mean]);
    for (const percentile of [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) {
      expect(histogram.getValueAtPercentile(percentile)).toBe(plain.getValueAtPercentile(percentile));
    }
  });
});

describe("record collector", () => {
  it("records every successful request of every block in the HDR histograms, and keeps the totals", () => {
    const rows = sampleRows(3000, 9);
    const collector = new RecordCollector(paths, undefined, 1_000_000, 0.5);
    for (const block of blocksOf(rows, 256)) collector.add(block);
    const successes = rows.filter((row) => row[7] === 0);
    expect(collector.totals.count).toBe(rows.length);
    expect(collector.responseHistogram.totalCount).toBe(successes.length);
    expect(collector.waitHistogram.totalCount).toBe(successes.length);
    const responseUs = successes.map((row) => Math.round((row[4]! - row[0]!) * 1000));
    // HDR keeps 3 significant digits: the extremes agree to 0.1 %.
    expect(collector.responseHistogram.maxValue).toBeGreaterThanOrEqual(Math.max(...responseUs) * 0.999);
    expect(collector.responseHistogram.maxValue).toBeLessThanOrEqual(Math.max(...responseUs) * 1.001);
    expect(collector.responseHistogram.minNonZeroValue).toBeLessThanOrEqual(Math.min(...responseUs) * 1.001);
    expect(collector.totals.completedBytes).toBe(successes.reduce((sum, row) => sum + row[5]!, 0));
    expect(collector.totals.slaMisses).toBe(successes.filter((row) => row[4]! - row[0]! > 0.5).length);
    expect(collector.requestRecords()).toHaveLength(rows.length);
  });

  it("keeps recording histograms after the records outgrow memory", () => {
    const rows = sampleRows(2000, 13);
    const collector = new RecordCollector(paths, undefined, 500, null);
    for (const block of blocksOf(rows, 256)) collector.add(block);
    expect(collector.keptAll).toBe(false);
    expect(collector.requestRecords()).toEqual([]);
    expect(collector.responseHistogram.totalCount).toBe(rows.filter((row) => row[7] === 0).length);
  });
});
