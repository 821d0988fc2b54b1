/**
 * How the commands print a path: relative to the working folder when it lies below it, else absolute.
 */
import { relative } from "node:path";

export function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}
