/**
 * Throughput against utilization (lecture §6): the simulated request queue run at a range of offered
 * loads. Below saturation, throughput follows the arrival rate and utilization rises with it, while
 * response times grow ever faster; past an offered load of 1 the threads are always busy, throughput
 * stops at the capacity (servers / mean service time) and the queue, and response times, keep growing.
 */
import { cpuUtilization, executionTimeMs, latencySummary, responseTimesMs, throughput } from "../metrics/index.js";
import { simulatedMeanServiceMs, simulateRequests } from "./simulated-requests.js";
import type { SimulatedRequestOptions } from "./simulated-requests.js";

export interface OfferedLoadSweepOptions extends Omit<SimulatedRequestOptions, "arrivalRatePerS"> {
  /** Offered loads to run (arrival rate × mean service time / servers), each > 0. */
  offeredLoads: readonly number[];
}

/** One run of the sweep. A type alias rather than an interface, so that rows fit seriesFromRows and showTable. */
export type OfferedLoadPoint = {
  offeredLoad: number;
  arrivalRatePerS: number;
  /** Completed requests / execution time. */
  throughputPerS: number;
  /** Pooled busy share of all threads over the run, 0–1. */
  utilization: number;
  meanResponseMs: number;
  p95ResponseMs: number;
};

export interface OfferedLoadSweep {
  /** servers / mean service time: the most requests per second the threads can finish. */
  capacityPerS: number;
  meanServiceMs: number;
  points: OfferedLoadPoint[];
}

/** Runs the queue once per offered load (same seed each time). Throws a RangeError on bad options. */
export function sweepOfferedLoad(options: OfferedLoadSweepOptions): OfferedLoadSweep {
  const { offeredLoads, ...base } = options;
  if (offeredLoads.length === 0) throw new RangeError("offered-load sweep: offeredLoads must list at least one load");
  for (const load of offeredLoads) {
    if (!Number.isFinite(load) || load <= 0) throw new RangeError(`offered-load sweep: every offered load must be a finite number > 0; got ${load}`);
  }
  const servers = base.servers ?? 1;
  const meanServiceMs = simulatedMeanServiceMs({ ...base, arrivalRatePerS: 1 });
  const capacityPerS = (servers * 1000) / meanServiceMs;
  const points = offeredLoads.map((offeredLoad) => {
    const arrivalRatePerS = offeredLoad * capacityPerS;
    const run = simulateRequests({ ...base, arrivalRatePerS });
    const responses = latencySummary(responseTimesMs(run.records));
    return {
      offeredLoad,
      arrivalRatePerS,
      throughputPerS: throughput(run.records.length, executionTimeMs(run.records) / 1000),
      utilization: cpuUtilization(run.cpuSamples),
      meanResponseMs: responses.mean,
      p95ResponseMs: responses.p95,
    };
  });
  return { capacityPerS, meanServiceMs, points };
}
