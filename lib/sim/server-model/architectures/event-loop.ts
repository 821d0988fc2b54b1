/**
 * One event loop serving many connections (lib/servers' event-loop-server.ts): SPED itself, each of
 * Zeus's processes, AMPED's and AMTED's loop, and SPED with asynchronous reads. The loop accepts, then
 * runs each ready connection's steps in turn (its context's FIFO line is the ready list); how it gets a
 * chunk the data cache lacks is its `ChunkSource`. At most `maxConnections` connections are open at once;
 * more wait unread in a queue, and beyond the queue are refused (503), as the pipeline does.
 */
import type { ProcessBody } from "../../process.js";
import { Resource, type ResourceRequest } from "../../resource.js";
import type { ExecutionContext } from "../execution-context.js";
import type { ModelConnection } from "../model-connection.js";
import type { ChunkSource } from "../request-pipeline.js";
import type { ServerModel } from "../server-model.js";

export class EventLoopModel {
  /** Open connections (capacity: maxConnections) and the queue of those waiting for a slot. */
  readonly slots: Resource;
  private readonly releaseSlot = (slot: ResourceRequest): void => this.slots.release(slot);

  constructor(
    private readonly model: ServerModel,
    readonly context: ExecutionContext,
    private readonly source: ChunkSource,
  ) {
    this.slots = new Resource(model.simulator, { capacity: model.config.maxConnections, queueLimit: model.config.queueLimit, name: `${context.name} connections` });
  }

  /** The server's side of `connection` on this loop. */
  *serve(connection: ModelConnection): ProcessBody {
    const { context, model } = this;
    const slot = this.slots.request();
    if (slot.refused) {
      yield* this.refuse(connection);
      return;
    }
    yield slot;
    yield* context.enter(connection);
    yield* context.compute(model.costs.accept);
    yield* model.pipeline.respond(context, connection, this.source);
    context.leave(connection);
    // The connection stays open (its slot taken) until the client has read everything and closed.
    model.simulator.schedule(model.untilClientCloses(connection), this.releaseSlot, slot);
  }

  /** Accepts and answers 503 at once. */
  *refuse(connection: ModelConnection): ProcessBody {
    const { context, model } = this;
    yield* context.enter(connection);
    yield* context.compute(model.costs.accept + model.costs.sendHeader);
    context.leave(connection);
    connection.refuse();
  }
}
