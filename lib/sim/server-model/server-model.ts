/**
 * What every architecture model is built from, in one place: the simulator and its seeded randomness,
 * the machine (cores, disk, network link), the pipeline's costs, and constructors for execution contexts
 * (each process gets its own id, so that switches between threads of one process cost a thread switch).
 * An architecture's file (architectures/*.ts) takes one of these and wires its dispatch out of the parts,
 * as lib/servers' architectures wire theirs out of the pipeline, the supervisor and the disk.
 */
import type { Rng } from "../../runtime/random.js";
import { startProcess, type ProcessBody, type SimProcess } from "../process.js";
import type { DiscreteEventSimulator } from "../simulator.js";
import type { CpuScheduler } from "./cpu-scheduler.js";
import { FlashCacheModel, type FlashCacheModelOptions } from "./flash-cache-model.js";
import { ExecutionContext, type ContextHolder, type ContextKind } from "./execution-context.js";
import type { ModelCosts } from "./model-costs.js";
import type { ModelDisk } from "./model-disk.js";
import type { NetworkLink } from "./network-link.js";
import type { ModelConnection } from "./model-connection.js";
import type { PipelineModel } from "./request-pipeline.js";
import { blockingChunkSource } from "./chunk-sources.js";
import type { ChunkSource } from "./request-pipeline.js";

/** Apache-like pool bounds (lib/servers' `ApachePoolOptions`, all given). */
export interface ApachePoolConfig {
  minProcesses: number;
  maxProcesses: number;
  threadsPerProcess: number;
  minSpareThreads: number;
  maxSpareThreads: number;
  maintenanceMs: number;
}

/** The server's configuration as the architectures read it (defaults filled in). */
export interface ServerModelConfig {
  /** Processes (mp, zeus), threads (mt), initial processes (apache). */
  workers: number;
  /** Helper processes (amped) or threads (amted). */
  helpers: number;
  acceptPolicy: "one-listener" | "master-handoff" | "reuseport";
  apache: ApachePoolConfig;
  /** Connections one event loop serves at once; more wait (up to `queueLimit`), beyond that are refused. */
  maxConnections: number;
  /** Connections allowed to wait for a context (lib/http's and MP's master's 1024). */
  queueLimit: number;
  caches: Omit<FlashCacheModelOptions, "maxEntries" | "pathValidMs">;
}

/**
 * How connections reach a context: handed out by a pool one job at a time (MP's workers, helpers: no
 * queue of its own), queued for it one connection at a time (a thread with its own listener: lib/http's
 * queue, refusing beyond `queueLimit`), or interleaved by it (an event loop: its ready list).
 */
export type ContextAccess = "pool" | "one-connection" | "event-loop";

export interface ContextSetup {
  access: ContextAccess;
  /** It runs the pipeline, with Flash caches of its own. */
  serving: boolean;
}

/** A context's share of a message it receives, run as a job of its own. */
function* takeMessage(receiver: ExecutionContext, ms: number, then?: () => void): ProcessBody {
  const holder: ContextHolder = { hold: undefined };
  yield* receiver.enter(holder);
  yield* receiver.compute(ms);
  then?.();
  receiver.leave(holder);
}

/** lib/http's defaults for Flash's path and header caches. */
const pathAndHeaderCacheEntries = 10_000;
const pathCacheValidMs = 1_000;

/** Messages sent between contexts, by the kind of context they pass between. */
export interface MessageCounts {
  process: number;
  thread: number;
}

export class ServerModel {
  readonly contexts: ExecutionContext[] = [];
  /** Messages sent so far (the statistics restart them after the warm-up). */
  readonly messages: MessageCounts = { process: 0, thread: 0 };
  readonly blocking: ChunkSource;
  private nextProcessId = 1;

  constructor(
    readonly simulator: DiscreteEventSimulator,
    readonly rng: Rng,
    readonly config: ServerModelConfig,
    readonly costs: ModelCosts,
    readonly cpu: CpuScheduler,
    readonly disk: ModelDisk,
    readonly link: NetworkLink,
    readonly pipeline: PipelineModel,
  ) {
    this.blocking = blockingChunkSource(disk, costs);
  }

  /** A new process's context (`serving`: it runs the pipeline, with Flash caches of its own). */
  process(role: string, options: ContextSetup): ExecutionContext {
    const processId = this.nextProcessId++;
    return this.context("process", processId, role, options);
  }

  /** A new thread of process `processId`. */
  thread(processId: number, role: string, options: ContextSetup): ExecutionContext {
    return this.context("thread", processId, role, options);
  }

  /** Runs `body` as a process of the model (a background task: a master taking a message, a pool's maintenance). */
  spawn(body: ProcessBody, name: string): SimProcess {
    return startProcess(this.simulator, body, name);
  }

  /** How long `connection`'s client still needs before it has everything and closes (its FIN reaches us), ms. */
  untilClientCloses(connection: ModelConnection): number {
    return Math.max(0, this.link.deliveredAtMs(connection) + connection.oneWayMs - this.simulator.nowMs);
  }

  /** A context whose connections come one at a time: it waits until the client has closed before the next. */
  *serveUntilClosed(context: ExecutionContext, connection: ModelConnection, source: ChunkSource = this.blocking): ProcessBody {
    yield* this.pipeline.respond(context, connection, source);
    const closeMs = this.untilClientCloses(connection);
    if (closeMs > 0) yield* context.block(closeMs);
  }

  /** Half of one message between contexts of `kind` (each side pays half), ms. */
  halfMessageMs(kind: ContextKind): number {
    return this.costs.message[kind] / 2;
  }

  /** Counts messages between contexts of `kind` whose costs the caller charges itself. */
  countMessages(kind: ContextKind, count = 1): void {
    this.messages[kind] += count;
  }

  /**
   * A message between contexts of `kind` arrives at `receiver` (the sender has paid its half): the
   * receiver's half runs as a job of its own, which waits in the receiver's line (it must be a shared
   * context: an event loop, a master) and for a core; then `then` runs.
   */
  receive(receiver: ExecutionContext, kind: ContextKind, then?: () => void): SimProcess {
    if (receiver.lock === undefined) throw new Error(`${receiver.name} cannot take messages: it is not a shared context`);
    this.countMessages(kind);
    return this.spawn(takeMessage(receiver, this.halfMessageMs(kind), then), `${receiver.name}: a message`);
  }

  /** Picks one of `contexts` as the kernel's SO_REUSEPORT hash does: blind to which are busy. */
  reusePortPick<T>(contexts: readonly T[]): T {
    return contexts[Math.floor(this.rng.next() * contexts.length)]!;
  }

  private context(kind: ContextKind, processId: number, role: string, options: ContextSetup): ExecutionContext {
    const name = `${role} ${this.contexts.length + 1}`;
    const caches = options.serving ? new FlashCacheModel({ ...this.config.caches, maxEntries: pathAndHeaderCacheEntries, pathValidMs: pathCacheValidMs }) : undefined;
    const context = new ExecutionContext(this.simulator, this.cpu, {
      name,
      kind,
      processId,
      role,
      shared: options.access !== "pool",
      ...(caches === undefined ? {} : { caches }),
      ...(options.access === "one-connection" ? { queueLimit: this.config.queueLimit } : {}),
    });
    this.contexts.push(context);
    return context;
  }
}
