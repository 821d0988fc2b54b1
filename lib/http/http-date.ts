/**
 * HTTP dates (IMF-fixdate, RFC 9110 §5.6.7): formatting, parsing, and the Date header cached per second.
 */

/** `ms` since the epoch as an HTTP date, e.g. "Thu, 26 Nov 2026 06:36:44 GMT". */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Whole seconds of an HTTP date (any format Date.parse accepts), or undefined when it is not a date. */
export function parseHttpDateSeconds(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

let cachedSecond = -1;
let cachedDate = "";

/** The current time as an HTTP date, recomputed at most once per second. */
export function currentHttpDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = formatHttpDate(second * 1000);
  }
  return cachedDate;
}

/** The second that `currentHttpDate` last formatted (lets other per-second caches follow it). */
export function currentHttpDateSecond(): number {
  currentHttpDate();
  return cachedSecond;
}
