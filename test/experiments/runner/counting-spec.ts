// The spec the runner tests sweep: one factor `value`, one metric `measured`, on a test executor named "counting".
import type { ExperimentSpec } from "../../../lib/experiments/runner/index.js";

export function countingSpec(levels: number[], options: { repetitions: number; fullRepetitions: number; seed: number }): ExperimentSpec {
  return {
    name: "counting",
    description: "counts",
    executor: "counting",
    factors: { value: levels },
    metrics: ["measured"],
    seed: options.seed,
    placement: "unpinned",
    profiles: {
      quick: { repetitions: options.repetitions, warmupS: 0, durationS: 1 },
      full: { repetitions: options.fullRepetitions, warmupS: 0, durationS: 1 },
    },
  };
}
