/**
 * The toy shop of P2L2 §40 and P2L5 §2: boss/workers against a pipeline, on the discrete-event
 * engine.
 *
 * - boss/workers: T threads are 1 boss and T−1 workers. The boss hands each order on (taking
 *   `bossMs` per order, 0 by default, when the boss is not drawn) to a shared FIFO queue; an idle
 *   worker (the lowest-numbered one) takes the next order and builds the whole toy (`workMs`).
 * - pipeline: T threads are T stages in a row, each with its own FIFO queue; an order goes through
 *   stage 1, then 2, …, then T. Stage times default to the order's work split evenly.
 *
 * With 6 threads, 11 orders of 120 ms: boss/workers finishes in 360 ms (batches of 5, 5, 1) with a
 * mean completion of 2160/11 = 196.36 ms; the pipeline fills in 120 ms, then completes one order
 * every 20 ms, finishing in 320 ms with a mean of 220 ms.
 */
import { DiscreteEventSimulator } from "./simulator.js";
import { ServiceStation } from "./station.js";
import type { ServiceStationWork } from "./station.js";
import { defaultToyOrderMs } from "../workloads/toy-orders.js";
import type { ToyOrder } from "../workloads/toy-orders.js";

export type ToyShopModel = "boss-workers" | "pipeline";
export const toyShopModels: readonly ToyShopModel[] = ["boss-workers", "pipeline"];

export interface ToyShopOptions {
  model: ToyShopModel;
  /** Threads in total: 1 boss + (threads − 1) workers, or one per pipeline stage. */
  threads: number;
  /** A number of identical orders (all at time 0, `orderMs` each), or an explicit order stream. */
  orders: number | readonly ToyOrder[];
  /** Work per order when `orders` is a count (default 120 ms). Not allowed with an order stream. */
  orderMs?: number;
  /** boss/workers only: the boss's time per order (default 0 ms). */
  bossMs?: number;
  /**
   * pipeline only: one time per stage for an order of `orderMs` (default: `orderMs / threads` each).
   * An order with different work has every stage scaled in proportion.
   */
  stageMs?: readonly number[];
}

/** What happened to one order. */
export interface ToyShopOrderRecord {
  order: number;
  arrivalMs: number;
  workMs: number;
  /** When a thread first started on it (the boss if it takes time, else the worker or stage 1). */
  startMs: number;
  completionMs: number;
}

/** One thread working on one order, for a Gantt timeline. Zero-length work is left out. */
export interface ToyShopSegment {
  order: number;
  /** "boss", "worker 1", …, or "stage 1", …. */
  resource: string;
  startMs: number;
  endMs: number;
}

export interface ToyShopResult {
  model: ToyShopModel;
  threads: number;
  orderCount: number;
  /** Mean work per order (the given `orderMs` for identical orders). */
  orderMs: number;
  /** boss/workers: the boss's time per order; 0 for the pipeline. */
  bossMs: number;
  /** pipeline: the stage times of an order of `orderMs`; empty for boss/workers. */
  stageMs: number[];
  /** Every thread, in timeline order (the Gantt rows). */
  resources: string[];
  /** One record per order, in order-id order. */
  orders: ToyShopOrderRecord[];
  segments: ToyShopSegment[];
  /** Completion times in order-id order (from time 0). */
  completionsMs: number[];
  /** When the last order is done (time 0 is when the shop opens). */
  totalMs: number;
  /** Mean of (completion − arrival); with every order at time 0 this is the mean completion time. */
  meanCompletionMs: number;
}

function fail(message: string): never {
  throw new RangeError(`toy shop: ${message}`);
}

function checkOrders(orders: readonly ToyOrder[]): void {
  if (orders.length === 0) fail("needs at least one order");
  const ids = new Set<number>();
  for (const order of orders) {
    if (ids.has(order.id)) fail(`order id ${order.id} appears twice; ids must be unique`);
    ids.add(order.id);
    if (!Number.isFinite(order.arrivalMs) || order.arrivalMs < 0) {
      fail(`order ${order.id} has arrivalMs ${order.arrivalMs}; it must be a finite number ≥ 0`);
    }
    if (!Number.isFinite(order.workMs) || order.workMs <= 0) {
      fail(`order ${order.id} has workMs ${order.workMs}; it must be a finite number > 0`);
    }
  }
}

interface ResolvedInput {
  orders: readonly ToyOrder[];
  orderMs: number;
}

function resolveOrders(options: ToyShopOptions): ResolvedInput {
  if (typeof options.orders === "number") {
    const count = options.orders;
    if (!Number.isSafeInteger(count) || count < 1) fail(`orders must be a whole number ≥ 1; got ${count}`);
    const stageSum = options.model === "pipeline" && options.stageMs ? sum(options.stageMs) : undefined;
    const orderMs = options.orderMs ?? stageSum ?? defaultToyOrderMs;
    if (!Number.isFinite(orderMs) || orderMs <= 0) fail(`orderMs must be a finite number > 0; got ${orderMs}`);
    if (stageSum !== undefined && Math.abs(stageSum - orderMs) > 1e-9 * orderMs) {
      fail(`the stage times add up to ${stageSum} ms but orderMs is ${orderMs} ms; give one or make them agree`);
    }
    const orders = Array.from({ length: count }, (_, index) => ({ id: index + 1, arrivalMs: 0, workMs: orderMs }));
    return { orders, orderMs };
  }
  if (options.orderMs !== undefined) fail("orderMs applies only when orders is a count; an order stream has its own work times");
  checkOrders(options.orders);
  return { orders: options.orders, orderMs: sum(options.orders.map((order) => order.workMs)) / options.orders.length };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function checkThreads(model: ToyShopModel, threads: number): void {
  if (!toyShopModels.includes(model)) fail(`model must be one of ${toyShopModels.join(", ")}; got "${String(model)}"`);
  const minimum = model === "boss-workers" ? 2 : 1;
  if (!Number.isSafeInteger(threads) || threads < minimum) {
    const why = model === "boss-workers" ? " (1 boss and at least 1 worker)" : "";
    fail(`${model} needs a whole number of threads ≥ ${minimum}${why}; got ${threads}`);
  }
}

/**
 * The time of each pipeline stage for an order of `workMs`: `stageMs` scaled to the order's work
 * when stage times are given, else an equal share. Divides last, so 120 ms over 6 stages is 20 ms exactly.
 */
function stageTimer(threads: number, stageMs: readonly number[] | undefined): (workMs: number, stage: number) => number {
  if (stageMs === undefined) return (workMs) => workMs / threads;
  if (stageMs.length !== threads) fail(`stageMs needs one time per stage (${threads}); got ${stageMs.length}`);
  for (const time of stageMs) {
    if (!Number.isFinite(time) || time < 0) fail(`stage times must be finite numbers ≥ 0 ms; got ${time}`);
  }
  const total = sum(stageMs);
  if (total <= 0) fail("the stage times add up to 0 ms; at least one stage must take time");
  return (workMs, stage) => (workMs === total ? stageMs[stage]! : (workMs * stageMs[stage]!) / total);
}

/** Records segments and order records as the stations report work. */
class ToyShopRecorder {
  readonly segments: ToyShopSegment[] = [];
  private readonly startByOrder = new Map<number, number>();
  private readonly completionByOrder = new Map<number, number>();

  noteWork(work: ServiceStationWork<ToyOrder>): void {
    if (work.endMs <= work.startMs) return;
    this.segments.push({ order: work.job.id, resource: work.resource, startMs: work.startMs, endMs: work.endMs });
    if (!this.startByOrder.has(work.job.id)) this.startByOrder.set(work.job.id, work.startMs);
  }

  noteCompletion(order: ToyOrder, timeMs: number): void {
    this.completionByOrder.set(order.id, timeMs);
  }

  records(orders: readonly ToyOrder[]): ToyShopOrderRecord[] {
    return orders.map((order) => {
      const completionMs = this.completionByOrder.get(order.id);
      if (completionMs === undefined) throw new Error(`toy shop: order ${order.id} never completed (model bug)`);
      const startMs = this.startByOrder.get(order.id) ?? completionMs;
      return { order: order.id, arrivalMs: order.arrivalMs, workMs: order.workMs, startMs, completionMs };
    });
  }
}

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
}

/**
 * Simulates the toy shop and returns per-order start and completion times, the Gantt segments,
 * the total time and the mean completion time. Throws a RangeError that says what is wrong with
 * bad options. Runs in O(orders · threads · log orders).
 */
export function simulateToyShop(options: ToyShopOptions): ToyShopResult {
  const { model, threads } = options;
  checkThreads(model, threads);
  const bossMs = options.bossMs ?? 0;
  if (model === "boss-workers") {
    if (!Number.isFinite(bossMs) || bossMs < 0) fail(`bossMs must be a finite number ≥ 0; got ${bossMs}`);
    if (options.stageMs !== undefined) fail("stageMs applies only to the pipeline model");
  } else if (options.bossMs !== undefined) {
    fail("bossMs applies only to the boss-workers model");
  }
  const stageTime = model === "pipeline" ? stageTimer(threads, options.stageMs) : undefined;
  const { orders, orderMs } = resolveOrders(options);

  const simulator = new DiscreteEventSimulator();
  const recorder = new ToyShopRecorder();
  const complete = (order: ToyOrder): void => recorder.noteCompletion(order, simulator.nowMs);
  const noteWork = (work: ServiceStationWork<ToyOrder>): void => recorder.noteWork(work);

  let entry: (order: ToyOrder) => void;
  let resources: string[];
  if (model === "boss-workers") {
    const workerNames = numbered("worker", threads - 1);
    const workers = new ServiceStation<ToyOrder>(simulator, {
      resources: workerNames,
      serviceMs: (order) => order.workMs,
      onStart: noteWork,
      onDone: complete,
    });
    if (bossMs > 0) {
      const boss = new ServiceStation<ToyOrder>(simulator, {
        resources: ["boss"],
        serviceMs: () => bossMs,
        onStart: noteWork,
        onDone: (order) => workers.arrive(order),
      });
      entry = (order) => boss.arrive(order);
    } else {
      entry = (order) => workers.arrive(order);
    }
    resources = ["boss", ...workerNames];
  } else {
    resources = numbered("stage", threads);
    const stages: ServiceStation<ToyOrder>[] = [];
    for (let index = threads - 1; index >= 0; index--) {
      const following = stages[0];
      stages.unshift(
        new ServiceStation<ToyOrder>(simulator, {
          resources: [resources[index]!],
          serviceMs: (order) => stageTime!(order.workMs, index),
          onStart: noteWork,
          onDone: following ? (order) => following.arrive(order) : complete,
        }),
      );
    }
    const first = stages[0]!;
    entry = (order) => first.arrive(order);
  }

  for (const order of orders) simulator.scheduleAt(order.arrivalMs, () => entry(order));
  simulator.run();

  const records = recorder.records(orders);
  const completionsMs = records.map((record) => record.completionMs);
  return {
    model,
    threads,
    orderCount: orders.length,
    orderMs,
    bossMs: model === "boss-workers" ? bossMs : 0,
    stageMs: stageTime ? resources.map((_, stage) => stageTime(orderMs, stage)) : [],
    resources,
    orders: records,
    segments: recorder.segments,
    completionsMs,
    totalMs: completionsMs.reduce((latest, time) => Math.max(latest, time), 0),
    meanCompletionMs: sum(records.map((record) => record.completionMs - record.arrivalMs)) / records.length,
  };
}
