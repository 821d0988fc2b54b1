/**
 * Toy-shop order streams (the toy shop of P2L2 §40 and P2L5 §2): the input of the toy-shop
 * simulator.
 *
 * By default every order arrives at time 0 and needs the same work (120 ms), which is the lecture's
 * set-up. Optionally the work per order is drawn at random (uniform around the mean, or
 * exponential) and orders arrive one after another (at a fixed gap, or as a Poisson stream). All
 * randomness comes from one seeded stream, so a stream is fully described by its options.
 */
import { createRng } from "../runtime/random.js";

/** One toy order. */
export interface ToyOrder {
  /** 1, 2, 3, … in arrival order. */
  id: number;
  /** When the order reaches the shop, in ms. */
  arrivalMs: number;
  /** The work it needs in total (one worker's time, or the sum of all pipeline stages), in ms. */
  workMs: number;
}

/** How the work per order varies: all equal, uniform in mean·(1 ± spread), or exponential. */
export type ToyOrderWorkDistribution = "constant" | "uniform" | "exponential";

/** How orders arrive: all at once at time 0, a fixed gap apart, or a Poisson stream. */
export type ToyOrderArrivals = "all-at-once" | "fixed-gap" | "poisson";

export const toyOrderWorkDistributions: readonly ToyOrderWorkDistribution[] = ["constant", "uniform", "exponential"];
export const toyOrderArrivalPatterns: readonly ToyOrderArrivals[] = ["all-at-once", "fixed-gap", "poisson"];

export interface ToyOrderStreamOptions {
  /** How many orders (a whole number ≥ 1). */
  count: number;
  /** The mean work per order in ms (default 120, as in the lecture). */
  orderMs?: number;
  /** Default "constant". */
  work?: ToyOrderWorkDistribution;
  /** For "uniform" work: the half-width as a fraction of the mean, in [0, 1] (default 0.5). */
  spread?: number;
  /** Default "all-at-once". */
  arrivals?: ToyOrderArrivals;
  /** For "fixed-gap" and "poisson" arrivals: the (mean) gap between orders in ms. */
  interarrivalMs?: number;
  /** Seed of the random stream (default 1). Ignored when nothing is random. */
  seed?: number;
}

/** The lecture's work per toy order. */
export const defaultToyOrderMs = 120;

function fail(message: string): never {
  throw new RangeError(`toy orders: ${message}`);
}

/**
 * Generates `count` toy orders, deterministically from the options (and the seed when work or
 * arrivals are random). Runs in O(count).
 */
export function generateToyOrders(options: ToyOrderStreamOptions): ToyOrder[] {
  const { count } = options;
  const orderMs = options.orderMs ?? defaultToyOrderMs;
  const work = options.work ?? "constant";
  const spread = options.spread ?? 0.5;
  const arrivals = options.arrivals ?? "all-at-once";
  if (!Number.isSafeInteger(count) || count < 1) fail(`count must be a whole number ≥ 1; got ${count}`);
  if (!Number.isFinite(orderMs) || orderMs <= 0) fail(`orderMs must be a finite number > 0; got ${orderMs}`);
  if (!toyOrderWorkDistributions.includes(work)) {
    fail(`work must be one of ${toyOrderWorkDistributions.join(", ")}; got "${String(work)}"`);
  }
  if (!Number.isFinite(spread) || spread < 0 || spread > 1) fail(`spread must be in [0, 1]; got ${spread}`);
  if (!toyOrderArrivalPatterns.includes(arrivals)) {
    fail(`arrivals must be one of ${toyOrderArrivalPatterns.join(", ")}; got "${String(arrivals)}"`);
  }
  const interarrivalMs = options.interarrivalMs;
  if (arrivals !== "all-at-once" && (interarrivalMs === undefined || !Number.isFinite(interarrivalMs) || interarrivalMs <= 0)) {
    fail(`"${arrivals}" arrivals need interarrivalMs, a finite number > 0; got ${interarrivalMs}`);
  }
  const rng = createRng(options.seed ?? 1);

  const drawWork = (): number => {
    if (work === "uniform") return rng.uniform(orderMs * (1 - spread), orderMs * (1 + spread));
    if (work === "exponential") return rng.exponential(orderMs);
    return orderMs;
  };
  const drawGap = (): number => {
    if (arrivals === "fixed-gap") return interarrivalMs!;
    if (arrivals === "poisson") return rng.exponential(interarrivalMs!);
    return 0;
  };

  const orders: ToyOrder[] = [];
  let arrivalMs = 0;
  for (let index = 0; index < count; index++) {
    if (index > 0) arrivalMs += drawGap();
    // Every order needs some work: a draw of exactly 0 (chance 2^-32) is drawn again.
    let workMs = drawWork();
    while (workMs <= 0) workMs = drawWork();
    orders.push({ id: index + 1, arrivalMs, workMs });
  }
  return orders;
}
