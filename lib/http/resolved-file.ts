/**
 * A URL path translated to a file inside the docroot: what the pipeline needs to answer with it.
 */
import type { FileVersion } from "../storage/index.js";

/**
 * A regular file inside the docroot, as found by the translate-path step: its real path, and the
 * version (device, inode, size, modification time) that the translation validated. Reads of it are
 * checked against that version, so a name swapped for something else is never read through.
 */
export interface ResolvedFile extends FileVersion {
  /** Absolute real path (symlinks resolved), inside the real docroot when translated. */
  readonly path: string;
  /** Content-Type value chosen from the extension. */
  readonly contentType: string;
}
