/**
 * A sweep of a built-in spec whose runs are modelled, not measured: the real runner (plan, randomized
 * order, run folder, summaries) with the server-load executor's settings and metrics, but each run's
 * metrics computed from its settings and repetition by the test. So a test of code that reads sweeps
 * (claims, the summary table, references, figures) gets a genuine run folder of that spec in
 * milliseconds, with values chosen to make each case exact.
 */
import { builtinSpec, type ExperimentProfile, type ExperimentResult, type PointExecutor, type PointSettings, runExperiment, serverLoadExecutor } from "../../lib/experiments/index.js";

/** The metrics of one run, from its settings and repetition; may also give the workload's bytes. */
export type RunModel = (settings: PointSettings, rep: number) => Record<string, number | null> & { workloadBytes?: number };

export function modelledExecutor(model: RunModel): PointExecutor {
  return {
    ...serverLoadExecutor,
    estimateSeconds: () => 0,
    async open() {
      return {
        async run(settings, context) {
          const { workloadBytes, ...metrics } = model(settings, context.rep);
          return { metrics, warnings: [], details: { workload: { bytes: workloadBytes ?? 0 }, load: { summary: "a large dump that trimming drops" } } };
        },
        async close() {},
      };
    },
  };
}

/** Runs the built-in spec `name` under `profile` (with `repetitions` if given) into `out`, with modelled runs. */
export async function modelledSweep(name: string, profile: ExperimentProfile, out: string, model: RunModel, repetitions?: number): Promise<ExperimentResult> {
  const spec = builtinSpec(name);
  if (!spec) throw new Error(`no built-in spec ${name}`);
  return runExperiment(spec, { profile, out, executors: { "server-load": modelledExecutor(model) }, ...(repetitions ? { repetitions } : {}) });
}
