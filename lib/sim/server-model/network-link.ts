/**
 * The network between a simulated server and its clients: the server's link, shared by every response,
 * each client's own bandwidth, a one-way delay, and the socket's send buffer.
 *
 * Model (a fluid approximation that costs O(1) per write): the link carries bytes in the order they are
 * written, at its rate; a client receives its connection's bytes no faster than its own rate; the last
 * byte of a write arrives when both allow, plus the one-way delay. A writer may go on while what its
 * client has not yet received fits in the socket's send buffer; beyond, the write waits, as a blocking
 * write (or Node's `writableNeedDrain`) does. With both rates unlimited (loopback), bytes cost no time.
 */
import type { DiscreteEventSimulator } from "../simulator.js";

/** What a connection's sender side knows (kept on the connection). */
export interface NetworkFlow {
  /** The client's rate, bytes per ms (Infinity: unlimited). */
  clientBytesPerMs: number;
  /** One-way delay to the client, ms. */
  oneWayMs: number;
  /** When the client will have received every byte written so far (before the one-way delay), ms. */
  receivedAtMs: number;
}

export class NetworkLink {
  private linkFreeAtMs = 0;
  private bytesCarried = 0;
  private windowStartMs = 0;

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    /** The link's rate, bytes per ms (Infinity: unlimited). */
    readonly linkBytesPerMs: number,
    /** A socket's send buffer, bytes. */
    readonly sendBufferBytes: number,
  ) {}

  /**
   * Hands `bytes` to the socket of `flow` now. Returns how long the writer must wait before the socket
   * takes more (0 while the send buffer has room), ms.
   */
  write(flow: NetworkFlow, bytes: number): number {
    const now = this.simulator.nowMs;
    this.bytesCarried += bytes;
    let onLink = now;
    if (this.linkBytesPerMs !== Infinity) {
      onLink = Math.max(now, this.linkFreeAtMs) + bytes / this.linkBytesPerMs;
      this.linkFreeAtMs = onLink;
    }
    const byClient = flow.clientBytesPerMs === Infinity ? now : Math.max(now, flow.receivedAtMs) + bytes / flow.clientBytesPerMs;
    flow.receivedAtMs = Math.max(onLink, byClient, flow.receivedAtMs);
    const rate = Math.min(this.linkBytesPerMs, flow.clientBytesPerMs);
    if (rate === Infinity) return 0;
    return Math.max(0, flow.receivedAtMs - this.sendBufferBytes / rate - now);
  }

  /** When the client has the last byte written so far, ms. */
  deliveredAtMs(flow: NetworkFlow): number {
    return Math.max(flow.receivedAtMs, this.simulator.nowMs) + flow.oneWayMs;
  }

  resetStatistics(): void {
    this.bytesCarried = 0;
    this.windowStartMs = this.simulator.nowMs;
  }

  /** The share of the link's capacity used since the start or the last reset (NaN for an unlimited link). */
  utilization(): number {
    const elapsed = this.simulator.nowMs - this.windowStartMs;
    if (this.linkBytesPerMs === Infinity || elapsed <= 0) return Number.NaN;
    return this.bytesCarried / (this.linkBytesPerMs * elapsed);
  }
}
