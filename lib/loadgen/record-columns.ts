/**
 * Compact per-request records: a block of records stored as one Float64Array, one row of numbers per
 * request, so that worker threads can hand whole blocks to the main thread without copying (the
 * buffer is transferred) and a long run costs 8 × `recordFieldCount` = 96 bytes per request.
 *
 * Times are milliseconds since the run's start, on one clock shared by every thread. A missing time
 * (a reused connection has no connect time, a failed request may have no first byte) is NaN.
 */
import type { RequestRecord } from "../metrics/request-record.js";
import { errorKindOfCode } from "./error-kinds.js";

/** Column offsets inside one record row. */
export const RecordField = {
  intendedMs: 0,
  startMs: 1,
  connectMs: 2,
  firstByteMs: 3,
  endMs: 4,
  bytes: 5,
  status: 6,
  errorCode: 7,
  pathIndex: 8,
  clientId: 9,
  /** 1 when this request opened a new TCP connection, else 0. */
  newConnection: 10,
  /** 1 when this request was sent again after a keep-alive race, else 0. */
  retries: 11,
} as const;

/** Numbers per record row. */
export const recordFieldCount = 12;

/** A block of records: `count` rows in `values` (which may be longer). */
export interface RecordBlock {
  values: Float64Array;
  count: number;
}

/** Appends rows to fixed-size blocks and hands each full block to `flush`. */
export class RecordBlockWriter {
  private values: Float64Array;
  private count = 0;

  /** `rowsPerBlock` rows are gathered before `flush` receives a block. */
  constructor(
    private readonly rowsPerBlock: number,
    private readonly flush: (block: RecordBlock) => void,
  ) {
    this.values = new Float64Array(rowsPerBlock * recordFieldCount);
  }

  /** Appends one record; flushes when the block is full. */
  append(
    intendedMs: number,
    startMs: number,
    connectMs: number,
    firstByteMs: number,
    endMs: number,
    bytes: number,
    status: number,
    errorCode: number,
    pathIndex: number,
    clientId: number,
    newConnection: number,
    retries: number,
  ): void {
    const values = this.values;
    const base = this.count * recordFieldCount;
    values[base] = intendedMs;
    values[base + 1] = startMs;
    values[base + 2] = connectMs;
    values[base + 3] = firstByteMs;
    values[base + 4] = endMs;
    values[base + 5] = bytes;
    values[base + 6] = status;
    values[base + 7] = errorCode;
    values[base + 8] = pathIndex;
    values[base + 9] = clientId;
    values[base + 10] = newConnection;
    values[base + 11] = retries;
    this.count++;
    if (this.count === this.rowsPerBlock) this.flushNow();
  }

  /** Hands over the rows gathered so far (if any) and starts a new block. */
  flushNow(): void {
    if (this.count === 0) return;
    const block = { values: this.values, count: this.count };
    this.values = new Float64Array(this.rowsPerBlock * recordFieldCount);
    this.count = 0;
    this.flush(block);
  }
}

/** Converts row `row` of a block into the metrics' RequestRecord (with `paths` naming the URLs). */
export function requestRecordFromBlock(block: RecordBlock, row: number, paths: readonly string[]): RequestRecord {
  const values = block.values;
  const base = row * recordFieldCount;
  const record: RequestRecord = {
    intendedMs: values[base] as number,
    startMs: values[base + 1] as number,
    endMs: values[base + 4] as number,
    bytes: values[base + 5] as number,
    status: values[base + 6] as number,
    url: paths[values[base + 8] as number] ?? "",
    clientId: values[base + 9] as number,
  };
  const connectMs = values[base + 2] as number;
  const firstByteMs = values[base + 3] as number;
  if (!Number.isNaN(connectMs)) record.connectMs = connectMs;
  if (!Number.isNaN(firstByteMs)) record.firstByteMs = firstByteMs;
  const error = errorKindOfCode(values[base + 7] as number);
  if (error !== undefined) record.error = error;
  const retries = values[base + 11] as number;
  if (retries > 0) record.retries = retries;
  return record;
}
