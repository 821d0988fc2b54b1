/**
 * The ways a request can fail, as the load generator counts them, and how a socket error maps to one.
 *
 * - connect: the TCP connection could not be made (refused, unreachable, no route).
 * - timeout: no complete response within the per-request timeout.
 * - reset: the connection broke after it was made (ECONNRESET, EPIPE, or closed before any response).
 * - bad-status: the status line is malformed, or the status is not 1xx–3xx.
 * - short-body: the connection closed before the body was as long as Content-Length (or the chunking) said.
 */

/** Every error kind, in the order summaries list them. */
export const loadErrorKinds = ["connect", "timeout", "reset", "bad-status", "short-body"] as const;

/** One way a request can fail. */
export type LoadErrorKind = (typeof loadErrorKinds)[number];

/** Counts of failed requests by kind (every kind present, zero when none). */
export type LoadErrorCounts = Record<LoadErrorKind, number>;

/** A fresh all-zero count of errors by kind. */
export function emptyErrorCounts(): LoadErrorCounts {
  return { connect: 0, timeout: 0, reset: 0, "bad-status": 0, "short-body": 0 };
}

/** The numeric code of an error kind in a record column (0 means no error). */
export function errorKindCode(kind: LoadErrorKind): number {
  return loadErrorKinds.indexOf(kind) + 1;
}

/** The error kind for a record column's code, or undefined for 0 (success). */
export function errorKindOfCode(code: number): LoadErrorKind | undefined {
  return code === 0 ? undefined : loadErrorKinds[code - 1];
}

/**
 * The kind of a socket error: before the connection was established every failure is a connect error;
 * after it, a timeout code stays a timeout and everything else is a reset.
 */
export function classifySocketError(error: NodeJS.ErrnoException, connected: boolean): LoadErrorKind {
  if (!connected) return error.code === "ETIMEDOUT" ? "timeout" : "connect";
  return error.code === "ETIMEDOUT" ? "timeout" : "reset";
}
