/**
 * The request pipeline's steps, by name, and a cheap per-step timer.
 *
 * Every architecture runs these same eight steps (DESIGN.md, "The request pipeline"); the simulator and
 * the notebooks use the same names. The timer keeps, per step, a count, a total, a maximum and a log2
 * histogram of durations in microseconds, in typed arrays, so that recording a duration allocates nothing.
 */

/**
 * The pipeline's steps in the order a request passes through them (the Flash paper's Figure 1), and
 * what the time recorded for each covers:
 * - accept: from `acceptedAt` (given by the architecture, e.g. when its listener got the socket) until
 *   the pipeline starts serving it, so it includes any wait in the connection queue; once per connection;
 * - read-request: from the first byte of a request until its whole head is in (network time);
 * - parse: request line and header fields;
 * - translate-path: the path cache, or decoding, realpath and stat;
 * - compute-header: the header cache, or building Content-Type, Content-Length and Last-Modified;
 * - send-header: the write call for a head sent on its own (HEAD, 304, or gather writes off);
 * - read-file: the data cache, or the file source, including the wait for a deferred read;
 * - send-data: the write call for the body (with gather writes, head and body together).
 * Write calls hand bytes to the kernel (or to the socket's buffer when the kernel's is full); they do
 * not wait for the client to receive them.
 */
export const pipelineSteps = [
  "accept",
  "read-request",
  "parse",
  "translate-path",
  "compute-header",
  "send-header",
  "read-file",
  "send-data",
] as const;

/** One of the pipeline's step names. */
export type PipelineStep = (typeof pipelineSteps)[number];

/** Step indexes, for the hot path (an index into the timer's arrays instead of a name lookup). */
export const StepIndex = {
  accept: 0,
  readRequest: 1,
  parse: 2,
  translatePath: 3,
  computeHeader: 4,
  sendHeader: 5,
  readFile: 6,
  sendData: 7,
} as const;

/** Buckets of a step histogram: bucket 0 holds durations under 1 µs, bucket i ≥ 1 holds [2^(i-1), 2^i) µs. */
export const stepHistogramBuckets = 24;

/** What the timer knows about one step: JSON-able, and summable across execution contexts. */
export interface StepTiming {
  count: number;
  totalMs: number;
  maxMs: number;
  /** `stepHistogramBuckets` counts; bucket i ≥ 1 holds durations in [2^(i-1), 2^i) µs, the last is open-ended. */
  histogramUs: number[];
}

/** The histogram bucket of a duration in milliseconds. Runs in O(1). */
export function stepHistogramBucket(durationMs: number): number {
  const micros = durationMs * 1000;
  if (!(micros >= 1)) return 0; // also catches NaN and negative clock skew
  const bucket = 32 - Math.clz32(Math.min(micros, 0x7fffffff) | 0);
  return bucket < stepHistogramBuckets ? bucket : stepHistogramBuckets - 1;
}

/** Accumulates step durations. `record` costs a few array writes; it never allocates. */
export class StepTimer {
  private readonly counts = new Float64Array(pipelineSteps.length);
  private readonly totals = new Float64Array(pipelineSteps.length);
  private readonly maxima = new Float64Array(pipelineSteps.length);
  private readonly histogram = new Float64Array(pipelineSteps.length * stepHistogramBuckets);

  /** Adds one duration (milliseconds) to step `step` (a `StepIndex` value). */
  record(step: number, durationMs: number): void {
    this.counts[step]! += 1;
    this.totals[step]! += durationMs;
    if (durationMs > this.maxima[step]!) this.maxima[step] = durationMs;
    this.histogram[step * stepHistogramBuckets + stepHistogramBucket(durationMs)]! += 1;
  }

  /** Forgets everything recorded so far. */
  reset(): void {
    this.counts.fill(0);
    this.totals.fill(0);
    this.maxima.fill(0);
    this.histogram.fill(0);
  }

  /** A JSON-able copy of the timings, keyed by step name. */
  snapshot(): Record<PipelineStep, StepTiming> {
    const result = {} as Record<PipelineStep, StepTiming>;
    pipelineSteps.forEach((name, step) => {
      const start = step * stepHistogramBuckets;
      result[name] = {
        count: this.counts[step]!,
        totalMs: this.totals[step]!,
        maxMs: this.maxima[step]!,
        histogramUs: Array.from(this.histogram.subarray(start, start + stepHistogramBuckets)),
      };
    });
    return result;
  }
}

/** Empty timings for every step (the identity for `sumPipelineStats`). */
export function emptyStepTimings(): Record<PipelineStep, StepTiming> {
  return new StepTimer().snapshot();
}
