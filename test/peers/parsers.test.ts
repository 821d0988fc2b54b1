/**
 * The peer parsers on output captured from the real tools (test/peers/fixtures): wrk 4.1 text with and
 * without --latency, with socket errors and with non-2xx responses; ab 2.3 with and without keep-alive,
 * with failures and with non-2xx responses; autocannon 9 JSON. Each figure is checked against the
 * numbers printed in the fixture.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAbOutput, parseAutocannonJson, parseWrkOutput, parseWrkSize, parseWrkTime, PeerOutputError } from "../../lib/peers/index.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("wrk", () => {
  it("reads units as wrk prints them", () => {
    expect(parseWrkTime("153.21us")).toBeCloseTo(0.15321, 8);
    expect(parseWrkTime("3.02ms")).toBe(3.02);
    expect(parseWrkTime("1.20s")).toBe(1200);
    expect(parseWrkSize("36.53MB")).toBeCloseTo(36.53 * 1024 * 1024, 3);
    expect(() => parseWrkTime("fast")).toThrow(/not a time/);
  });

  it("parses --latency output", () => {
    const summary = parseWrkOutput(fixture("wrk-latency.txt"));
    expect(summary.tool).toBe("wrk");
    expect(summary.requests).toBe(29971);
    expect(summary.durationS).toBe(2.04);
    expect(summary.throughputRps).toBeCloseTo(29971 / 2.04, 6);
    expect(summary.bandwidthMBps).toBeCloseTo((36.53 * 1024 * 1024) / 2.04 / 1e6, 6);
    expect(summary.responseMs).toEqual({ mean: 6.2, min: null, max: 126.18, p50: 0.331, p95: null, p99: 93.37 });
    expect(summary.errorsTotal).toBe(0);
  });

  it("parses output without a latency distribution", () => {
    const summary = parseWrkOutput(fixture("wrk-plain.txt"));
    expect(summary.requests).toBe(20724);
    expect(summary.durationS).toBe(1.13);
    expect(summary.responseMs?.mean).toBe(6.3);
    expect(summary.responseMs?.p50).toBeNull();
  });

  it("maps socket errors and non-2xx responses to error kinds", () => {
    const errors = parseWrkOutput(fixture("wrk-errors.txt"));
    expect(errors.errors.reset).toBe(7302);
    expect(errors.errors.connect).toBe(0);
    const notFound = parseWrkOutput(fixture("wrk-404.txt"));
    expect(notFound.errors["bad-status"]).toBe(37231);
    expect(notFound.requests).toBe(0);
  });

  it("prefers the exact figures of flashlab's Lua summary line", () => {
    const line = 'FLASHLAB_WRK {"durationUs":2000000,"requests":1000,"bytes":1280000,"connectErrors":1,"readErrors":2,"writeErrors":3,"timeoutErrors":4,"statusErrors":10,"latencyUs":{"min":50,"max":9000,"mean":210.5,"p50":180,"p95":400,"p99":800}}';
    const summary = parseWrkOutput(`${fixture("wrk-latency.txt")}${line}\n`);
    expect(summary.requests).toBe(990);
    expect(summary.durationS).toBe(2);
    expect(summary.errors).toEqual({ connect: 1, timeout: 4, reset: 5, "bad-status": 10, "short-body": 0 });
    expect(summary.responseMs).toEqual({ mean: 0.2105, min: 0.05, max: 9, p50: 0.18, p95: 0.4, p99: 0.8 });
    expect(summary.bandwidthMBps).toBeCloseTo(0.64, 10);
  });

  it("rejects text that is not wrk's", () => {
    expect(() => parseWrkOutput(fixture("ab-close.txt"))).toThrow(PeerOutputError);
  });
});

describe("ab", () => {
  it("parses a keep-alive run", () => {
    const summary = parseAbOutput(fixture("ab-keepalive.txt"));
    expect(summary.tool).toBe("ab");
    expect(summary.requests).toBe(20000);
    expect(summary.durationS).toBe(2.173);
    expect(summary.bandwidthMBps).toBeCloseTo(25560000 / 2.173 / 1e6, 6);
    expect(summary.connections).toBeNull();
    expect(summary.responseMs).toEqual({ mean: 1, min: 0, max: 163, p50: 0, p95: 4, p99: 12 });
    expect(summary.waitMs).toEqual({ mean: 1, min: 0, max: 163, p50: 0, p95: null, p99: null });
  });

  it("counts a connection per request without keep-alive", () => {
    const text = fixture("ab-close.txt");
    const summary = parseAbOutput(text);
    const complete = Number(/Complete requests:\s+(\d+)/.exec(text)?.[1]);
    expect(summary.requests).toBe(complete);
    expect(summary.connections).toBe(complete);
    expect(summary.connectionRate).toBeCloseTo(summary.throughputRps, 6);
  });

  it("maps failures and non-2xx responses to error kinds", () => {
    const failures = parseAbOutput(fixture("ab-failures.txt"));
    expect(failures.errors).toEqual({ connect: 0, timeout: 0, reset: 450, "bad-status": 0, "short-body": 2 });
    expect(failures.requests).toBe(0);
    const notFound = parseAbOutput(fixture("ab-404.txt"));
    expect(notFound.errors["bad-status"]).toBe(200);
    expect(notFound.requests).toBe(0);
  });

  it("rejects text that is not ab's", () => {
    expect(() => parseAbOutput(fixture("wrk-plain.txt"))).toThrow(/not ApacheBench output/);
  });
});

describe("autocannon", () => {
  it("parses its JSON result", () => {
    const summary = parseAutocannonJson(fixture("autocannon.json"));
    expect(summary.tool).toBe("autocannon");
    expect(summary.requests).toBe(10291);
    expect(summary.durationS).toBe(2.02);
    expect(summary.throughputRps).toBeCloseTo(10291 / 2.02, 6);
    expect(summary.bandwidthMBps).toBeCloseTo(13151898 / 2.02 / 1e6, 6);
    expect(summary.responseMs).toEqual({ mean: 1.59, min: 1, max: 87, p50: 0, p95: null, p99: 23 });
    expect(summary.errorsTotal).toBe(0);
  });

  it("maps status classes, timeouts and errors", () => {
    const result = JSON.parse(fixture("autocannon.json"));
    const summary = parseAutocannonJson({ ...result, "2xx": 90, "3xx": 5, "4xx": 3, "5xx": 2, errors: 7, timeouts: 4 });
    expect(summary.requests).toBe(95);
    expect(summary.errors).toEqual({ connect: 0, timeout: 4, reset: 3, "bad-status": 5, "short-body": 0 });
  });

  it("rejects output that is not its JSON", () => {
    expect(() => parseAutocannonJson("Running 10s test @ http://x")).toThrow(/not JSON/);
    expect(() => parseAutocannonJson("{}")).toThrow(/lacks duration/);
  });
});
