/**
 * Seeded toy-shop problems (lecture §1–2): a model (boss/workers or pipeline), a number of threads and
 * of orders, and the times of the work, drawn from a seed. The questions ask for the total time and the
 * mean completion time; the worked answers give the closed form for the model and the simulator's
 * per-order timeline, which agree.
 */
import { createRng, type Rng } from "../runtime/random.js";
import { simulateToyShop, type ToyShopModel } from "../sim/toy-shop.js";
import type { SelfCheckProblem } from "./problem.js";

/** A number with at most 2 decimals, for reading. */
const ms = (value: number): string => String(Math.round(value * 100) / 100);

function pick<T>(rng: Rng, values: readonly T[]): T {
  return values[rng.integer(0, values.length - 1)]!;
}

/** The parameters of the problem seeded by `seed`. */
export function toyShopProblemParameters(seed: number): { model: ToyShopModel; threads: number; orders: number; orderMs: number; bossMs: number; stageMs: number[] } {
  const rng = createRng(seed);
  const model: ToyShopModel = pick(rng, ["boss-workers", "pipeline"] as const);
  const threads = rng.integer(3, 7);
  const orders = rng.integer(4, 14);
  const orderMs = 10 * rng.integer(6, 15);
  if (model === "boss-workers") return { model, threads, orders, orderMs, bossMs: pick(rng, [0, 0, 5, 10]), stageMs: [] };
  // Stage times in whole multiples of 5 ms adding up to the order's work.
  const cuts = Array.from({ length: threads - 1 }, () => 5 * rng.integer(1, orderMs / 5 - 1)).sort((a, b) => a - b);
  const bounds = [0, ...cuts, orderMs];
  const stageMs = bounds.slice(1).map((end, index) => end - bounds[index]!).map((time) => (time === 0 ? 5 : time));
  const total = stageMs.reduce((sum, time) => sum + time, 0);
  return { model, threads, orders, orderMs: total, bossMs: 0, stageMs };
}

/** The toy-shop problem seeded by `seed`, with its worked answers. */
export function toyShopProblem(seed: number): SelfCheckProblem {
  const parameters = toyShopProblemParameters(seed);
  const { model, threads, orders, orderMs, bossMs, stageMs } = parameters;
  const result = simulateToyShop({ model, threads, orders, orderMs, ...(model === "pipeline" ? { stageMs } : { bossMs }) });
  const echoed: Array<readonly [string, string | number]> = [
    ["model", model],
    ["threads", threads],
    ["orders", orders],
    ["order-ms", orderMs],
    model === "boss-workers" ? ["boss-ms", bossMs] : ["stage-ms", stageMs.join(",")],
  ];
  const timeline = result.orders.map((order) => `order ${order.order}: starts ${ms(order.startMs)}, done ${ms(order.completionMs)}`);
  const completions = result.orders.map((order) => ms(order.completionMs)).join(" + ");
  let totalHow: string;
  if (model === "boss-workers") {
    const workers = threads - 1;
    const batches = Math.ceil(orders / workers);
    totalHow =
      bossMs === 0
        ? `1 boss hands orders to ${workers} workers, who work in batches of ${workers}: ⌈${orders}/${workers}⌉ = ${batches} batches of ${orderMs} ms = ${batches * orderMs} ms.`
        : `the boss takes ${bossMs} ms per order before a worker starts it, and ${workers} workers take ${orderMs} ms each; the last order finishes at ${ms(result.totalMs)} ms (see the timeline).`;
  } else {
    const bottleneck = Math.max(...stageMs);
    totalHow = `the first order fills the pipeline in ${orderMs} ms (the sum of the stages); after it, one order leaves every ${bottleneck} ms (the slowest stage): ${orderMs} + (${orders} − 1) × ${bottleneck} = ${orderMs + (orders - 1) * bottleneck} ms.`;
  }
  return {
    title: `the toy shop (lecture §1–2): ${model === "boss-workers" ? `1 boss and ${threads - 1} workers` : `a pipeline of ${threads} stages`}, ${orders} orders all ready at time 0`,
    parameters: echoed,
    given: [],
    questions: ["How long until the last order is done (total time, ms)?", "What is the mean completion time of an order (ms)?"],
    answers: [
      `${totalHow} Total: ${ms(result.totalMs)} ms.`,
      `each order's completion, from the timeline (${timeline.join("; ")}): (${completions}) / ${orders} = ${ms(result.meanCompletionMs)} ms.`,
    ],
  };
}
