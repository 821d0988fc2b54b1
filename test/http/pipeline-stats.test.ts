// Step histograms and the sum of several pipelines' stats.
import { describe, expect, it } from "vitest";
import { emptyPipelineStats, meanStepTimesMs, pipelineSteps, stepHistogramBucket, stepHistogramBuckets, sumPipelineStats } from "../../lib/http/index.js";
import { StepTimer } from "../../lib/http/steps.js";

describe("pipeline steps", () => {
  it("names the eight steps in pipeline order", () => {
    expect(pipelineSteps).toEqual(["accept", "read-request", "parse", "translate-path", "compute-header", "send-header", "read-file", "send-data"]);
  });

  it("puts durations in log2 microsecond buckets", () => {
    expect(stepHistogramBucket(0)).toBe(0);
    expect(stepHistogramBucket(0.0015)).toBe(1); // 1.5 µs in [1, 2)
    expect(stepHistogramBucket(0.003)).toBe(2); // 3 µs in [2, 4)
    expect(stepHistogramBucket(1)).toBe(10); // 1000 µs in [512, 1024)
    expect(stepHistogramBucket(1e9)).toBe(stepHistogramBuckets - 1);
    expect(stepHistogramBucket(Number.NaN)).toBe(0);
  });

  it("records count, total and maximum per step", () => {
    const timer = new StepTimer();
    timer.record(2, 0.5);
    timer.record(2, 1.5);
    const parse = timer.snapshot()["parse"];
    expect(parse).toMatchObject({ count: 2, totalMs: 2, maxMs: 1.5 });
    expect(parse.histogramUs.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("sumPipelineStats", () => {
  it("adds counts and takes the largest maximum", () => {
    const a = emptyPipelineStats();
    a.requests = 3;
    a.responsesByStatus = { "200": 2, "404": 1 };
    a.steps.parse = { count: 3, totalMs: 0.3, maxMs: 0.2, histogramUs: a.steps.parse.histogramUs.map((_, i) => (i === 7 ? 3 : 0)) };
    a.caches.data.hits = 5;
    const b = emptyPipelineStats();
    b.requests = 2;
    b.responsesByStatus = { "200": 1, "500": 1 };
    b.steps.parse = { count: 2, totalMs: 0.2, maxMs: 0.15, histogramUs: b.steps.parse.histogramUs.map((_, i) => (i === 7 ? 2 : 0)) };
    b.caches.data.hits = 1;
    b.connections.open = 4;
    const total = sumPipelineStats([a, b]);
    expect(total.requests).toBe(5);
    expect(total.responsesByStatus).toEqual({ "200": 3, "404": 1, "500": 1 });
    expect(total.steps.parse.count).toBe(5);
    expect(total.steps.parse.totalMs).toBeCloseTo(0.5);
    expect(total.steps.parse.maxMs).toBe(0.2);
    expect(total.steps.parse.histogramUs[7]).toBe(5);
    expect(total.caches.data.hits).toBe(6);
    expect(total.connections.open).toBe(4);
    expect(sumPipelineStats([])).toEqual(emptyPipelineStats());
  });
});

describe("meanStepTimesMs", () => {
  it("divides total by count, and gives 0 for steps that never ran", () => {
    const stats = emptyPipelineStats();
    stats.steps["read-file"] = { ...stats.steps["read-file"], count: 4, totalMs: 10 };
    const means = meanStepTimesMs(stats);
    expect(means["read-file"]).toBe(2.5);
    expect(means["parse"]).toBe(0);
  });
});
