/**
 * The read-file step's strategy: where a file's bytes come from, and whether getting them blocks.
 *
 * This is the seam between the shared pipeline and the architectures. A `FileSource` returns one chunk
 * of a file either synchronously (a Buffer: the calling thread did the read, blocking if the disk did)
 * or as a Promise (the read was handed to someone else: a helper process or thread, libuv's pool). The
 * pipeline streams a response one chunk (`fileChunkBytes`, 256 KB) at a time, consults the data cache
 * first and calls the source only on a miss; when the source answers with a Promise, the connection
 * stops processing until it settles, so pipelined responses stay in order, while the event loop serves
 * other connections.
 */
import { readFileRange, readFileRangeSync, type RangeReadOptions } from "../storage/index.js";
import type { ResolvedFile } from "./resolved-file.js";

/**
 * Which request a read is for: passed to `FileSource.read` only while the pipeline keeps a step trace,
 * so that whoever reads for the loop (a helper) can put its own trace events under the same request.
 */
export interface ReadOrigin {
  /** The connection's number in the pipeline that asks (see `StepTraceEvent`). */
  connection: number;
  /** The request on that connection, from 1. */
  request: number;
}

/** Supplies file contents to the read-file step, one chunk at a time. */
export interface FileSource {
  /** A name for stats and logs, e.g. "real-fs-sync". */
  readonly name: string;
  /**
   * Bytes [offset, offset + length) of `file` (exactly `length` bytes are expected). Return a Buffer to
   * read in the caller's thread, or a Promise to read elsewhere. The read must be of `file`'s version
   * (pass it as `expected` to a lib/storage read): a file changed or replaced since its translation fails
   * with code ESTALE, and the pipeline then translates the path again. Other failures answer 404
   * (ENOENT), 403 (EACCES) or 500, or cut the connection when part of the response is already sent.
   * `origin` (only while the pipeline traces) says which request the read is for.
   */
  read(file: ResolvedFile, offset: number, length: number, origin?: ReadOrigin): Buffer | Promise<Buffer>;
}

/** The real file system, read synchronously: the calling thread blocks for the read (SPED, MP, MT). */
export const syncRealFileSource: FileSource = {
  name: "real-fs-sync",
  read: (file, offset, length) => readFileRangeSync(file.path, offset, length, { expected: file }),
};

/** The real file system, read through libuv's thread pool (Node's own asynchronous file I/O). */
export const asyncRealFileSource: FileSource = {
  name: "real-fs-async",
  read: (file, offset, length) => readFileRange(file.path, offset, length, { expected: file }),
};

/** Anything with a blocking range read, such as a lib/storage `Disk`. */
export interface BlockingFileReader {
  readSync(path: string, offset: number, length: number, options?: RangeReadOptions): Buffer;
}

/** A synchronous source over a blocking reader (e.g. a simulated disk whose misses block the thread). */
export function blockingFileSource(reader: BlockingFileReader, name = "blocking-reader"): FileSource {
  return { name, read: (file, offset, length) => reader.readSync(file.path, offset, length, { expected: file }) };
}
