/**
 * Gathers the record blocks that the threads post during a run: streams them to the CSV file when one
 * was asked for, records every successful request's response and wait time in the HDR histograms (a
 * block at a time), and keeps the blocks (compact, 96 bytes per request) for the summary, up to a
 * limit. Past the limit it drops the kept blocks and keeps only running totals (span, bytes, SLA
 * misses), so a long run's memory stays bounded; the summary then comes from the HDR histograms.
 */
import type { RequestRecord } from "../metrics/request-record.js";
import { BatchedLatencyHistogram, type LatencyHistogram } from "./latency-histograms.js";
import { type RecordBlock, RecordField, recordFieldCount, requestRecordFromBlock } from "./record-columns.js";
import type { RecordsCsvWriter } from "./records-csv.js";

/** Running totals over every measured record, kept whether or not the records are. */
export interface RecordTotals {
  count: number;
  /** Earliest origin (intended time) and latest end, ms since the run's start. */
  firstOriginMs: number;
  lastEndMs: number;
  /** Response bytes of successful requests. */
  completedBytes: number;
  /** Successful requests slower than the SLA (when one is set). */
  slaMisses: number;
  /** Requests sent again after a keep-alive race. */
  retries: number;
}

/** See the module header. */
export class RecordCollector {
  readonly totals: RecordTotals = { count: 0, firstOriginMs: Infinity, lastEndMs: -Infinity, completedBytes: 0, slaMisses: 0, retries: 0 };
  private readonly responses = new BatchedLatencyHistogram();
  private readonly waits = new BatchedLatencyHistogram();
  private blocks: RecordBlock[] = [];
  private overflowed = false;

  constructor(
    private readonly paths: readonly string[],
    private readonly csv: RecordsCsvWriter | undefined,
    private readonly maxRecordsInMemory: number,
    private readonly slaMs: number | null,
  ) {}

  /** Response times (end − intended) of the successful requests so far, µs. */
  get responseHistogram(): LatencyHistogram {
    return this.responses.histogramNow();
  }

  /** Wait times (first byte − intended) of the successful requests that got a first byte so far, µs. */
  get waitHistogram(): LatencyHistogram {
    return this.waits.histogramNow();
  }

  /** True when the records outgrew the limit and were not kept. */
  get keptAll(): boolean {
    return !this.overflowed;
  }

  /** Takes one block from a thread. */
  add(block: RecordBlock): void {
    this.csv?.writeBlock(block);
    const totals = this.totals;
    const values = block.values;
    const sla = this.slaMs;
    const responses = this.responses;
    const waits = this.waits;
    for (let row = 0; row < block.count; row++) {
      const base = row * recordFieldCount;
      const origin = values[base + RecordField.intendedMs] as number;
      const end = values[base + RecordField.endMs] as number;
      if (origin < totals.firstOriginMs) totals.firstOriginMs = origin;
      if (end > totals.lastEndMs) totals.lastEndMs = end;
      totals.retries += values[base + RecordField.retries] as number;
      if (values[base + RecordField.errorCode] === 0) {
        totals.completedBytes += values[base + RecordField.bytes] as number;
        if (sla !== null && end - origin > sla) totals.slaMisses++;
        responses.recordMs(end - origin);
        const firstByte = values[base + RecordField.firstByteMs] as number;
        if (firstByte === firstByte) waits.recordMs(firstByte - origin);
      }
    }
    totals.count += block.count;
    if (this.overflowed) return;
    this.blocks.push(block);
    if (totals.count > this.maxRecordsInMemory) {
      this.blocks = [];
      this.overflowed = true;
    }
  }

  /** The kept records as the metrics' RequestRecord objects (empty after an overflow). */
  requestRecords(): RequestRecord[] {
    const records: RequestRecord[] = [];
    for (const block of this.blocks) {
      for (let row = 0; row < block.count; row++) records.push(requestRecordFromBlock(block, row, this.paths));
    }
    return records;
  }
}
