/**
 * M/M/1: one server, one FIFO queue, Poisson arrivals at rate λ and exponential service at rate μ,
 * with utilization ρ = λ/μ < 1. Theory: mean response 1/(μ − λ), i.e. 1/(1 − ρ) mean service times;
 * mean number in the system ρ/(1 − ρ); server busy a fraction ρ of the time.
 *
 * The model is written in the event-scheduling view, as in Law and Kelton's single-server queue
 * (Simulation Modeling and Analysis, ch. 1): two kinds of event, an arrival and a departure, and the
 * arrival times of the customers in the system in FIFO order (the first one is in service). It is the
 * simulator's fast path and its benchmark (`npm run bench sim` runs it against a C program of the same
 * model, lib/bench/mm1.c): each event is one heap pop and one call, and nothing is allocated per
 * customer. The same queue written with processes and a resource, SimPy-style, is in
 * queueing-station.ts.
 *
 * Warm-up removal: the first `warmupCustomers` departures are not tallied, and the time-weighted
 * statistics restart at the last of them, so that the empty start does not bias the averages.
 */
import { createRng } from "../runtime/random.js";
import type { Rng } from "../runtime/random.js";
import { exponentialZiggurat } from "../runtime/ziggurat.js";
import { NumberQueue } from "./number-queue.js";
import { DiscreteEventSimulator } from "./simulator.js";
import { Tally } from "./tally.js";
import { TimeWeighted } from "./time-weighted.js";

export interface MM1Options {
  /** Customers to simulate (whole number ≥ 1); the run ends when the last one leaves. */
  customers: number;
  /** Utilization ρ = λ/μ, strictly between 0 and 1. */
  rho: number;
  /** Seed of the random stream (whole number; default 1). */
  seed?: number;
  /** Mean service time 1/μ in ms (default 1, so that times read in mean service times). */
  meanServiceMs?: number;
  /** Departures left out of the statistics at the start (default 0; fewer than `customers`). */
  warmupCustomers?: number;
}

export interface MM1Result {
  options: Required<MM1Options>;
  /** Events the engine ran (2 per customer). */
  events: number;
  /** Simulated time at the end (the last departure), in ms. */
  simulatedMs: number;
  /** Customers in the statistics (customers − warm-up). */
  measuredCustomers: number;
  /** Mean response time (arrival to departure) of the measured customers, in ms. */
  meanResponseMs: number;
  /** The same in mean service times: compare with 1/(1 − ρ). */
  meanResponse: number;
  /** Time-weighted mean number of customers in the system, after warm-up (L). */
  meanInSystem: number;
  /** Time-weighted mean number waiting (not in service), after warm-up (Lq). */
  meanQueueLength: number;
  /** Fraction of the time after warm-up that the server was busy. */
  utilization: number;
  /** Measured customers per ms over the time after warm-up (λ, as it happened). */
  throughputPerMs: number;
}

function checkOptions(options: MM1Options): Required<MM1Options> {
  const { customers, rho } = options;
  const seed = options.seed ?? 1;
  const meanServiceMs = options.meanServiceMs ?? 1;
  const warmupCustomers = options.warmupCustomers ?? 0;
  const problems: string[] = [];
  if (!Number.isSafeInteger(customers) || customers < 1) problems.push(`customers must be a whole number ≥ 1; got ${customers}`);
  if (!(rho > 0 && rho < 1)) problems.push(`rho must be a number strictly between 0 and 1 (above 1 the queue grows without bound); got ${rho}`);
  if (!Number.isSafeInteger(seed)) problems.push(`seed must be a whole number; got ${seed}`);
  if (!(meanServiceMs > 0 && meanServiceMs < Infinity)) problems.push(`meanServiceMs must be a finite number > 0; got ${meanServiceMs}`);
  if (!Number.isSafeInteger(warmupCustomers) || warmupCustomers < 0 || warmupCustomers >= customers) {
    problems.push(`warmupCustomers must be a whole number ≥ 0 and below customers (${customers}); got ${warmupCustomers}`);
  }
  if (problems.length > 0) throw new RangeError(`M/M/1: ${problems.join("; ")}`);
  return { customers, rho, seed, meanServiceMs, warmupCustomers };
}

/** The single-server queue, driven by arrival and departure events. */
class SingleServerQueue {
  private readonly simulator = new DiscreteEventSimulator();
  private readonly rng: Rng;
  // Options copied into number fields (given a number where declared, so that V8 keeps them unboxed).
  private readonly customers: number = 0;
  private readonly warmupCustomers: number = 0;
  private readonly meanServiceMs: number = 0;
  private readonly meanInterarrivalMs: number = 0;
  /** Arrival times of the customers in the system, oldest first; the oldest is in service. */
  private readonly arrivalTimes = new NumberQueue();
  private readonly inSystem = new TimeWeighted(this.simulator);
  private readonly busy = new TimeWeighted(this.simulator);
  private readonly responses = new Tally();
  private arrivals = 0;
  private departures = 0;

  constructor(private readonly options: Required<MM1Options>) {
    this.rng = createRng(options.seed);
    this.customers = options.customers;
    this.warmupCustomers = options.warmupCustomers;
    this.meanServiceMs = options.meanServiceMs;
    this.meanInterarrivalMs = options.meanServiceMs / options.rho;
  }

  run(): MM1Result {
    this.simulator.schedule(exponentialZiggurat(this.rng, this.meanInterarrivalMs), this.arrive);
    this.simulator.run();
    return this.summary();
  }

  private readonly arrive = (): void => {
    this.arrivals++;
    if (this.arrivals < this.customers) {
      this.simulator.schedule(exponentialZiggurat(this.rng, this.meanInterarrivalMs), this.arrive);
    }
    this.arrivalTimes.push(this.simulator.nowMs);
    this.inSystem.set(this.arrivalTimes.length);
    // An idle server takes the newcomer at once.
    if (this.arrivalTimes.length === 1) {
      this.busy.set(1);
      this.startService();
    }
  };

  private readonly depart = (): void => {
    const responseMs = this.simulator.nowMs - this.arrivalTimes.shift();
    this.inSystem.set(this.arrivalTimes.length);
    // The next in line starts at once; with nobody waiting the server goes idle.
    if (this.arrivalTimes.length > 0) this.startService();
    else this.busy.set(0);
    this.departures++;
    if (this.departures > this.warmupCustomers) this.responses.add(responseMs);
    else if (this.departures === this.warmupCustomers) this.endWarmup();
  };

  /** Schedules the departure of the customer now in service. */
  private startService(): void {
    this.simulator.schedule(exponentialZiggurat(this.rng, this.meanServiceMs), this.depart);
  }

  private endWarmup(): void {
    this.inSystem.reset();
    this.busy.reset();
  }

  private summary(): MM1Result {
    const { meanServiceMs } = this.options;
    const meanInSystem = this.inSystem.mean();
    const utilization = this.busy.mean();
    return {
      options: this.options,
      events: this.simulator.eventsRun,
      simulatedMs: this.simulator.nowMs,
      measuredCustomers: this.responses.count,
      meanResponseMs: this.responses.mean,
      meanResponse: this.responses.mean / meanServiceMs,
      meanInSystem,
      meanQueueLength: meanInSystem - utilization,
      utilization,
      throughputPerMs: this.responses.count / this.inSystem.elapsedMs,
    };
  }
}

/**
 * Simulates an M/M/1 queue for `customers` customers. Throws a RangeError naming any bad option.
 * O(customers), with 2 events per customer and no allocation per customer.
 */
export function simulateMM1(options: MM1Options): MM1Result {
  return new SingleServerQueue(checkOptions(options)).run();
}
