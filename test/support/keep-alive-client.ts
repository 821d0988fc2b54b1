/**
 * A keep-alive client that counts what went wrong: it sends one request at a time on its connection,
 * opens a new one when the server said Connection: close or closed, and resends a request whose
 * connection closed before any byte of its response (as HTTP/1.1 allows a client to do), counting it.
 */
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";

export class KeepAliveClient {
  connection: RawHttpConnection | undefined;
  served = 0;
  /** Requests sent on a connection that closed before any byte of their response, and sent again. */
  retried = 0;
  /** Connections that ended with a reset (ECONNRESET). */
  resets = 0;
  private readonly resetSeen = new WeakSet<RawHttpConnection>();

  constructor(private readonly port: number) {}

  /** Sends one GET for `path` and resolves to the status of its response. */
  async request(path: string): Promise<number> {
    for (;;) {
      if (this.connection === undefined || this.connection.ended || this.connection.closed) {
        this.connection?.destroy();
        this.connection = await RawHttpConnection.open(this.port);
      }
      const connection = this.connection;
      const before = connection.responses.length;
      connection.send(rawRequest(path));
      const response = (await connection.waitForResponses(before + 1, 10_000))[before];
      if (connection.error !== undefined && /ECONNRESET/.test(connection.error) && !this.resetSeen.has(connection)) {
        this.resetSeen.add(connection);
        this.resets++;
      }
      if (response !== undefined) {
        this.served++;
        if (response.headers["connection"] === "close") this.connection = undefined; // the server closes it
        return response.status;
      }
      if (!connection.closed) throw new Error(`no response to ${path} within 10 s`);
      if (connection.unparsed.length > 0) throw new Error(`the response to ${path} was cut off`);
      this.retried++;
      this.connection = undefined;
    }
  }

  close(): void {
    this.connection?.destroy();
  }
}
