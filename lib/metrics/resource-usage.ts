/**
 * Average resource usage: beyond the CPU, how much memory (or file descriptors, or any sampled
 * resource) each execution context holds on average — e.g. the resident set size (RSS) of each process
 * of a multi-process server, sampled during a run. Per context, the samples are averaged; the sum of
 * those averages is the average footprint of the whole server (when all contexts were sampled over the
 * same period), which is how MP and MT servers are compared on memory.
 *
 *   mean(context) = Σ samples of that context / count;   total = Σ over contexts of mean(context)
 *
 * O(n).
 */
import { requireNonEmpty, requireNonNegative } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** One sample of a resource held by one execution context (process, thread...). */
export interface ResourceSample {
  /** Which execution context, e.g. "pid 4242" or "worker 3". */
  context: string;
  /** The amount held at the sampling instant, e.g. RSS in bytes. */
  value: number;
}

/** Average usage per context and in total. */
export interface ResourceUsageAverage {
  /** Mean over each context's samples, and how many samples it had. */
  byContext: Record<string, { mean: number; samples: number }>;
  /** Σ of the per-context means: the average footprint of all contexts together. */
  totalMean: number;
  /** Mean of the per-context means: the footprint of a typical context. */
  meanPerContext: number;
}

/** Averages the samples per context. */
export function averageResourceUsage(samples: readonly ResourceSample[]): ResourceUsageAverage {
  const metric = "averageResourceUsage";
  requireNonEmpty(metric, "samples", samples);
  const sums = new Map<string, { sum: number; samples: number }>();
  samples.forEach((sample, i) => {
    if (typeof sample.context !== "string" || sample.context === "") {
      throw new MetricInputError(metric, `samples[${i}].context is ${JSON.stringify(sample.context)}`, "a non-empty context name");
    }
    requireNonNegative(metric, `samples[${i}].value`, sample.value);
    const entry = sums.get(sample.context) ?? { sum: 0, samples: 0 };
    entry.sum += sample.value;
    entry.samples += 1;
    sums.set(sample.context, entry);
  });
  const byContext: Record<string, { mean: number; samples: number }> = {};
  let totalMean = 0;
  for (const [context, { sum, samples: count }] of sums) {
    byContext[context] = { mean: sum / count, samples: count };
    totalMean += sum / count;
  }
  return { byContext, totalMean, meanPerContext: totalMean / sums.size };
}
