/**
 * Reads a stream as lines of text (the driver's report, the child's answers), with a bound on how long
 * an unfinished line may grow, so that a process that never sends a newline cannot fill the reader's
 * memory.
 */
import type { Readable } from "node:stream";

/** Calls `onLine` for each complete line; `onTooLong` once an unfinished line passes `maxChars` (the rest is dropped). */
export function readLines(stream: Readable, onLine: (line: string) => void, maxChars = Infinity, onTooLong?: () => void): void {
  let buffered = "";
  let overflowed = false;
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    if (overflowed) return;
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      onLine(line);
    }
    if (buffered.length > maxChars) {
      overflowed = true;
      buffered = "";
      onTooLong?.();
    }
  });
  stream.on("error", () => {});
}
