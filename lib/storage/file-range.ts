/**
 * Reading a byte range of a file, checked against the version of the file the caller expects.
 *
 * Files are read in chunks of `fileChunkBytes` (256 KB): the request pipeline streams a response one
 * chunk at a time, the data cache keeps chunks, and the simulated disk caches and charges per chunk,
 * as Flash mapped and cached files in chunks. A file up to 256 KB (every file of the paper's
 * workloads) is one chunk.
 *
 * A read opens the file, and when the caller says which version it expects (the device and inode, size
 * and modification time that a path translation validated), compares the open file's fstat with it
 * before reading a byte: a file that was replaced (by another file, or by a symlink to somewhere else)
 * or changed fails with `FileChangedError` (code ESTALE) instead of serving bytes nobody validated.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";

/** Bytes in one chunk of a file: the unit of streaming, of the data cache and of the simulated disk. */
export const fileChunkBytes = 256 * 1024;

/** Which file, and which version of it: what fstat says about an open file. */
export interface FileVersion {
  /** Device and inode: the file's identity (the same file under any name). */
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
}

/** The version fields of a stat result. */
export function versionOf(stats: Stats): FileVersion {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** True when two versions name the same file with the same size and modification time. */
export function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The file at a path is not (any more) the version the caller expected. Code ESTALE, as a stale file handle. */
export class FileChangedError extends Error {
  override name = "FileChangedError";
  readonly code = "ESTALE";
  constructor(path: string) {
    super(`${path} changed or was replaced since it was looked up`);
  }
}

/** Options of a range read. */
export interface RangeReadOptions {
  /** Fail with `FileChangedError` unless the opened file is this version. */
  expected?: FileVersion;
  /** Read into this memory (at least `length` bytes) instead of a new Buffer. */
  into?: Uint8Array;
}

/**
 * Reads up to `length` bytes at `offset` of the file at `path`, blocking the calling thread. Returns
 * the bytes read (fewer at the end of the file), in `options.into` when given. Throws the open error
 * (ENOENT, EACCES, …) or `FileChangedError`.
 */
export function readFileRangeSync(path: string, offset: number, length: number, options: RangeReadOptions = {}): Buffer {
  const fd = openSync(path, "r");
  try {
    if (options.expected !== undefined && !sameVersion(versionOf(fstatSync(fd)), options.expected)) throw new FileChangedError(path);
    const target = targetOf(options.into, length);
    let done = 0;
    while (done < length) {
      const count = readSync(fd, target, done, length - done, offset + done);
      if (count === 0) break;
      done += count;
    }
    return done === length ? target : target.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** The same as `readFileRangeSync`, through libuv's thread pool (the calling thread does not block). */
export async function readFileRange(path: string, offset: number, length: number, options: RangeReadOptions = {}): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    if (options.expected !== undefined && !sameVersion(versionOf(await handle.stat()), options.expected)) throw new FileChangedError(path);
    const target = targetOf(options.into, length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(target, done, length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? target : target.subarray(0, done);
  } finally {
    await handle.close();
  }
}

function targetOf(into: Uint8Array | undefined, length: number): Buffer {
  if (into === undefined) return Buffer.allocUnsafe(length);
  if (into.byteLength < length) throw new RangeError(`a ${into.byteLength}-byte target cannot hold ${length} bytes`);
  return Buffer.from(into.buffer, into.byteOffset, length);
}

/** The chunks a byte range touches: [first, last] chunk indexes (empty when length ≤ 0: first > last). */
export function chunksOf(offset: number, length: number): { first: number; last: number } {
  return { first: Math.floor(offset / fileChunkBytes), last: Math.floor((offset + length - 1) / fileChunkBytes) };
}
