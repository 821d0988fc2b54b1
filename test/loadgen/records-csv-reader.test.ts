// Reading back what `flashlab load --records` writes: every field, quoting, empty fields, and clear errors.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarizeRequests } from "../../lib/metrics/index.js";
import { recordsCsvHeader } from "../../lib/loadgen/records-csv.js";
import { parseRecordsCsv, readRecordsCsv, RecordsCsvError } from "../../lib/loadgen/records-csv-reader.js";
import { projectRoot } from "../../lib/runtime/paths.js";

describe("readRecordsCsv", () => {
  it("reads every field, leaving out empty times, empty errors and zero retries", () => {
    const text = [
      recordsCsvHeader,
      "1.500,1.600,2.000,3.250,4.000,1200,200,,/a.bin,3,1,0",
      '5.000,5.100,,,105.100,0,0,timeout,"/b,c.bin",4,0,1',
      "",
    ].join("\n");
    expect(parseRecordsCsv(text)).toEqual([
      { intendedMs: 1.5, startMs: 1.6, connectMs: 2, firstByteMs: 3.25, endMs: 4, bytes: 1200, status: 200, url: "/a.bin", clientId: 3 },
      { intendedMs: 5, startMs: 5.1, endMs: 105.1, bytes: 0, status: 0, error: "timeout", url: "/b,c.bin", clientId: 4, retries: 1 },
    ]);
  });

  it("reads the metrics assignment's recorded run as the load generator summarized it", () => {
    const records = readRecordsCsv(join(projectRoot, "notebooks", "assignments", "metrics", "provided-run.csv"));
    expect(records).toHaveLength(577);
    expect(records.filter((record) => record.connectMs !== undefined)).toHaveLength(22);
    const summary = summarizeRequests(records);
    expect(summary.requests).toBe(577);
    expect(summary.responseMs!.p50).toBeCloseTo(6.778, 2);
  });

  it("says which file and line is wrong, and what was expected", () => {
    expect(() => parseRecordsCsv("a,b\n1,2\n", "x.csv")).toThrow(new RecordsCsvError(`x.csv is not a flashlab records CSV: its first line is "a,b"; expected the header ${recordsCsvHeader}`));
    expect(() => parseRecordsCsv(`${recordsCsvHeader}\n1,2,3\n`, "x.csv")).toThrow(/x\.csv, line 2: 3 fields; expected 12/);
    expect(() => parseRecordsCsv(`${recordsCsvHeader}\n1,abc,,,4,0,200,,/,0,1,0\n`, "x.csv")).toThrow(/line 2: start_ms is "abc"; expected a number/);
    expect(() => parseRecordsCsv(`${recordsCsvHeader}\n1,2,,,4,0,200,,"/open,0,1,0\n`, "x.csv")).toThrow(/line 2: an unclosed quote/);
    expect(() => readRecordsCsv("/nonexistent/run.csv")).toThrow(/cannot read records from \/nonexistent\/run\.csv/);
  });
});
