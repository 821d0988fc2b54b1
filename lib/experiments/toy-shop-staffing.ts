/**
 * The toy-shop manager's staffing experiment (lecture P2L5 §26): how many workers to hire so that the
 * shop handles its worst day, when workers share 3 work areas.
 *
 * The model, on the discrete-event engine of lib/sim:
 * - The day's orders are all in at opening time, in one FIFO queue; an idle worker takes the next one
 *   and builds the whole toy.
 * - A toy is built in steps. Each step uses the tools of the worker's work area for a while, then is
 *   finished by hand. Each work area has one set of tools, for any toy: a worker who needs them while
 *   another uses them waits in line (FIFO); hand work needs no tools, so a second or third worker in an
 *   area works by hand while the tools are in use. More workers per area help until the tools are
 *   busy all the time; past that, only more work areas would.
 * - Workers are placed on the areas in turn: worker i works in area i mod areas. A worker count that is
 *   not a multiple of the area count leaves the areas unevenly staffed.
 * - Toys differ in difficulty (`toyKinds`): blocks < bear < train, in steps and in time per step.
 *   "mixed" draws each order's toy at random (seeded), a third of each on average.
 * - Each step's tool and hand times vary by ±`jitter` (uniform, seeded), so repeated runs with different
 *   seeds differ a little, as real days do.
 *
 * Runs in O(orders · steps · log workers).
 */
import { createRng, DiscreteEventSimulator, ServiceStation } from "../sim/index.js";
import type { Rng } from "../sim/index.js";

/** One kind of toy: how many steps it takes, and each step's time at the tools and by hand. */
export interface ToyKind {
  steps: number;
  toolMs: number;
  handMs: number;
}

/** The toys of §26, easiest to hardest. A train takes 4 × (15 + 25) = 160 ms of a worker, 60 ms of it at the tools. */
export const toyKinds = {
  blocks: { steps: 2, toolMs: 5, handMs: 15 },
  bear: { steps: 3, toolMs: 10, handMs: 20 },
  train: { steps: 4, toolMs: 15, handMs: 25 },
} as const satisfies Record<string, ToyKind>;

export type ToyKindName = keyof typeof toyKinds;
/** A day's orders: all of one kind, or "mixed" (each order's kind drawn at random). */
export type ToyWorkload = ToyKindName | "mixed";
export const toyWorkloads: readonly ToyWorkload[] = ["blocks", "bear", "train", "mixed"];

export interface ToyShopStaffingOptions {
  /** What the day's orders are. */
  toy: ToyWorkload;
  /** Workers hired (a whole number ≥ 1). */
  workers: number;
  /** Orders of the day, all in at opening (a whole number ≥ 1). */
  orders: number;
  /** Work areas, each with one set of tools (default 3, as in the lecture). */
  workAreas?: number;
  /** Seed of the day's randomness: step-time jitter and mixed orders (default 1). */
  seed?: number;
  /** Each step's times vary uniformly within ±jitter of their nominal value (0 to 0.9; default 0.1). */
  jitter?: number;
}

export interface ToyShopStaffingResult {
  toy: ToyWorkload;
  workers: number;
  orders: number;
  workAreas: number;
  seed: number;
  jitter: number;
  /** Workers in each area. */
  workersPerArea: number[];
  /** When the last toy is done (opening is time 0). */
  totalMs: number;
  /** Mean completion time of the orders. */
  meanCompletionMs: number;
  /** Toys per second over the day. */
  toysPerSecond: number;
  /** Share of the day (0–1) each area's tools were in use. */
  toolUtilization: number[];
  /** Orders of each kind. */
  ordersByKind: Record<ToyKindName, number>;
}

function fail(message: string): never {
  throw new RangeError(`toy-shop staffing: ${message}`);
}

function checkWholeNumber(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) fail(`${name} must be a whole number ≥ ${minimum}; got ${value}`);
}

/** What one worker does: builds its current order step by step. */
interface Job {
  worker: number;
  kind: ToyKind;
  step: number;
  order: number;
}

/** Simulates one day of the shop. Throws a RangeError that says what is wrong with bad options. */
export function simulateToyShopStaffing(options: ToyShopStaffingOptions): ToyShopStaffingResult {
  const { toy, workers, orders } = options;
  const workAreas = options.workAreas ?? 3;
  const seed = options.seed ?? 1;
  const jitter = options.jitter ?? 0.1;
  if (!toyWorkloads.includes(toy)) fail(`toy must be one of ${toyWorkloads.join(", ")}; got ${JSON.stringify(toy)}`);
  checkWholeNumber("workers", workers, 1);
  checkWholeNumber("orders", orders, 1);
  checkWholeNumber("workAreas", workAreas, 1);
  if (!Number.isSafeInteger(seed)) fail(`seed must be a whole number; got ${seed}`);
  if (!Number.isFinite(jitter) || jitter < 0 || jitter > 0.9) fail(`jitter must be a number from 0 to 0.9; got ${jitter}`);

  const rng: Rng = createRng(seed);
  const kindNames = Object.keys(toyKinds) as ToyKindName[];
  const ordersByKind: Record<ToyKindName, number> = { blocks: 0, bear: 0, train: 0 };
  const queue: ToyKindName[] = Array.from({ length: orders }, () => (toy === "mixed" ? kindNames[rng.integer(0, kindNames.length - 1)]! : toy));
  for (const name of queue) ordersByKind[name]++;
  const vary = (ms: number): number => (jitter === 0 ? ms : ms * rng.uniform(1 - jitter, 1 + jitter));

  const simulator = new DiscreteEventSimulator();
  const toolBusyMs = new Array<number>(workAreas).fill(0);
  const completions: number[] = [];
  let nextOrder = 0;

  const takeNextOrder = (worker: number): void => {
    if (nextOrder >= queue.length) return;
    const order = nextOrder++;
    useTools({ worker, kind: toyKinds[queue[order]!], step: 0, order });
  };
  const areas = Array.from(
    { length: workAreas },
    (_, area) =>
      new ServiceStation<Job & { toolMs: number }>(simulator, {
        resources: [`tools of area ${area + 1}`],
        serviceMs: (job) => job.toolMs,
        onStart: (work) => (toolBusyMs[area]! += work.endMs - work.startMs),
        onDone: (job) =>
          simulator.schedule(vary(job.kind.handMs), () => {
            if (job.step + 1 < job.kind.steps) useTools({ ...job, step: job.step + 1 });
            else {
              completions.push(simulator.nowMs);
              takeNextOrder(job.worker);
            }
          }),
      }),
  );
  function useTools(job: Job): void {
    areas[job.worker % workAreas]!.arrive({ ...job, toolMs: vary(job.kind.toolMs) });
  }

  for (let worker = 0; worker < workers; worker++) takeNextOrder(worker);
  simulator.run();

  const totalMs = Math.max(...completions);
  return {
    toy,
    workers,
    orders,
    workAreas,
    seed,
    jitter,
    workersPerArea: Array.from({ length: workAreas }, (_, area) => Math.floor(workers / workAreas) + (area < workers % workAreas ? 1 : 0)),
    totalMs,
    meanCompletionMs: completions.reduce((sum, time) => sum + time, 0) / completions.length,
    toysPerSecond: (orders * 1000) / totalMs,
    toolUtilization: toolBusyMs.map((busy) => busy / totalMs),
    ordersByKind,
  };
}
