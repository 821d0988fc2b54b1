/**
 * Clean-up calls that must not throw: closing a descriptor or removing a name that may already be gone.
 */
import { closeSync, unlinkSync } from "node:fs";

/** Closes `fd`, ignoring "already closed". */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/** Removes the file name `path`, ignoring "already gone". */
export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
