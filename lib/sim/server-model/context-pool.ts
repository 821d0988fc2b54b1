/**
 * A pool of execution contexts handed out one job at a time: MP's idle worker processes (the master
 * hands each connection to one), and AMPED's or AMTED's helpers (the loop hands each disk read to one).
 * Jobs that find every context busy wait in FIFO order, as in lib/servers' `HelperPool` and MP's master
 * queue; with a queue limit, a job that finds the line full is refused. The pool is a lib/sim `Resource`
 * whose units are the contexts, plus a stack of the idle ones, so its utilization and queue statistics
 * are the resource's.
 */
import type { ProcessStep } from "../process.js";
import { Resource, type ResourceRequest } from "../resource.js";
import type { DiscreteEventSimulator } from "../simulator.js";
import type { ExecutionContext } from "./execution-context.js";

/** A context taken from a pool, and the claim to give back with it. */
export interface PoolLease {
  context: ExecutionContext;
  claim: ResourceRequest;
}

export class ContextPool {
  readonly resource: Resource;
  private readonly idle: ExecutionContext[];

  constructor(
    simulator: DiscreteEventSimulator,
    readonly contexts: readonly ExecutionContext[],
    options: { name: string; queueLimit?: number },
  ) {
    this.resource = new Resource(simulator, { capacity: contexts.length, name: options.name, ...(options.queueLimit === undefined ? {} : { queueLimit: options.queueLimit }) });
    this.idle = [...contexts].reverse();
  }

  /** Waits for an idle context; returns it, or undefined when the line was full (the job is refused). */
  *take(): Generator<ProcessStep, PoolLease | undefined, unknown> {
    const claim = this.resource.request();
    if (claim.refused) return undefined;
    yield claim;
    const context = this.idle.pop();
    if (context === undefined) throw new Error(`${this.resource.name}: a claim was granted with no idle context`);
    return { context, claim };
  }

  /** The context is idle again: the next job in line gets it. */
  giveBack(lease: PoolLease): void {
    this.idle.push(lease.context);
    this.resource.release(lease.claim);
  }
}
