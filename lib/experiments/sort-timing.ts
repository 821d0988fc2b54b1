/**
 * A first timed experiment for the getting-started notebook: sorting arrays of random numbers of
 * several sizes, several times each, with every run's fill and sort times on one clock (so that the
 * runs can be drawn as a timeline as well as summarized).
 */
import { performance } from "node:perf_hooks";
import { createRng } from "../sim/index.js";

export type SortRun = {
  /** Array size. */
  n: number;
  /** 0-based repetition at this size. */
  run: number;
  /** Times since the experiment started, in ms. */
  fillStartMs: number;
  sortStartMs: number;
  endMs: number;
  /** The timed part: sorting only (filling is not timed). */
  sortMs: number;
};

/** Fills and sorts a Float64Array of each size `runs` times (seeded values). Cost: O(Σ n log n · runs). */
export function measureSortTimes(sizes: readonly number[], runs: number, seed = 1): SortRun[] {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number ≥ 1; got ${runs}`);
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`array sizes must be whole numbers ≥ 1; got ${n}`);
  }
  const rng = createRng(seed);
  const origin = performance.now();
  const results: SortRun[] = [];
  for (const n of sizes) {
    for (let run = 0; run < runs; run++) {
      const fillStart = performance.now();
      const values = new Float64Array(n);
      for (let index = 0; index < n; index++) values[index] = rng.next();
      const sortStart = performance.now();
      values.sort();
      const end = performance.now();
      results.push({
        n,
        run,
        fillStartMs: fillStart - origin,
        sortStartMs: sortStart - origin,
        endMs: end - origin,
        sortMs: end - sortStart,
      });
    }
  }
  return results;
}
