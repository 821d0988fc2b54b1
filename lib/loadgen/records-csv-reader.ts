/**
 * Reads back the per-request CSV that `flashlab load --records FILE.csv` writes (records-csv.ts), as
 * the metrics' RequestRecord objects, so that a recorded run can be analysed later, in a notebook or by
 * a grader, with exactly the fields the generator measured.
 *
 * Columns (the writer's header): intended_ms, start_ms, connect_ms, first_byte_ms, end_ms, bytes, status,
 * error, url, client_id, new_connection, retries. An empty time is absent from the record (no connect on
 * a reused connection, no first byte on a failed request), an empty error means success, and retries
 * of 0 are left out, as the generator's own records do. Fields may be quoted as RFC 4180 says (a URL
 * with a comma). A malformed file gets an error naming the file, the line and what was expected.
 * O(size of the file).
 */
import { readFileSync } from "node:fs";
import type { RequestRecord } from "../metrics/request-record.js";
import { recordsCsvHeader } from "./records-csv.js";

const columns = recordsCsvHeader.split(",");

/** A records CSV that cannot be read: says which file and line, and what was wrong. */
export class RecordsCsvError extends Error {
  override name = "RecordsCsvError";
}

/** Splits one CSV line into fields, undoing RFC 4180 quoting. Returns null when a quote is left open. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let at = 0; at < line.length; at++) {
    const char = line[at]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[at + 1] === '"') {
        field += '"';
        at++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** Parses the text of a records CSV; `source` names it in errors (a file name). */
export function parseRecordsCsv(text: string, source = "records CSV"): RequestRecord[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const header = lines[0];
  if (header === undefined || header.trim() !== recordsCsvHeader) {
    throw new RecordsCsvError(
      `${source} is not a flashlab records CSV: its first line is ${JSON.stringify((header ?? "").slice(0, 120))}; expected the header ${recordsCsvHeader}`,
    );
  }
  const records: RequestRecord[] = [];
  for (let index = 1; index < lines.length; index++) {
    const lineNumber = index + 1;
    const fields = splitCsvLine(lines[index]!);
    if (fields === null || fields.length !== columns.length) {
      const got = fields === null ? "an unclosed quote" : `${fields.length} fields`;
      throw new RecordsCsvError(`${source}, line ${lineNumber}: ${got}; expected ${columns.length} comma-separated fields (${recordsCsvHeader})`);
    }
    const field = (name: string): string => fields[columns.indexOf(name)]!;
    const number = (name: string, optional: boolean): number | undefined => {
      const text = field(name).trim();
      if (text === "" && optional) return undefined;
      const value = Number(text);
      if (text === "" || !Number.isFinite(value)) {
        throw new RecordsCsvError(`${source}, line ${lineNumber}: ${name} is ${JSON.stringify(text)}; expected a number${optional ? " or an empty field" : ""}`);
      }
      return value;
    };
    const record: RequestRecord = {
      startMs: number("start_ms", false)!,
      endMs: number("end_ms", false)!,
      bytes: number("bytes", false)!,
      status: number("status", false)!,
    };
    const intendedMs = number("intended_ms", true);
    const connectMs = number("connect_ms", true);
    const firstByteMs = number("first_byte_ms", true);
    const clientId = number("client_id", true);
    const retries = number("retries", true);
    if (intendedMs !== undefined) record.intendedMs = intendedMs;
    if (connectMs !== undefined) record.connectMs = connectMs;
    if (firstByteMs !== undefined) record.firstByteMs = firstByteMs;
    if (field("error") !== "") record.error = field("error");
    record.url = field("url");
    if (clientId !== undefined) record.clientId = clientId;
    if (retries !== undefined && retries > 0) record.retries = retries;
    records.push(record);
  }
  return records;
}

/** Reads a records CSV file written by `flashlab load --records`. */
export function readRecordsCsv(file: string): RequestRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new RecordsCsvError(`cannot read records from ${file}: ${(error as Error).message}`);
  }
  return parseRecordsCsv(text, file);
}
