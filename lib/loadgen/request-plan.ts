/**
 * The request plan of a run: the distinct paths (records refer to them by index), the order in which
 * they are requested, and for a timed replay the due time of each request.
 */
import type { EngineRequestPlan } from "./engine-config.js";
import type { LoadWorkloadRequest } from "./load-options.js";

/**
 * The plan for a run: the target URL's one path, or a workload's paths in order. With `replaySpeed`,
 * each request is due at its offset divided by the speed (ms from the run's start).
 */
export function buildRequestPlan(urlPath: string, workload: readonly LoadWorkloadRequest[] | undefined, replaySpeed?: number): EngineRequestPlan {
  if (workload === undefined) return { paths: [urlPath] };
  const indexOfPath = new Map<string, number>();
  const paths: string[] = [];
  const sequence = new Uint32Array(workload.length);
  workload.forEach((request, position) => {
    let index = indexOfPath.get(request.path);
    if (index === undefined) {
      index = paths.length;
      paths.push(request.path);
      indexOfPath.set(request.path, index);
    }
    sequence[position] = index;
  });
  const plan: EngineRequestPlan = { paths, sequence };
  if (replaySpeed !== undefined) {
    const first = workload[0]?.offsetMs ?? 0;
    plan.dueMs = Float64Array.from(workload, (request) => ((request.offsetMs ?? 0) - first) / replaySpeed);
  }
  return plan;
}
