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

/**
 * `clients` keep-alive clients each send `requests` GETs for `path`, thinking 0–5 ms between two (a
 * fixed pattern, the same every run). Resolves to every status and the clients' counts.
 */
export async function keepAliveSoak(port: number, clients: number, requests: number, path: string): Promise<{ statuses: number[]; clients: KeepAliveClient[] }> {
  const all = Array.from({ length: clients }, () => new KeepAliveClient(port));
  const statuses: number[] = [];
  try {
    await Promise.all(
      all.map(async (client, index) => {
        for (let request = 0; request < requests; request++) {
          statuses.push(await client.request(path));
          await new Promise((resolve) => setTimeout(resolve, (request * 7 + index * 3) % 6));
        }
      }),
    );
  } finally {
    for (const client of all) client.close();
  }
  return { statuses, clients: all };
}
