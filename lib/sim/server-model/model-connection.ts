/**
 * One request of a simulated client on its own connection (HTTP/1.0, as the paper's clients): which file,
 * its network flow, who holds it on the server, and when its response was handed over. The client waits
 * for it (`yield connection`) while the server's side runs as a process of its own, so that what a
 * server context does after the last byte is handed to the socket (an MP worker waiting for the client to
 * close, reporting that it is idle) does not delay the client.
 */
import type { Awaitable, SimProcess } from "../process.js";
import type { ResourceRequest } from "../resource.js";
import type { ContextHolder } from "./execution-context.js";
import type { NetworkFlow } from "./network-link.js";

export class ModelConnection implements ContextHolder, NetworkFlow, Awaitable {
  hold: ResourceRequest | undefined = undefined;
  receivedAtMs = 0;
  /** The response's last byte went to the socket (or the connection was refused). */
  handedOver = false;
  /** Every queue was full: the server answered 503. */
  refused = false;
  private waiter: SimProcess | undefined = undefined;

  constructor(
    readonly client: number,
    readonly file: number,
    /** The response body's size, bytes. */
    readonly bytes: number,
    /** When the client started it, ms. */
    readonly startedAtMs: number,
    readonly clientBytesPerMs: number,
    readonly oneWayMs: number,
  ) {}

  /** The server handed the response's last byte to the socket. */
  responded(): void {
    this.handedOver = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resume();
  }

  /** The server turned it away (503). */
  refuse(): void {
    this.refused = true;
    this.responded();
  }

  awaitBy(process: SimProcess): boolean {
    if (this.handedOver) return true;
    this.waiter = process;
    return false;
  }

  abandonBy(process: SimProcess): void {
    if (this.waiter === process) this.waiter = undefined;
  }
}
