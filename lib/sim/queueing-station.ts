/**
 * A queueing station written in the process view, SimPy-style: c servers (a `Resource`), one or more
 * classes of customers, each a Poisson stream with its own service time and priority. Each customer
 * is a process that requests a server, holds it for its service and releases it:
 *
 *   M/M/1, M/M/c        one class, exponential service, capacity 1 or c
 *   M/D/1               deterministic service
 *   M/M/1/K             a bounded line (queueLimit K − 1): arrivals that find it full balk
 *   priorities          several classes, served by priority, with or without preemption
 *
 * A preempted customer (preemptive resume) requests a server again for the work it has left; it joins
 * the back of its priority class, which leaves each class's mean response unchanged for exponential
 * service. Warm-up removal: at `warmupMs` every statistic restarts, and the per-customer figures cover
 * the customers who arrive after it.
 *
 * This is the readable way to write a model, at about a million customers per second (`npm run bench
 * sim`); mm1.ts writes M/M/1 in the event-scheduling view, which runs about ten times faster.
 */
import { createRng } from "../runtime/random.js";
import type { Rng } from "../runtime/random.js";
import { exponentialZiggurat } from "../runtime/ziggurat.js";
import { Interrupt, startProcess, timeout } from "./process.js";
import type { ProcessBody } from "./process.js";
import { Preemption, Resource } from "./resource.js";
import type { QueueDiscipline } from "./resource.js";
import { DiscreteEventSimulator } from "./simulator.js";
import { Tally } from "./tally.js";
import { TimeWeighted } from "./time-weighted.js";

/** How long service takes: exponential around a mean, or exactly a given time. */
export type ServiceTime = { kind: "exponential"; meanMs: number } | { kind: "deterministic"; ms: number };

export interface CustomerClass {
  name?: string;
  /** Poisson arrival rate, customers per ms (> 0). */
  arrivalRatePerMs: number;
  service: ServiceTime;
  /** Lower is served first (used with discipline "priority"; default 0). */
  priority?: number;
}

export interface QueueingStationOptions {
  /** Identical servers (whole number ≥ 1; default 1). */
  servers?: number;
  classes: readonly CustomerClass[];
  /** "fifo" (default) or "priority". */
  discipline?: QueueDiscipline;
  /** With priorities: better classes take servers from worse ones (default false). */
  preemptive?: boolean;
  /** The most customers that may wait (default: no limit); the rest balk. */
  queueLimit?: number;
  /** Arrivals in all (whole number ≥ 1); the run ends when the last one has left. */
  customers: number;
  /** Statistics restart at this simulated time (default 0: no warm-up removal). */
  warmupMs?: number;
  /** Seed of the random stream (default 1). */
  seed?: number;
}

export interface CustomerClassResult {
  name: string;
  /** Arrivals after warm-up, served or not. */
  arrivals: number;
  /** Customers who left after service, after warm-up. */
  served: number;
  /** Customers turned away by a full line, after warm-up. */
  balked: number;
  /** Times a customer of this class lost its server to a better class. */
  preemptions: number;
  /** Fraction of the customers let in who found every server busy (Erlang C for M/M/c). */
  waitedFraction: number;
  /** Mean time from arrival to departure of the served customers. */
  meanResponseMs: number;
  /** Mean of (response − service demand): time in the system not being served. */
  meanWaitMs: number;
}

export interface QueueingStationResult {
  classes: CustomerClassResult[];
  /** Over every served customer. */
  meanResponseMs: number;
  meanWaitMs: number;
  /** Time-weighted mean number in the system (L). */
  meanInSystem: number;
  /** Time-weighted mean number waiting for a server (Lq). */
  meanQueueLength: number;
  /** Time-weighted fraction of servers busy. */
  utilization: number;
  /** Served customers per ms over the measured time: the λ of Little's law (L = λ·W). */
  throughputPerMs: number;
  /** Fraction of arrivals that balked. */
  balkingFraction: number;
  /** Fraction of the customers let in who found every server busy (Erlang C for M/M/c). */
  waitedFraction: number;
  /** The measured time (from the warm-up to the end), in ms. */
  measuredMs: number;
  events: number;
}

interface ClassStatistics {
  arrivals: number;
  served: number;
  balked: number;
  preemptions: number;
  /** Customers let in who found every server busy. */
  waited: number;
  responses: Tally;
  waits: Tally;
}

function newClassStatistics(): ClassStatistics {
  return { arrivals: 0, served: 0, balked: 0, preemptions: 0, waited: 0, responses: new Tally(), waits: new Tally() };
}

function checkOptions(options: QueueingStationOptions): void {
  const problems: string[] = [];
  if (options.classes.length === 0) problems.push("needs at least one customer class");
  options.classes.forEach((item, index) => {
    const label = item.name ?? `class ${index + 1}`;
    if (!(item.arrivalRatePerMs > 0 && item.arrivalRatePerMs < Infinity)) problems.push(`${label}: arrivalRatePerMs must be a finite number > 0; got ${item.arrivalRatePerMs}`);
    const time = item.service.kind === "exponential" ? item.service.meanMs : item.service.ms;
    if (!(time > 0 && time < Infinity)) problems.push(`${label}: the service time must be a finite number > 0 ms; got ${time}`);
  });
  if (!Number.isSafeInteger(options.customers) || options.customers < 1) problems.push(`customers must be a whole number ≥ 1; got ${options.customers}`);
  const warmupMs = options.warmupMs ?? 0;
  if (!(warmupMs >= 0 && warmupMs < Infinity)) problems.push(`warmupMs must be a finite number ≥ 0; got ${warmupMs}`);
  if (problems.length > 0) throw new RangeError(`queueing station: ${problems.join("; ")}`);
}

/**
 * Simulates the station until `customers` arrivals have all left. Throws a RangeError naming any bad
 * option (the resource checks servers, discipline, preemption and queue limit).
 */
export function simulateQueueingStation(options: QueueingStationOptions): QueueingStationResult {
  checkOptions(options);
  const simulator = new DiscreteEventSimulator();
  const rng: Rng = createRng(options.seed ?? 1);
  const servers = new Resource(simulator, {
    capacity: options.servers ?? 1,
    discipline: options.discipline ?? "fifo",
    preemptive: options.preemptive ?? false,
    queueLimit: options.queueLimit,
    name: "servers",
  });
  const inSystem = new TimeWeighted(simulator);
  let statistics = options.classes.map(newClassStatistics);
  let overall = newClassStatistics();
  let arrivals = 0;
  let measuredFromMs = 0;

  const serviceDemand = (service: ServiceTime): number =>
    service.kind === "exponential" ? exponentialZiggurat(rng, service.meanMs) : service.ms;

  function* customer(classIndex: number): ProcessBody {
    const customerClass = options.classes[classIndex]!;
    const priority = customerClass.priority ?? 0;
    const arrivedMs = simulator.nowMs;
    const demandMs = serviceDemand(customerClass.service);
    const tallies = [statistics[classIndex]!, overall];
    let request = servers.request(priority);
    for (const counts of tallies) {
      counts.arrivals++;
      if (request.refused) counts.balked++;
      else if (!request.granted) counts.waited++;
    }
    if (request.refused) return;
    inSystem.add(1);
    let remainingMs = demandMs;
    for (;;) {
      yield request;
      const startedMs = simulator.nowMs;
      try {
        yield timeout(remainingMs);
        break;
      } catch (error) {
        if (!(error instanceof Interrupt && error.cause instanceof Preemption)) throw error;
        // Preemptive resume: ask again for the work that is left.
        remainingMs -= simulator.nowMs - startedMs;
        statistics[classIndex]!.preemptions++;
        request = servers.request(priority);
      }
    }
    servers.release(request);
    inSystem.add(-1);
    const responseMs = simulator.nowMs - arrivedMs;
    for (const counts of tallies) {
      counts.served++;
      counts.responses.add(responseMs);
      counts.waits.add(responseMs - demandMs);
    }
  }

  function* arrivalsOf(classIndex: number): ProcessBody {
    const meanGapMs = 1 / options.classes[classIndex]!.arrivalRatePerMs;
    for (;;) {
      yield timeout(exponentialZiggurat(rng, meanGapMs));
      if (arrivals >= options.customers) return;
      arrivals++;
      startProcess(simulator, customer(classIndex), "customer");
    }
  }

  function* warmup(warmupMs: number): ProcessBody {
    yield timeout(warmupMs);
    measuredFromMs = simulator.nowMs;
    servers.resetStatistics();
    inSystem.reset();
    statistics = options.classes.map(newClassStatistics);
    overall = newClassStatistics();
  }

  options.classes.forEach((_, index) => startProcess(simulator, arrivalsOf(index), "arrivals"));
  if ((options.warmupMs ?? 0) > 0) startProcess(simulator, warmup(options.warmupMs!), "warm-up");
  simulator.run();

  const classes = statistics.map((item, index) => ({
    name: options.classes[index]!.name ?? `class ${index + 1}`,
    arrivals: item.arrivals,
    served: item.served,
    balked: item.balked,
    preemptions: item.preemptions,
    waitedFraction: item.waited / (item.arrivals - item.balked),
    meanResponseMs: item.responses.mean,
    meanWaitMs: item.waits.mean,
  }));
  const measuredMs = simulator.nowMs - measuredFromMs;
  return {
    classes,
    meanResponseMs: overall.responses.mean,
    meanWaitMs: overall.waits.mean,
    meanInSystem: inSystem.mean(),
    meanQueueLength: servers.queueLength.mean(),
    utilization: servers.utilization(),
    throughputPerMs: overall.served / measuredMs,
    balkingFraction: overall.arrivals > 0 ? overall.balked / overall.arrivals : 0,
    waitedFraction: overall.waited / (overall.arrivals - overall.balked),
    measuredMs,
    events: simulator.eventsRun,
  };
}
