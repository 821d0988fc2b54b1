/**
 * RequestRecord: what the load generator records for one HTTP request, and how a record is classified
 * as completed or failed. All times are milliseconds on one clock (the generator's monotonic clock),
 * so differences between them are durations.
 */

/** One request as seen by the client. */
export interface RequestRecord {
  /**
   * When the request was meant to be sent (open loop: from the arrival schedule). Latencies count from
   * here when present, so that a stalled server cannot hide the requests it delayed (coordinated omission).
   */
  intendedMs?: number;
  /** When the client started the request (began connecting, or writing on a reused connection). */
  startMs: number;
  /** When the TCP connection was established (absent when a kept-alive connection was reused). */
  connectMs?: number;
  /** When the first byte of the response arrived (absent if none did). */
  firstByteMs?: number;
  /** When the response was complete, or when the request failed. */
  endMs: number;
  /** Response bytes received (header and body). */
  bytes: number;
  /** HTTP status code; 0 when no response status was received. */
  status: number;
  /** Why the request failed on the client side (e.g. "ECONNRESET", "timeout"); absent on success. */
  error?: string;
  /** The URL or path requested. */
  url?: string;
  /** Which client (closed loop) or connection made the request. */
  clientId?: number;
  /**
   * Times the client sent the request again on a fresh connection because a kept-alive connection
   * closed before any byte of the response arrived (absent when it was not retried).
   */
  retries?: number;
}

/**
 * Why a request failed, or null if it completed. A request fails when it carries a client-side `error`
 * (that string is the kind), or when its status is not a success or redirect: status 0 gives
 * "no status", and 4xx/5xx or any other code outside 100–399 gives "status 404" and so on.
 * O(1).
 */
export function requestFailureKind(record: RequestRecord): string | null {
  if (record.error !== undefined && record.error !== "") return record.error;
  if (record.status === 0) return "no status";
  if (record.status < 100 || record.status >= 400) return `status ${record.status}`;
  return null;
}

/**
 * The instant a request's latencies count from: its intended send time when it has one (open loop),
 * else its actual start. O(1).
 */
export function requestOriginMs(record: RequestRecord): number {
  return record.intendedMs ?? record.startMs;
}
