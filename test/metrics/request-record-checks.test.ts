import { describe, expect, it } from "vitest";
import { requireRequestRecords } from "../../lib/metrics/request-record-checks.js";
import { MetricInputError, type RequestRecord } from "../../lib/metrics/index.js";

const good: RequestRecord = { intendedMs: 0, startMs: 1, connectMs: 2, firstByteMs: 3, endMs: 4, bytes: 10, status: 200 };

describe("requireRequestRecords", () => {
  it("accepts well-formed records, with or without optional times", () => {
    expect(() => requireRequestRecords("m", [good, { startMs: 0, endMs: 0, bytes: 0, status: 0, error: "x" }])).not.toThrow();
  });

  it("names the first bad record and what is wrong with it", () => {
    const cases: [Partial<RequestRecord>, RegExp][] = [
      [{ endMs: Number.NaN }, /records\[1\]: endMs is NaN/],
      [{ connectMs: Number.POSITIVE_INFINITY }, /connectMs is Infinity/],
      [{ startMs: undefined as never }, /startMs is undefined/],
      [{ firstByteMs: 9 }, /firstByteMs \(9\) is after endMs/],
      [{ startMs: -1 }, /startMs \(-1\) is before the request's origin \(0\)/],
      [{ bytes: Number.NaN }, /bytes is NaN/],
      [{ status: -200 }, /status is -200/],
    ];
    for (const [change, message] of cases) {
      expect(() => requireRequestRecords("m", [good, { ...good, ...change }])).toThrow(message);
    }
    expect(() => requireRequestRecords("m", [null as never])).toThrow(MetricInputError);
  });
});
