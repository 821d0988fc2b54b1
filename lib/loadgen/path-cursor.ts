/**
 * Which path a thread requests next. The run's request sequence is dealt out across threads like
 * cards: thread i takes entries i, i + T, i + 2T, … (T threads), cycling when the sequence runs out,
 * so that together the threads walk the whole sequence in order.
 */
import type { EngineRequestPlan } from "./engine-config.js";

/** A cursor over one thread's share of the request sequence. */
export class PathCursor {
  private step = 0;
  private readonly length: number;

  constructor(
    private readonly plan: EngineRequestPlan,
    private readonly threadIndex: number,
    private readonly threadCount: number,
  ) {
    this.length = plan.sequence?.length ?? plan.paths.length;
    if (this.length === 0) throw new Error("the request plan has no paths");
  }

  /** The sequence position of the next request (before wrapping), for looking up a replay time. */
  position(): number {
    return this.threadIndex + this.step * this.threadCount;
  }

  /** The path index of the next request; advances the cursor. */
  next(): number {
    const position = (this.threadIndex + this.step * this.threadCount) % this.length;
    this.step++;
    const sequence = this.plan.sequence;
    return sequence === undefined ? position : (sequence[position] as number);
  }
}
