/**
 * The toy-shop quizzes (lecture §2 and §4, notebooks 01 and 02). The right answers come from the
 * toy-shop simulator, run here with the lecture's shop: 6 threads, orders of 120 ms.
 */
import { compareToyShopModels } from "../experiments/toy-shop-comparison.js";
import type { ToyShopVerdict } from "../experiments/toy-shop-comparison.js";
import { toyShopMetaphorMetrics } from "../experiments/toy-shop-metaphor.js";
import { simulateToyShop, toyShopModels } from "../sim/index.js";
import { defineQuiz } from "./quiz.js";

const shopThreads = 6;

/** Where the lower mean completion time passes from boss/workers to the pipeline for good. */
function meanCompletionCrossover(): { lastBossWorkersWin: ToyShopVerdict; ties: ToyShopVerdict[]; firstPipelineForGood: ToyShopVerdict } {
  const maxOrders = 60;
  const verdicts = compareToyShopModels({ threads: shopThreads, orderCounts: Array.from({ length: maxOrders }, (_, index) => index + 1) }).verdicts.filter(
    (verdict) => verdict.metric === "meanCompletionMs",
  );
  const lastBossWorkers = verdicts.findLastIndex((verdict) => verdict.winner === "boss-workers");
  const rest = verdicts.slice(lastBossWorkers + 1);
  const firstPipeline = rest.findIndex((verdict) => verdict.winner === "pipeline");
  if (lastBossWorkers < 0 || firstPipeline < 0 || rest.slice(firstPipeline).some((verdict) => verdict.winner !== "pipeline")) {
    throw new Error(`toy-shop quiz: the pipeline does not take the lead on mean completion time for good within ${maxOrders} orders`);
  }
  return { lastBossWorkersWin: verdicts[lastBossWorkers]!, ties: rest.slice(0, firstPipeline), firstPipelineForGood: rest[firstPipeline]! };
}

const ms = (value: number) => `${Number(value.toFixed(2))} ms`;

export const toyShopQuizzes = {
  "toy-shop-ten-orders": defineQuiz({
    section: "§2",
    question: "With 10 orders (6 threads), which model finishes all of them first?",
    key: () => {
      const totals = toyShopModels.map((model) => ({ model, totalMs: simulateToyShop({ model, threads: shopThreads, orders: 10 }).totalMs }));
      const best = Math.min(...totals.map((entry) => entry.totalMs));
      return { kind: "choice", choices: toyShopModels, right: totals.filter((entry) => entry.totalMs === best).map((entry) => entry.model) };
    },
    explanation: () => {
      const bossWorkers = simulateToyShop({ model: "boss-workers", threads: shopThreads, orders: 10 });
      const pipeline = simulateToyShop({ model: "pipeline", threads: shopThreads, orders: 10 });
      return (
        `Boss/workers: ${ms(bossWorkers.totalMs)} (two full batches of 5 on 5 workers). Pipeline: ${ms(pipeline.totalMs)} ` +
        "(120 ms to fill, then 9 × 20 ms). One order fewer removes boss/workers' lonely third batch."
      );
    },
  }),

  "toy-shop-mean-crossover": defineQuiz({
    section: "§2",
    question: "From how many orders on does the pipeline give the lower mean completion time for good? (Where the two tie, either counts.)",
    key: () => {
      const { ties, firstPipelineForGood } = meanCompletionCrossover();
      return { kind: "number", right: [...ties, firstPipelineForGood].map((verdict) => verdict.orders), unit: "orders" };
    },
    explanation: () => {
      const { lastBossWorkersWin, ties, firstPipelineForGood } = meanCompletionCrossover();
      const tied = ties.map((verdict) => `${verdict.orders} orders (both ${ms(verdict.pipelineMs)})`).join(" and ");
      return (
        `Boss/workers is strictly ahead for the last time at ${lastBossWorkersWin.orders} orders ` +
        `(${ms(lastBossWorkersWin.bossWorkersMs)} against ${ms(lastBossWorkersWin.pipelineMs)}). ` +
        (tied ? `The two means are equal at ${tied}. ` : "") +
        `From ${firstPipelineForGood.orders} orders on the pipeline is strictly ahead, and stays there: its mean grows by 10 ms ` +
        "per order, boss/workers' by 12 ms on average. For n = 5k the hint's formulas, 110 + 10n and 12n + 60, meet at n = 25."
      );
    },
  }),

  "busy-boss-utilization": defineQuiz({
    section: "§4",
    question: "With 10 ms of boss time per order (11 orders, 6 threads), does boss/workers' bench utilization go up or down?",
    key: () => {
      const free = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: shopThreads, orders: 11 }));
      const busy = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: shopThreads, orders: 11, bossMs: 10 }));
      return { kind: "choice", choices: ["up", "down"], right: [busy.benchUtilization > free.benchUtilization ? "up" : "down"] };
    },
    explanation: () => {
      const free = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: shopThreads, orders: 11 }));
      const busy = toyShopMetaphorMetrics(simulateToyShop({ model: "boss-workers", threads: shopThreads, orders: 11, bossMs: 10 }));
      const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
      return (
        `Utilization goes from ${percent(free.benchUtilization)} to ${percent(busy.benchUtilization)}. The boss's bench is now busy ` +
        `(110 ms of work), and the orders reach the workers staggered, so the shop stays open ${ms(busy.openMs)} instead of ` +
        `${ms(free.openMs)}. A busier shop is not a faster one: mean completion went from ${ms(free.meanCompletionMs)} to ` +
        `${ms(busy.meanCompletionMs)}. Utilization counts effort, not results.`
      );
    },
  }),
};
