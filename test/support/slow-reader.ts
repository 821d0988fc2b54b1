/**
 * A client that reads as slowly as a test asks: not at all (stalled), at a set rate, or at full
 * speed, over a raw socket. It keeps what it received, so a test can check a response byte for byte
 * after the server had to wait for it.
 */
import { connect, type Socket } from "node:net";
import { parseHttpResponses, type RawHttpResponse } from "../../lib/loadgen/index.js";

export class SlowReader {
  private readonly pieces: Buffer[] = [];
  /** Bytes received so far. */
  received = 0;
  /** The server closed (or the socket failed). */
  closed = false;
  /** A socket error, if any (ECONNRESET, …). */
  error: string | undefined;
  private bytesPerSecond = Infinity;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.pieces.push(chunk);
      this.received += chunk.length;
      if (this.bytesPerSecond === Infinity) return;
      socket.pause();
      setTimeout(() => !socket.destroyed && this.bytesPerSecond > 0 && socket.resume(), (chunk.length / this.bytesPerSecond) * 1000);
    });
    socket.on("error", (error) => (this.error = error.message));
    socket.on("close", () => (this.closed = true));
  }

  /** Connects to 127.0.0.1:port, reading nothing until told to. */
  static open(port: number): Promise<SlowReader> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: "127.0.0.1", noDelay: true });
      socket.pause();
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new SlowReader(socket));
      });
    });
  }

  send(request: string): void {
    this.socket.write(request);
  }

  /** Reads at about `bytesPerSecond` (Infinity: as fast as it comes; 0: stops reading). */
  readAt(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
    if (bytesPerSecond > 0) this.socket.resume();
    else this.socket.pause();
  }

  /** The complete responses received (the last one may end with the close). */
  responses(headRequests: boolean[] = []): RawHttpResponse[] {
    return parseHttpResponses(Buffer.concat(this.pieces), headRequests, this.closed).responses;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
