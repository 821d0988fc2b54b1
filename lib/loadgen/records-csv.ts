/**
 * Streams per-request records to a CSV file while a run goes, one row per measured request, so that
 * a long run's records reach the disk without being held in memory. Times are ms since the run's
 * start with microsecond precision; a missing time (no connect on a reused connection, no first byte
 * on a failed request) is an empty field.
 */
import { createWriteStream, writeFileSync, type WriteStream } from "node:fs";
import { errorKindOfCode } from "./error-kinds.js";
import { type RecordBlock, RecordField, recordFieldCount } from "./record-columns.js";

/** The CSV header row. */
export const recordsCsvHeader = "intended_ms,start_ms,connect_ms,first_byte_ms,end_ms,bytes,status,error,url,client_id,new_connection";

function time(value: number): string {
  return value === value ? value.toFixed(3) : "";
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes record blocks to a CSV file. */
export class RecordsCsvWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private readonly quotedPaths: string[];

  /** Creates (or truncates) `file` and writes the header; throws at once if the file cannot be written. */
  constructor(
    readonly file: string,
    paths: readonly string[],
  ) {
    this.quotedPaths = paths.map(csvField);
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
    const values = block.values;
    let text = "";
    for (let row = 0; row < block.count; row++) {
      const base = row * recordFieldCount;
      const error = errorKindOfCode(values[base + RecordField.errorCode] as number) ?? "";
      text +=
        `${time(values[base] as number)},${time(values[base + 1] as number)},${time(values[base + 2] as number)},` +
        `${time(values[base + 3] as number)},${time(values[base + 4] as number)},${values[base + 5]},${values[base + 6]},` +
        `${error},${this.quotedPaths[values[base + RecordField.pathIndex] as number] ?? ""},${values[base + 9]},${values[base + 10]}\n`;
    }
    this.stream.write(text);
  }

  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end(() => (this.failure ? reject(new Error(`cannot write records to ${this.file}: ${this.failure.message}`)) : resolve()));
    });
  }
}
