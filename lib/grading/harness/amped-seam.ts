/**
 * The seam of the server assignment: what a student writes to make an AMPED server (Flash's
 * asymmetric multi-process event-driven architecture) out of flashlab's pipeline.
 *
 * The student writes one function, a `HelperDispatchFactory`. The harness (dispatch-server.ts) calls it
 * once with the loop's view of the simulated disk and the helpers, and plugs the `HelperDispatch` it
 * returns into a real event-loop server as its read-file step. The pipeline streams a file in chunks
 * (256 KB; a smaller file is one chunk), and the dispatch decides, for each chunk:
 * - in memory (`disk.isResident`)? Read it in the loop (`disk.readSync` does not wait) and return the
 *   Buffer;
 * - not in memory? Hand it to an idle helper (a real process that blocks on the disk in the loop's
 *   place), or queue it, first come first served, while every helper is busy; return a Promise that
 *   settles when a helper has brought the data into memory and the loop has read it.
 * A read that blocks the loop on a miss stalls every connection: head-of-line blocking, SPED's flaw.
 */

/** A chunk of a file the server needs: the file's absolute path and size, and the byte range. */
export interface FileToRead {
  path: string;
  /** The whole file's size in bytes. */
  size: number;
  /** Where the chunk starts in the file, and how many bytes it has. */
  offset: number;
  length: number;
}

/** The disk as the event loop sees it (the simulated disk, shared with the helpers). */
export interface LoopDisk {
  /** Whether the chunk's data is in memory (the buffer cache) now. Never waits. */
  isResident(path: string, offset: number, length: number): boolean;
  /** The chunk's bytes: at once when resident; on a miss it blocks the whole event loop for the disk's time. */
  readSync(path: string, offset: number, length: number): Buffer;
}

/** One helper: a process of its own that reads one chunk at a time, blocking itself rather than the loop. */
export interface DiskHelper {
  /** 0, 1, 2, … */
  readonly id: number;
  /** True from a `read` until its promise settles. */
  readonly busy: boolean;
  /**
   * Has the helper read the chunk into memory. Resolves when the data is resident (read it then with
   * `disk.readSync`, which will not wait); rejects if the read failed (e.g. the file is gone).
   * A helper reads one chunk at a time: calling this while it is busy rejects at once.
   */
  read(path: string, offset: number, length: number): Promise<void>;
}

/** The read-file step of the student's AMPED server. */
export interface HelperDispatch {
  /**
   * The bytes of the chunk: a Buffer when the loop read it at once, or a Promise of it when a helper had
   * to bring it into memory first. Rejecting answers the request with an error (500).
   */
  read(chunk: FileToRead): Buffer | Promise<Buffer>;
  /**
   * Shutdown: from now on `read` refuses new files (throws or rejects), while every read already
   * accepted, in a helper or waiting in the queue, still completes. Resolves when none is left, and
   * leaves nothing running (no timers).
   */
  close(): Promise<void>;
}

/** What the student writes: builds the dispatch from the loop's disk and the helpers. */
export type HelperDispatchFactory = (disk: LoopDisk, helpers: readonly DiskHelper[]) => HelperDispatch;
