import { describe, expect, it } from "vitest";
import {
  MetricInputError,
  requestSummaryFromTotals,
  summarizeRequests,
  type RequestRecord,
  type RequestTotals,
} from "../../lib/metrics/index.js";

// A 2-second open-loop run: four completed requests, two failures.
const records: RequestRecord[] = [
  { intendedMs: 1000, startMs: 1000, connectMs: 1001, firstByteMs: 1004, endMs: 1010, bytes: 500_000, status: 200 },
  { intendedMs: 1500, startMs: 1520, firstByteMs: 1530, endMs: 1540, bytes: 500_000, status: 200 },
  { startMs: 2000, firstByteMs: 2010, endMs: 2030, bytes: 1_000_000, status: 200 },
  { startMs: 2500, endMs: 2600, bytes: 2_000_000, status: 200 },
  { startMs: 2700, endMs: 2800, bytes: 0, status: 0, error: "ECONNRESET" },
  { startMs: 2900, firstByteMs: 2950, endMs: 3000, bytes: 300, status: 404 },
];

describe("summarizeRequests", () => {
  it("computes the run's summary by hand", () => {
    const summary = summarizeRequests(records, { slaMs: 30, connections: 5 });
    expect(summary.requests).toBe(4);
    expect(summary.errors).toEqual({ total: 2, byKind: { ECONNRESET: 1, "status 404": 1 } });
    // first origin 1000, last end 3000
    expect(summary.durationS).toBe(2);
    expect(summary.throughputRps).toBe(2);
    // completed bytes 4 MB over 2 s
    expect(summary.bandwidthMBps).toBe(2);
    expect(summary.connectionRate).toBe(2.5);
    // response times from intended ?? start: 10, 40, 30, 100; sorted 10 30 40 100
    // p95: h = 3 · 0.95 = 2.85 → 40 + 0.85 · 60 = 91; p99: h = 2.97 → 40 + 0.97 · 60 = 98.2
    expect(summary.responseMs).toEqual({
      count: 4,
      mean: 45,
      min: 10,
      max: 100,
      p50: 35,
      p95: expect.closeTo(91, 9),
      p99: expect.closeTo(98.2, 9),
    });
    // wait times: 4, 30, 10 (the fourth request has no first byte)
    expect(summary.waitMs?.count).toBe(3);
    expect(summary.waitMs?.p50).toBe(10);
    expect(summary.waitMs?.min).toBe(4);
    expect(summary.waitMs?.max).toBe(30);
    // over 30 ms: 40 and 100, plus 2 failures, out of 6
    expect(summary.slaMs).toBe(30);
    expect(summary.slaViolationPct).toBeCloseTo(400 / 6, 12);
  });

  it("leaves out optional parts that were not asked for, and is plain JSON", () => {
    const summary = summarizeRequests(records);
    expect(summary.connectionRate).toBeNull();
    expect("slaViolationPct" in summary).toBe(false);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it("uses a given duration instead of the records' span", () => {
    expect(summarizeRequests(records, { durationS: 4 }).throughputRps).toBe(1);
  });

  it("still summarizes a run in which every request failed", () => {
    const summary = summarizeRequests([{ startMs: 0, endMs: 1000, bytes: 0, status: 0, error: "ECONNREFUSED" }], { slaMs: 10 });
    expect(summary.requests).toBe(0);
    expect(summary.responseMs).toBeNull();
    expect(summary.waitMs).toBeNull();
    expect(summary.throughputRps).toBe(0);
    expect(summary.slaViolationPct).toBe(100);
  });

  it("rejects empty input, bad records and zero-length runs", () => {
    expect(() => summarizeRequests([])).toThrow(MetricInputError);
    expect(() => summarizeRequests([{ startMs: 5, endMs: 2, bytes: 0, status: 200 }])).toThrow(/records\[0\]/);
    expect(() => summarizeRequests([{ startMs: 5, endMs: 5, bytes: 0, status: 200 }])).toThrow(/lasted 0 s/);
    expect(() => summarizeRequests(records, { slaMs: 0 })).toThrow(/slaMs is 0/);
    expect(() => summarizeRequests(records, { connections: -1 })).toThrow(/connections is negative/);
  });
});

describe("requestSummaryFromTotals", () => {
  const totals: RequestTotals = {
    requests: 1000,
    errorsByKind: { timeout: 3 },
    durationS: 10,
    bytes: 50_000_000,
    connections: 1003,
    responseMs: { count: 1000, mean: 5, min: 1, max: 80, p50: 4, p95: 12, p99: 40 },
    waitMs: null,
    sla: { slaMs: 50, violationPct: 0.5 },
  };

  it("derives the rates from the totals and keeps precomputed distributions", () => {
    const summary = requestSummaryFromTotals(totals);
    expect(summary.throughputRps).toBe(100);
    expect(summary.bandwidthMBps).toBe(5);
    expect(summary.connectionRate).toBe(100.3);
    expect(summary.errors).toEqual({ total: 3, byKind: { timeout: 3 } });
    expect(summary.responseMs).toEqual(totals.responseMs);
    expect(summary.waitMs).toBeNull();
    expect(summary.slaViolationPct).toBe(0.5);
  });

  it("agrees with summarizeRequests on the same run", () => {
    const fromRecords = summarizeRequests(records, { connections: 5 });
    const rebuilt = requestSummaryFromTotals({
      requests: fromRecords.requests,
      errorsByKind: fromRecords.errors.byKind,
      durationS: fromRecords.durationS,
      bytes: 4_000_000,
      connections: 5,
      responseMs: fromRecords.responseMs,
      waitMs: fromRecords.waitMs,
    });
    expect(rebuilt).toEqual(fromRecords);
  });

  it("rejects inconsistent totals", () => {
    expect(() => requestSummaryFromTotals({ ...totals, durationS: 0 })).toThrow(/lasted 0 s/);
    expect(() => requestSummaryFromTotals({ ...totals, responseMs: null })).toThrow(/responseMs is null/);
    expect(() => requestSummaryFromTotals({ ...totals, errorsByKind: { timeout: -1 } })).toThrow(/errorsByKind\["timeout"\] is negative/);
    expect(() => requestSummaryFromTotals({ ...totals, sla: { slaMs: 50, violationPct: 150 } })).toThrow(/percentage from 0 to 100/);
    expect(() => requestSummaryFromTotals({ ...totals, responseMs: { ...totals.responseMs!, p95: 1 } })).toThrow(/exceeds/);
  });
});
