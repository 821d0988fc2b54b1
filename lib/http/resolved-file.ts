/**
 * A URL path translated to a file inside the docroot: what the pipeline needs to answer with it.
 */

/** A regular file inside the docroot, as found by the translate-path step. */
export interface ResolvedFile {
  /** Absolute real path (symlinks resolved), always inside the real docroot. */
  readonly path: string;
  /** Size in bytes at translation time. */
  readonly size: number;
  /** Modification time (ms since the epoch) at translation time. */
  readonly mtimeMs: number;
  /** Content-Type value chosen from the extension. */
  readonly contentType: string;
}
