/**
 * A resource with a number of identical units (servers, cores, disk arms) that processes request,
 * hold and release, as SimPy's Resource, PriorityResource and PreemptiveResource in one class:
 *
 *   const request = cpu.request(priority);   // ask for a unit
 *   yield request;                            // wait until it is granted
 *   yield timeout(workMs);                    // use it
 *   cpu.release(request);                     // hand it on
 *
 * Options:
 * - `discipline`: "fifo" (first come, first served) or "priority" (the lowest priority number first,
 *   first come first served among equals);
 * - `preemptive`: with "priority", a request that finds every unit busy takes the unit of the user
 *   with the worst priority, if it is strictly worse (among equals, the latest to arrive). That user's
 *   process gets an `Interrupt` whose cause is a `Preemption` (SimPy's semantics); it may request again
 *   for the work it has left (preemptive resume) or give up;
 * - `queueLimit`: at most this many requests wait; one that finds the line full is refused at once
 *   (`request.refused`): the customer balks. A yielded refused request does not wait.
 *
 * The resource keeps its own statistics: units in use and queue length over time (utilization and
 * mean queue length), the wait from request to grant, and how many requests were granted, refused and
 * preempted. `resetStatistics` restarts them (warm-up removal). Requesting and releasing cost O(1)
 * with FIFO and O(log waiting) with priorities.
 */
import type { Awaitable, SimProcess } from "./process.js";
import { FifoRequestQueue, PriorityRequestQueue } from "./request-queue.js";
import type { RequestQueue } from "./request-queue.js";
import type { DiscreteEventSimulator } from "./simulator.js";
import { Tally } from "./tally.js";
import { TimeWeighted } from "./time-weighted.js";

export type QueueDiscipline = "fifo" | "priority";

export interface ResourceOptions {
  /** Identical units (whole number ≥ 1; default 1). */
  capacity?: number;
  /** The order of the waiting line (default "fifo"). */
  discipline?: QueueDiscipline;
  /** Better priorities take units from worse ones (needs discipline "priority"; default false). */
  preemptive?: boolean;
  /** The most requests that may wait (whole number ≥ 0; default: no limit). */
  queueLimit?: number;
  /** For messages. */
  name?: string;
}

export type RequestState = "waiting" | "granted" | "released" | "refused" | "preempted" | "withdrawn";

/** Why a process was interrupted when a better-priority request took its unit. */
export class Preemption {
  constructor(
    /** The request that took the unit. */
    readonly by: ResourceRequest,
    /** When the preempted request had been granted its unit. */
    readonly usageSinceMs: number,
  ) {}
}

/** One process's claim on one unit of a resource. Yield it to wait until it is granted. */
export class ResourceRequest implements Awaitable {
  state: RequestState = "waiting";
  /** When the unit was granted (NaN until then). */
  grantedAtMs = Number.NaN;
  /** The process that yielded it: the one to wake or to interrupt. */
  process: SimProcess | undefined = undefined;
  /** Where it sits among the resource's users while granted. */
  userIndex = -1;

  constructor(
    readonly resource: Resource,
    readonly priority: number,
    readonly requestedAtMs: number,
    readonly order: number,
  ) {}

  get isWaiting(): boolean {
    return this.state === "waiting";
  }

  get granted(): boolean {
    return this.state === "granted";
  }

  /** The line was full: the request was turned away and holds nothing. */
  get refused(): boolean {
    return this.state === "refused";
  }

  awaitBy(process: SimProcess): boolean {
    this.process = process;
    // A granted, refused or preempted request has nothing left to wait for.
    return this.state !== "waiting";
  }

  abandonBy(): void {
    if (this.state === "waiting") this.resource.withdraw(this);
  }
}

export class Resource {
  readonly capacity: number;
  readonly discipline: QueueDiscipline;
  readonly preemptive: boolean;
  readonly queueLimit: number;
  readonly name: string;
  /** Units in use over time: its mean divided by the capacity is the utilization. */
  readonly busy: TimeWeighted;
  /** Requests waiting over time: its mean is the mean queue length. */
  readonly queueLength: TimeWeighted;
  /** Time from request to grant, per granted request. */
  readonly waits = new Tally();
  private grantedCount = 0;
  private refusedCount = 0;
  private preemptedCount = 0;
  private readonly line: RequestQueue<ResourceRequest>;
  private readonly users: ResourceRequest[] = [];
  private waitingCount = 0;
  private nextOrder = 0;

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    options: ResourceOptions = {},
  ) {
    this.capacity = options.capacity ?? 1;
    this.discipline = options.discipline ?? "fifo";
    this.preemptive = options.preemptive ?? false;
    this.queueLimit = options.queueLimit ?? Number.POSITIVE_INFINITY;
    this.name = options.name ?? "resource";
    const problems: string[] = [];
    if (!Number.isSafeInteger(this.capacity) || this.capacity < 1) problems.push(`capacity must be a whole number ≥ 1; got ${this.capacity}`);
    if (this.discipline !== "fifo" && this.discipline !== "priority") {
      problems.push(`discipline must be "fifo" or "priority"; got "${String(this.discipline)}"`);
    }
    if (this.preemptive && this.discipline !== "priority") problems.push('preemptive needs discipline "priority"');
    if (this.queueLimit !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(this.queueLimit) || this.queueLimit < 0)) {
      problems.push(`queueLimit must be a whole number ≥ 0; got ${this.queueLimit}`);
    }
    if (problems.length > 0) throw new RangeError(`${this.name}: ${problems.join("; ")}`);
    this.line = this.discipline === "fifo" ? new FifoRequestQueue<ResourceRequest>() : new PriorityRequestQueue<ResourceRequest>();
    this.busy = new TimeWeighted(simulator);
    this.queueLength = new TimeWeighted(simulator);
  }

  /** Units in use now. */
  get inUse(): number {
    return this.users.length;
  }

  /** Requests waiting now. */
  get waiting(): number {
    return this.waitingCount;
  }

  /** Requests granted a unit (since the start or the last reset). */
  get grantedRequests(): number {
    return this.grantedCount;
  }

  /** Requests refused because the line was full. */
  get refusedRequests(): number {
    return this.refusedCount;
  }

  /** Users whose unit a better priority took. */
  get preemptedRequests(): number {
    return this.preemptedCount;
  }

  /** The time-weighted fraction of units in use. */
  utilization(): number {
    return this.busy.mean() / this.capacity;
  }

  /**
   * Asks for one unit, with `priority` (lower is served first; only "priority" lines use it). The
   * request is granted at once when a unit is free (or preemption frees one), refused when the line is
   * full, and otherwise waits in line. Yield it from the process that will hold the unit.
   */
  request(priority = 0): ResourceRequest {
    if (!Number.isFinite(priority)) throw new RangeError(`${this.name}: a priority must be a finite number; got ${priority}`);
    const request = new ResourceRequest(this, priority, this.simulator.nowMs, this.nextOrder++);
    if (this.users.length < this.capacity) {
      this.grant(request);
    } else if (this.preemptive && this.preemptFor(request)) {
      // preemptFor granted it the unit it took.
    } else if (this.waitingCount >= this.queueLimit) {
      request.state = "refused";
      this.refusedCount++;
    } else {
      this.line.push(request);
      this.waitingCount++;
      this.queueLength.set(this.waitingCount);
    }
    return request;
  }

  /**
   * Gives the unit back and hands it to the next request in line. Releasing a request that is still
   * waiting withdraws it; releasing one that was refused or preempted does nothing (so a `finally`
   * can always release); releasing twice is an error.
   */
  release(request: ResourceRequest): void {
    if (request.resource !== this) throw new RangeError(`${this.name}: that request belongs to ${request.resource.name}`);
    switch (request.state) {
      case "granted":
        this.removeUser(request);
        request.state = "released";
        this.handOnOrIdle();
        return;
      case "waiting":
        this.withdraw(request);
        return;
      case "released":
        throw new RangeError(`${this.name}: a request was released twice`);
      default:
        return;
    }
  }

  /** Takes a waiting request out of the line (the customer reneges); does nothing otherwise. */
  withdraw(request: ResourceRequest): void {
    if (request.state !== "waiting") return;
    request.state = "withdrawn";
    this.waitingCount--;
    this.queueLength.set(this.waitingCount);
    this.line.noteLeft(this.waitingCount);
  }

  /** Restarts the statistics now (warm-up removal); what is in use and waiting stays. */
  resetStatistics(): void {
    this.busy.reset();
    this.queueLength.reset();
    this.waits.reset();
    this.grantedCount = 0;
    this.refusedCount = 0;
    this.preemptedCount = 0;
  }

  private grant(request: ResourceRequest): void {
    const nowMs = this.simulator.nowMs;
    request.state = "granted";
    request.grantedAtMs = nowMs;
    request.userIndex = this.users.length;
    this.users.push(request);
    this.busy.set(this.users.length);
    this.waits.add(nowMs - request.requestedAtMs);
    this.grantedCount++;
  }

  /** The unit of a released or preempted user goes to the next in line, if any. */
  private handOnOrIdle(): void {
    const next = this.line.popNext();
    if (next === undefined) {
      this.busy.set(this.users.length);
      return;
    }
    this.waitingCount--;
    this.queueLength.set(this.waitingCount);
    this.grant(next);
    next.process?.resume(next);
  }

  /** Takes the unit of the worst-priority user if `request` is strictly better; true if it did. */
  private preemptFor(request: ResourceRequest): boolean {
    let victim = this.users[0]!;
    for (const user of this.users) {
      if (user.priority > victim.priority || (user.priority === victim.priority && user.order > victim.order)) victim = user;
    }
    if (victim.priority <= request.priority) return false;
    this.removeUser(victim);
    victim.state = "preempted";
    this.preemptedCount++;
    this.grant(request);
    victim.process?.interrupt(new Preemption(request, victim.grantedAtMs));
    return true;
  }

  /** Removes a user in O(1): the last user takes its place. */
  private removeUser(request: ResourceRequest): void {
    const last = this.users.pop()!;
    if (last !== request) {
      this.users[request.userIndex] = last;
      last.userIndex = request.userIndex;
    }
    request.userIndex = -1;
  }
}
