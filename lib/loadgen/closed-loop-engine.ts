/**
 * The closed loop: each client sends a request, waits for the response, thinks, and sends the next,
 * as the Flash paper's clients, ab and wrk do. With pipelining, a client keeps `pipeline` requests in
 * flight on its keep-alive connection and sends one more each time one ends.
 *
 * A closed loop measures latency from the actual send: a client blocked behind a slow response simply
 * sends its next request later, so a server stall delays few measured requests (see the open loop).
 */
import type { EngineConfig } from "./engine-config.js";
import { type EngineSinks, LoadEngine, type Slot } from "./load-engine.js";
import { PathCursor } from "./path-cursor.js";
import { thinkTimeSampler, threadSeed } from "./timing.js";

/** The closed-loop engine for one thread. */
export class ClosedLoopEngine extends LoadEngine {
  private readonly think: () => number;
  private readonly paths: PathCursor;

  constructor(config: EngineConfig, sinks: EngineSinks) {
    super(config, sinks);
    this.think = thinkTimeSampler(config.thinkDistribution, config.thinkMs, threadSeed(config.seed, config.threadIndex, 1));
    this.paths = new PathCursor(config.plan, config.threadIndex, config.threadCount);
  }

  protected begin(): void {
    const depth = this.config.http === "1.1" ? this.config.pipeline : 1;
    for (const slot of this.slots) for (let i = 0; i < depth; i++) this.issue(slot, this.now());
    this.maybeFinish();
  }

  protected requestFinished(slot: Slot, nowMs: number): void {
    if (!this.issuing) return;
    const wait = this.think();
    if (wait > 0) setTimeout(() => this.issue(slot, this.now()), wait);
    else this.issue(slot, nowMs);
  }

  /**
   * Sends the slot's next request, stamped `t`: without think time that is the instant the previous
   * response was read (the same clock read), since the client sends its next request right then.
   */
  private issue(slot: Slot, t: number): void {
    if (!this.issuing) return;
    if (t >= this.endMs) {
      this.stop();
      return;
    }
    const measured = t >= this.config.warmupMs;
    if (measured) {
      if (this.measuredIssued >= this.config.requestLimit) {
        this.stop();
        return;
      }
      this.measuredIssued++;
    }
    this.send(slot, this.newRequest(t, t, this.paths.next()));
    if (measured && this.measuredIssued >= this.config.requestLimit) this.stop();
  }
}
