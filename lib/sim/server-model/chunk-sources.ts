/**
 * The three ways a simulated server gets a chunk that Flash's data cache does not hold; each mirrors a
 * real one (lib/http's `FileSource`, lib/servers' asymmetric.ts), and only these differ between
 * architectures on the read path:
 *
 * - `blockingChunkSource` (SPED, Zeus-like, MP, MT, Apache-like): the context reads the chunk itself and
 *   sleeps through a miss. It keeps what it holds: a SPED loop blocked on the disk serves nothing.
 * - `helperChunkSource` (AMPED with helper processes, AMTED with helper threads): the loop asks whether
 *   the chunk is in memory (Flash's mincore()); if it is, it reads it itself; if not, it sends the read
 *   to an idle helper (or queues it) and serves other connections meanwhile. The helper reads, sleeping
 *   through the miss, and sends the completion back; a helper process leaves the chunk in the buffer
 *   cache, so the loop then reads it (a hit), a helper thread read it into shared memory, so the loop
 *   sends it as it is.
 * - `asyncChunkSource` (SPED with io_uring-like asynchronous reads, no helpers): a resident chunk is
 *   read at once; a miss is submitted to the kernel and the loop goes on; the completion comes back to
 *   the loop, which copies the bytes. No messages and no other context: submission and completion cost
 *   only the read's own CPU (an assumption about io_uring's shared rings, stated in DESIGN.md).
 */
import { timeout } from "../process.js";
import type { ContextPool } from "./context-pool.js";
import type { ContextKind, ExecutionContext } from "./execution-context.js";
import type { ModelCosts } from "./model-costs.js";
import type { ModelDisk } from "./model-disk.js";
import type { ModelConnection } from "./model-connection.js";
import type { ChunkSource } from "./request-pipeline.js";
import type { MessageCounts } from "./server-model.js";

/** The CPU of reading a `bytes`-long chunk through the disk's buffer cache (a hit there), ms. */
function readCost(costs: ModelCosts, bytes: number): number {
  return costs.readFile.uncached + bytes * costs.readFile.perByte;
}

/** Reads on the calling context; a miss blocks it (and whatever waits for it). */
export function blockingChunkSource(disk: ModelDisk, costs: ModelCosts): ChunkSource {
  return {
    name: "blocking",
    *read(context, _connection, file, chunk, bytes) {
      yield* context.compute(readCost(costs, bytes));
      const waitMs = disk.read(file, chunk, bytes);
      if (waitMs > 0) yield* context.block(waitMs);
    },
  };
}

/** Counters of a helper pool, for the results. */
export interface HelperCounters {
  residentReads: number;
  helperReads: number;
}

/** Reads what is resident on the loop; sends the rest to helpers of `kind` from `pool`. */
export function helperChunkSource(disk: ModelDisk, costs: ModelCosts, pool: ContextPool, kind: ContextKind, counters: HelperCounters, messages: MessageCounts): ChunkSource {
  const message = costs.message[kind];
  return {
    name: kind === "process" ? "helper-processes" : "helper-threads",
    *read(loop, connection, file, chunk, bytes) {
      yield* loop.compute(costs.residencyCheck);
      if (disk.isResident(file, chunk, bytes)) {
        counters.residentReads++;
        yield* loop.compute(readCost(costs, bytes));
        disk.read(file, chunk, bytes);
        return;
      }
      counters.helperReads++;
      messages[kind] += 2; // the job, its completion
      yield* loop.compute(message / 2); // the job goes out
      loop.leave(connection);
      const lease = yield* pool.take();
      if (lease === undefined) throw new Error("a helper pool refused a read; helper pools have no queue limit");
      const helper = lease.context;
      yield* helper.compute(message / 2 + readCost(costs, bytes)); // the job comes in; the helper reads
      const waitMs = disk.read(file, chunk, bytes);
      if (waitMs > 0) yield* helper.block(waitMs);
      yield* helper.compute(message / 2); // the completion goes back
      helper.finish();
      pool.giveBack(lease);
      yield* loop.enter(connection);
      yield* loop.compute(message / 2); // the loop takes the completion
      if (kind === "process") {
        // A helper process cannot hand over the bytes: the loop reads the chunk the helper brought in.
        yield* loop.compute(readCost(costs, bytes));
        const againMs = disk.read(file, chunk, bytes);
        if (againMs > 0) yield* loop.block(againMs); // evicted in between: the loop blocks, as after Flash's mincore()
      }
    },
  };
}

/** Submits misses asynchronously (io_uring-like) and goes on; the completion returns to the loop. */
export function asyncChunkSource(disk: ModelDisk, costs: ModelCosts): ChunkSource {
  return {
    name: "async-io",
    *read(loop, connection: ModelConnection, file, chunk, bytes) {
      const waitMs = disk.read(file, chunk, bytes);
      if (waitMs > 0) {
        loop.leave(connection);
        yield timeout(waitMs);
        yield* loop.enter(connection);
      }
      yield* loop.compute(readCost(costs, bytes));
    },
  };
}
