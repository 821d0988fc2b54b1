/**
 * Connection rate: connections served per unit of time, as the Flash paper reports it. With HTTP/1.0
 * (one request per connection) it equals throughput; with keep-alive it is lower.
 *
 *   connection rate = connections served / total time   (per second)
 *
 * O(1).
 */
import { ratePerSecond } from "./rate-per-second.js";

/** Connections per second over `durationS` seconds. */
export function connectionRate(connections: number, durationS: number): number {
  return ratePerSecond("connectionRate", "connections", connections, durationS);
}
