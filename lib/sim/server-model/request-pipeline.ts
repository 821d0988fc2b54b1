/**
 * The request pipeline of lib/http as CPU work on an execution context, step by step with the same names
 * and in the same order (DESIGN.md, "The request pipeline"): read-request, parse, translate-path,
 * compute-header, send-header (only without gather writes), then read-file and send-data per 256 KB
 * chunk. Flash's caches decide each cached step's cost; a chunk the data cache does not hold goes to the
 * architecture's `ChunkSource`, the model's counterpart of lib/http's `FileSource` seam: the one place
 * where who blocks on a read differs. The accept step is the accept policy's (whoever accepts pays it).
 *
 * CPU work between two waits is one burst on a core, as a thread runs until it blocks. After each chunk
 * the socket takes the bytes (network-link.ts); a full send buffer makes the writer wait, and a
 * connection that has written 4 chunks at once lets the others of its event loop have a turn, as
 * lib/http does. Work is counted in ms.
 */
import { fileChunkBytes } from "../../storage/index.js";
import type { ProcessBody, ProcessStep } from "../process.js";
import { timeout } from "../process.js";
import type { ExecutionContext } from "./execution-context.js";
import type { ModelConnection } from "./model-connection.js";
import type { ModelCosts } from "./model-costs.js";
import type { NetworkLink } from "./network-link.js";

/** About what flashlab's response head takes (status line, Content-Type, Content-Length, Last-Modified, Date, Connection), bytes. */
export const responseHeadBytes = 200;

/** Chunks a connection writes in one go before it lets the others of its event loop have a turn (lib/http's `chunksPerTurn`). */
const chunksPerTurn = 4;

/**
 * Where a chunk the data cache does not hold comes from, and who waits for it. `read` runs while the
 * connection runs on `context` and returns with the chunk in memory and the connection on `context` again.
 */
export interface ChunkSource {
  readonly name: string;
  read(context: ExecutionContext, connection: ModelConnection, file: number, chunk: number, bytes: number): ProcessBody;
}

export interface PipelineModelOptions {
  costs: ModelCosts;
  link: NetworkLink;
  /** Header and body in one write (lib/http's gather writes); off: the head costs a send-header step of its own. */
  gather: boolean;
  nowMs: () => number;
}

/** The pipeline's steps as CPU work; one instance serves every context of a server. */
export class PipelineModel {
  constructor(private readonly options: PipelineModelOptions) {}

  /**
   * Serves `connection`'s request on `context` (which it has entered) with `source` for uncached chunks.
   * Tells the connection once the last byte is handed to the socket (`responded`). On a shared context (an event loop), a wait for
   * the client lets the other connections run; a context of its own sleeps through it.
   */
  *respond(context: ExecutionContext, connection: ModelConnection, source: ChunkSource): Generator<ProcessStep, void, unknown> {
    const { costs, link } = this.options;
    const caches = context.servingCaches();
    const file = connection.file;
    let work = costs.readRequest + costs.parse;
    work += caches.translatePath(file, this.options.nowMs()) ? costs.translatePath.cached : costs.translatePath.uncached;
    work += caches.computeHeader(file) ? costs.computeHeader.cached : costs.computeHeader.uncached;
    const size = connection.bytes;
    if (!this.options.gather || size === 0) {
      work += costs.sendHeader;
      yield* context.compute(work);
      work = 0;
      yield* this.write(context, connection, responseHeadBytes, size > 0);
    }
    const chunks = Math.ceil(size / fileChunkBytes);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const bytes = Math.min(fileChunkBytes, size - chunk * fileChunkBytes);
      if (caches.readChunk(file, chunk)) {
        work += costs.readFile.cached;
      } else {
        yield* context.compute(work);
        work = 0;
        yield* source.read(context, connection, file, chunk, bytes);
        caches.keepChunk(file, chunk, bytes);
      }
      work += costs.sendData.perChunk + bytes * costs.sendData.perByte;
      yield* context.compute(work);
      work = 0;
      const more = chunk + 1 < chunks;
      yield* this.write(context, connection, bytes + (chunk === 0 && this.options.gather ? responseHeadBytes : 0), more);
      if (more && (chunk + 1) % chunksPerTurn === 0 && context.lock !== undefined) {
        context.leave(connection);
        yield* context.enter(connection);
      }
    }
    if (work > 0) yield* context.compute(work);
    connection.responded();
  }

  /** Hands bytes to the socket; when more must follow and the send buffer is full, waits for the client. */
  private *write(context: ExecutionContext, connection: ModelConnection, bytes: number, more: boolean): ProcessBody {
    const waitMs = this.options.link.write(connection, bytes);
    if (!more || waitMs <= 0) return;
    if (context.lock === undefined) {
      yield* context.block(waitMs); // a blocking write: the thread sleeps until the buffer has room
    } else {
      context.leave(connection); // the event loop serves others; the connection waits for `drain`
      yield timeout(waitMs);
      yield* context.enter(connection);
    }
  }
}
