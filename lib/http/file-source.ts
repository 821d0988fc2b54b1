/**
 * The read-file step's strategy: where a file's bytes come from, and whether getting them blocks.
 *
 * This is the seam between the shared pipeline and the architectures. A `FileSource` returns the bytes
 * either synchronously (a Buffer: the calling thread did the read, blocking if the disk did) or as a
 * Promise (the read was handed to someone else: a helper process or thread, libuv's pool). The pipeline
 * consults the data cache first and calls the source only on a miss; when the source answers with a
 * Promise, the connection stops processing requests until it settles, so pipelined responses stay in
 * order, while the event loop serves other connections.
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import type { ResolvedFile } from "./resolved-file.js";

/** Supplies file contents to the read-file step. */
export interface FileSource {
  /** A name for stats and logs, e.g. "real-fs-sync". */
  readonly name: string;
  /**
   * The whole content of `file` (exactly `file.size` bytes is expected). Return a Buffer to read in the
   * caller's thread, or a Promise to read elsewhere. Throwing or rejecting answers 500 (or closes the
   * connection when the head is already sent); an ENOENT error answers 404.
   */
  read(file: ResolvedFile): Buffer | Promise<Buffer>;
}

/** The real file system, read synchronously: the calling thread blocks for the read (SPED, MP, MT). */
export const syncRealFileSource: FileSource = {
  name: "real-fs-sync",
  read: (file) => readFileSync(file.path),
};

/** The real file system, read through libuv's thread pool (Node's own asynchronous file I/O). */
export const asyncRealFileSource: FileSource = {
  name: "real-fs-async",
  read: (file) => readFile(file.path),
};

/** Anything with a blocking whole-file read, such as the simulated disk in lib/storage. */
export interface BlockingFileReader {
  readFileSync(path: string, size: number): Buffer;
}

/** A synchronous source over a blocking reader (e.g. a simulated disk whose misses block the thread). */
export function blockingFileSource(reader: BlockingFileReader, name = "blocking-reader"): FileSource {
  return { name, read: (file) => reader.readFileSync(file.path, file.size) };
}
