/**
 * Emulated slow or distant clients: an added round-trip time and a per-connection receive bandwidth,
 * applied by the client itself to a real connection, for machines without a network emulator (netem).
 * One `EmulatedClientLink` carries one TCP connection; the engine uses it only when an emulation
 * option is set, so an unemulated run pays nothing.
 *
 * The model: the path between client and server delays every packet by half the round-trip time in
 * each direction, and carries the server's bytes to the client at `kbps` (kbit/s = 1,000 bits/s).
 * - A new connection: the SYN goes out and the SYN-ACK comes back (one round trip), then the final ACK
 *   travels to the server with the request (half a round trip). So the real connection is opened 1.5
 *   round trips after the client starts it, and the requests waiting for it are written at once: the
 *   server accepts the connection and reads its request together, as over a real path. The client counts
 *   itself connected half a round trip earlier, when the SYN-ACK would have reached it; a refused
 *   connection is known at that instant too.
 * - A request on an open connection is written half a round trip after the client sends it.
 * - Everything the server sends (bytes, its FIN, a reset) reaches the client half a round trip after the
 *   link has carried it, in order.
 * - Receive bandwidth: the client reads the socket no faster than the link delivers. Each read of n
 *   bytes takes n ÷ rate to cross, one read after another, and the client stops reading (pauses the
 *   socket) while it has read more than `readAheadMs` of the link ahead. The kernel's buffers then fill
 *   and the server's writes block, as with a modem client. Reads are small (about 10 ms of the link, at
 *   least 512 bytes), so the server's send buffer drains smoothly rather than in bursts. Byte k of a read
 *   that starts crossing at s arrives at s + (k + 1) ÷ rate, so the first byte and the end of a response
 *   are stamped when they would have arrived, whatever the read size.
 *
 * Not modelled: TCP's own dynamics over a slow path (slow start, a window per round trip), loss, and the
 * request's transmission time (a request is about 100 bytes). On loopback the kernel's socket buffers
 * (a few MB once the server's send buffer has grown) absorb the start of a large response before the
 * server's writes block, which a real slow path, with buffers sized to its small bandwidth-delay
 * product, would not.
 */
import { Socket } from "node:net";

/** The emulation settings of a run; 0 turns an emulation off. */
export interface ClientLinkSettings {
  /** Added round-trip time in ms. */
  delayMs: number;
  /** Receive bandwidth per connection in kbit/s (1,000 bits per second). */
  kbps: number;
}

/** What every link of one thread shares: the derived constants and the read buffer. */
export interface ClientLinkProfile {
  halfDelayMs: number;
  /** Time for one byte to cross the link, ms (0: unlimited bandwidth). */
  msPerByte: number;
  /** Reads land here; the link copies what it keeps, so one buffer serves every link of a thread. */
  readBuffer: Buffer;
}

/** What a link hands back, at the instants the emulated client would have seen them. */
export interface ClientLinkEvents {
  /** The connection is established, as the client knows it at `atMs`. */
  connected(atMs: number): void;
  /** chunk[0, length) arrived; its byte k arrived at firstByteAtMs + k · msPerByte. */
  data(chunk: Buffer, length: number, firstByteAtMs: number, msPerByte: number): void;
  error(error: NodeJS.ErrnoException): void;
  closed(atMs: number): void;
}

/** How far the client's reads may run ahead of what the link has delivered, in ms of the link's time. */
const readAheadMs = 20;
/** A read takes about this much of the link's time... */
const readSliceMs = 10;
/** ...but at least this many bytes (about one packet of a 1999 modem link, MTU 576) and at most this many. */
const minReadBytes = 512;
const maxReadBytes = 64 * 1024;
/**
 * Timers may fire up to about a millisecond early. What reaches the client that close to its time is
 * handed over (it is stamped with its exact arrival time anyway); what goes to the server never leaves early.
 */
const inboundEarlyToleranceMs = 1;

/** The profile for `settings`, or undefined when no emulation is asked for. */
export function clientLinkProfile(settings: ClientLinkSettings, unlimitedReadBuffer: Buffer): ClientLinkProfile | undefined {
  if (settings.delayMs <= 0 && settings.kbps <= 0) return undefined;
  if (settings.kbps <= 0) return { halfDelayMs: settings.delayMs / 2, msPerByte: 0, readBuffer: unlimitedReadBuffer };
  const bytesPerMs = settings.kbps / 8;
  const readBytes = Math.min(maxReadBytes, Math.max(minReadBytes, Math.round(bytesPerMs * readSliceMs)));
  return { halfDelayMs: settings.delayMs / 2, msPerByte: 1 / bytesPerMs, readBuffer: Buffer.allocUnsafe(readBytes) };
}

/** Something the link hands out at `atMs`. */
type LinkItem =
  | { kind: "data"; atMs: number; bytes: Buffer; firstByteAtMs: number }
  | { kind: "error"; atMs: number; error: NodeJS.ErrnoException }
  | { kind: "close"; atMs: number }
  | { kind: "write"; atMs: number; bytes: Buffer };

/** Items handed out in the order they were queued, each once its time has come, with one timer at a time. */
class DueQueue {
  private items: LinkItem[] = [];
  private head = 0;
  private lastAtMs = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private readonly fire = () => this.release();

  constructor(
    private readonly now: () => number,
    private readonly earlyToleranceMs: number,
    private readonly handle: (item: LinkItem) => void,
  ) {}

  /** Queues `item`; nothing overtakes what was queued before it. */
  push(item: LinkItem): void {
    if (item.atMs < this.lastAtMs) item.atMs = this.lastAtMs;
    this.lastAtMs = item.atMs;
    this.items.push(item);
    if (this.timer === undefined) this.arm();
  }

  /** Drops everything queued. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
  }

  private arm(): void {
    const next = this.items[this.head];
    if (next === undefined) return;
    const wait = next.atMs - this.now();
    this.timer = setTimeout(this.fire, wait > 0 ? wait : 0);
  }

  private release(): void {
    const items = this.items;
    while (this.head < items.length) {
      const item = items[this.head] as LinkItem;
      if (item.atMs > this.now() + this.earlyToleranceMs) break;
      this.head++;
      this.handle(item);
      // The handler may have cleared the queue (the connection was dropped).
      if (this.items !== items) return;
    }
    this.timer = undefined;
    if (this.head === items.length) {
      this.items = [];
      this.head = 0;
    } else {
      this.arm();
    }
  }
}

/** One emulated connection; see the module header. */
export class EmulatedClientLink {
  readonly socket: Socket;
  private readonly inbound: DueQueue;
  private readonly outbound: DueQueue;
  private connectTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private established = false;
  private dropped = false;
  /** When the link has carried everything read so far (ms); reads queue behind it. */
  private linkFreeAtMs = -Infinity;
  private readonly resume = () => {
    this.resumeTimer = undefined;
    if (!this.socket.destroyed) this.socket.resume();
  };

  constructor(
    private readonly profile: ClientLinkProfile,
    private readonly now: () => number,
    private readonly events: ClientLinkEvents,
  ) {
    this.inbound = new DueQueue(now, inboundEarlyToleranceMs, (item) => this.deliver(item));
    this.outbound = new DueQueue(now, 0, (item) => {
      if (item.kind === "write" && !this.socket.destroyed) this.socket.write(item.bytes);
    });
    this.socket = new Socket({ onread: { buffer: profile.readBuffer, callback: (length: number) => this.onRead(length) } });
    this.socket.setNoDelay(true);
    this.socket.on("connect", () => {
      this.established = true;
      this.events.connected(this.now() - profile.halfDelayMs);
    });
    // A failure to connect is known when the SYN-ACK would have come back; later ones after the trip back.
    this.socket.on("error", (error: NodeJS.ErrnoException) => {
      if (!this.dropped) this.inbound.push({ kind: "error", atMs: this.arrivalMs(), error });
    });
    this.socket.on("close", () => {
      if (!this.dropped) this.inbound.push({ kind: "close", atMs: this.arrivalMs() });
    });
  }

  /** Opens the real connection 1.5 round trips from now (see the module header). */
  connect(host: string, port: number): void {
    const atMs = this.now() + 3 * this.profile.halfDelayMs;
    const open = () => {
      this.connectTimer = undefined;
      const early = atMs - this.now();
      if (early > 0) this.connectTimer = setTimeout(open, early);
      else if (!this.socket.destroyed) this.socket.connect({ host, port });
    };
    open();
  }

  /** Sends `bytes` on the established connection: they reach the server half a round trip after `sentAtMs`. */
  send(bytes: Buffer, sentAtMs: number): void {
    if (this.profile.halfDelayMs === 0) this.socket.write(bytes);
    else this.outbound.push({ kind: "write", atMs: sentAtMs + this.profile.halfDelayMs, bytes });
  }

  /** Closes the connection at once and drops whatever was still on the way, in either direction. */
  destroy(): void {
    this.dropped = true;
    if (this.connectTimer !== undefined) clearTimeout(this.connectTimer);
    if (this.resumeTimer !== undefined) clearTimeout(this.resumeTimer);
    this.connectTimer = undefined;
    this.resumeTimer = undefined;
    this.inbound.clear();
    this.outbound.clear();
    this.socket.destroy();
  }

  /** When something the server's side produced now reaches the client. */
  private arrivalMs(): number {
    const half = this.profile.halfDelayMs;
    return this.established ? this.now() + half : this.now() - half;
  }

  /** Takes the bytes just read into the shared buffer; returns false to pause reading. */
  private onRead(length: number): boolean {
    const now = this.now();
    const { msPerByte, halfDelayMs, readBuffer } = this.profile;
    const start = this.linkFreeAtMs > now ? this.linkFreeAtMs : now;
    this.linkFreeAtMs = start + length * msPerByte;
    this.inbound.push({
      kind: "data",
      atMs: this.linkFreeAtMs + halfDelayMs,
      bytes: Buffer.from(readBuffer.subarray(0, length)),
      firstByteAtMs: start + msPerByte + halfDelayMs,
    });
    const ahead = this.linkFreeAtMs - now;
    if (ahead <= readAheadMs) return true;
    this.resumeTimer = setTimeout(this.resume, ahead - readAheadMs);
    return false;
  }

  private deliver(item: LinkItem): void {
    switch (item.kind) {
      case "data":
        this.events.data(item.bytes, item.bytes.length, item.firstByteAtMs, this.profile.msPerByte);
        break;
      case "error":
        this.events.error(item.error);
        break;
      case "close":
        this.events.closed(item.atMs);
        break;
      case "write":
        break;
    }
  }
}
