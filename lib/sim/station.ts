/**
 * A service station for queueing models: k identical servers (threads) in front of one FIFO queue.
 *
 * A job that arrives goes to the lowest-numbered idle server, or waits in line. When a server
 * finishes, it takes the next job in line at once, in the same event, so the order of work is fixed
 * by arrival order alone. The toy shop builds both its models from stations: boss/workers is a boss
 * station feeding a worker station, the pipeline is a chain of one-thread stations.
 */
import type { DiscreteEventSimulator } from "./simulator.js";
import { Deque } from "./deque.js";

/** One stretch of work by one server on one job, for a timeline. */
export interface ServiceStationWork<J> {
  job: J;
  /** The server's name, as given to the station. */
  resource: string;
  startMs: number;
  endMs: number;
}

export interface ServiceStationOptions<J> {
  /** One name per server, e.g. ["worker 1", "worker 2"]. */
  resources: readonly string[];
  /** How long a server works on `job`, in ms (finite, ≥ 0). */
  serviceMs: (job: J) => number;
  /** Called when a server starts on a job (with the stretch it will work). */
  onStart?: (work: ServiceStationWork<J>) => void;
  /** Called when a server finishes a job. */
  onDone: (job: J, work: ServiceStationWork<J>) => void;
}

/** k servers sharing one FIFO queue, driven by a `DiscreteEventSimulator`. */
export class ServiceStation<J> {
  private readonly busy: boolean[];
  private idleServers: number;
  private readonly waiting = new Deque<J>();

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    private readonly options: ServiceStationOptions<J>,
  ) {
    if (options.resources.length === 0) throw new RangeError("a station needs at least one server");
    this.busy = options.resources.map(() => false);
    this.idleServers = this.busy.length;
  }

  /** How many jobs are waiting for a server. */
  get queueLength(): number {
    return this.waiting.length;
  }

  /** A job arrives now: it starts on an idle server or joins the end of the line. */
  arrive(job: J): void {
    if (this.idleServers === 0) this.waiting.pushBack(job);
    else this.start(this.busy.indexOf(false), job);
  }

  private start(server: number, job: J): void {
    const serviceMs = this.options.serviceMs(job);
    if (!Number.isFinite(serviceMs) || serviceMs < 0) {
      throw new RangeError(`a service time must be a finite number ≥ 0 ms; got ${serviceMs}`);
    }
    this.busy[server] = true;
    this.idleServers--;
    const startMs = this.simulator.nowMs;
    const work: ServiceStationWork<J> = { job, resource: this.options.resources[server]!, startMs, endMs: startMs + serviceMs };
    this.options.onStart?.(work);
    this.simulator.schedule(serviceMs, () => this.finish(server, work));
  }

  private finish(server: number, work: ServiceStationWork<J>): void {
    this.busy[server] = false;
    this.idleServers++;
    if (this.waiting.length > 0) this.start(server, this.waiting.popFront()!);
    this.options.onDone(work.job, work);
  }
}
