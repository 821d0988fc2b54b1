/**
 * Streams per-request records to a CSV file while a run goes, one row per measured request, so that
 * a long run's records reach the disk without being held in memory. Times are ms since the run's
 * start with three decimals (microseconds); a missing time (no connect on a reused connection, no
 * first byte on a failed request) is an empty field. Rows are formatted straight into bytes, so the
 * records cost the client little CPU and no garbage per row.
 */
import { createWriteStream, writeFileSync, type WriteStream } from "node:fs";
import { maxNumberBytes, writeBytes, writeFixed3, writeInteger } from "./csv-bytes.js";
import { loadErrorKinds } from "./error-kinds.js";
import { type RecordBlock, RecordField, recordFieldCount } from "./record-columns.js";

/** The CSV header row. */
export const recordsCsvHeader = "intended_ms,start_ms,connect_ms,first_byte_ms,end_ms,bytes,status,error,url,client_id,new_connection,retries";

const comma = 44;
const newline = 10;

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes record blocks to a CSV file. */
export class RecordsCsvWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  /** Each path as CSV field bytes, by path index. */
  private readonly pathFields: Buffer[];
  /** Each error kind's name as bytes, by error code (code 0, no error, is empty). */
  private readonly errorFields: Buffer[];
  /** An upper bound on the bytes of one row. */
  private readonly maxRowBytes: number;
  /** Where rows are formatted, reused from block to block (grown when a block needs more). */
  private scratch = Buffer.alloc(0);

  /** Creates (or truncates) `file` and writes the header; throws at once if the file cannot be written. */
  constructor(
    readonly file: string,
    paths: readonly string[],
  ) {
    this.pathFields = paths.map((path) => Buffer.from(csvField(path), "utf8"));
    this.errorFields = [Buffer.alloc(0), ...loadErrorKinds.map((kind) => Buffer.from(kind, "latin1"))];
    const longest = (fields: Buffer[]) => fields.reduce((most, field) => Math.max(most, field.length), 0);
    this.maxRowBytes = recordFieldCount * (maxNumberBytes + 1) + longest(this.pathFields) + longest(this.errorFields);
    try {
      writeFileSync(file, `${recordsCsvHeader}\n`);
    } catch (error) {
      throw new Error(`cannot write records to ${file}: ${(error as Error).message}`);
    }
    this.stream = createWriteStream(file, { flags: "a" });
    this.stream.on("error", (error) => {
      this.failure ??= error;
    });
  }

  /** Appends the rows of one block. */
  writeBlock(block: RecordBlock): void {
    if (block.count === 0) return;
    this.stream.write(this.blockBytes(block));
  }

  /**
   * The CSV rows of one block, formatted straight into bytes (no per-field strings) in the reused
   * scratch buffer, then copied out at their exact size: the stream holds on to what it is given.
   */
  private blockBytes(block: RecordBlock): Buffer {
    const values = block.values;
    if (this.scratch.length < block.count * this.maxRowBytes) this.scratch = Buffer.allocUnsafe(block.count * this.maxRowBytes);
    const buf = this.scratch;
    const empty = Buffer.alloc(0);
    let at = 0;
    // The CSV columns are the record fields in order: five times, then numbers, with the error code
    // and the path index written as their names.
    for (let row = 0; row < block.count; row++) {
      const base = row * recordFieldCount;
      for (let field = 0; field < recordFieldCount; field++) {
        const value = values[base + field] as number;
        if (field <= RecordField.endMs) at = writeFixed3(buf, at, value);
        else if (field === RecordField.errorCode) at = writeBytes(buf, at, this.errorFields[value] ?? empty);
        else if (field === RecordField.pathIndex) at = writeBytes(buf, at, this.pathFields[value] ?? empty);
        else at = writeInteger(buf, at, value);
        buf[at++] = field === recordFieldCount - 1 ? newline : comma;
      }
    }
    return Buffer.from(buf.subarray(0, at));
  }

  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end(() => (this.failure ? reject(new Error(`cannot write records to ${this.file}: ${this.failure.message}`)) : resolve()));
    });
  }
}
