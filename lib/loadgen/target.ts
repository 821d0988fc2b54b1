/**
 * The server a load run aims at: its URL parsed into what the raw-socket client needs (an IP address
 * resolved once, a port, a Host header, a path), and a probe that checks the server accepts TCP
 * connections before any load starts, so that an unreachable URL fails up front with a clear message.
 */
import { lookup } from "node:dns/promises";
import { connect } from "node:net";

/** A parsed http:// target. */
export interface LoadTarget {
  /** The URL as given. */
  url: string;
  /** The host name from the URL. */
  hostname: string;
  /** The IP address connections go to (resolved once, so no lookup happens per connection). */
  address: string;
  port: number;
  /** The Host header value. */
  hostHeader: string;
  /** The path and query of the URL ("/" when it has none). */
  path: string;
}

/**
 * Parses `url` (http:// only) and resolves its host. Throws an Error that says what is accepted when
 * the URL is malformed, not http, or names a host that does not resolve.
 */
export async function resolveLoadTarget(url: string): Promise<LoadTarget> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL; expected http://HOST[:PORT]/PATH, e.g. http://127.0.0.1:8080/index.html`);
  }
  if (parsed.protocol !== "http:") {
    throw new Error(`"${url}" uses ${parsed.protocol.replace(/:$/, "")}; only http:// URLs are supported`);
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = parsed.port === "" ? 80 : Number(parsed.port);
  let address: string;
  try {
    address = (await lookup(hostname)).address;
  } catch (error) {
    throw new Error(`cannot resolve host "${hostname}" of ${url}: ${(error as Error).message}`);
  }
  return { url, hostname, address, port, hostHeader: parsed.host, path: `${parsed.pathname}${parsed.search}` || "/" };
}

/**
 * Resolves when a TCP connection to the target can be made within `timeoutMs`; otherwise rejects with
 * a message that names the address and the reason (e.g. ECONNREFUSED: nothing listens there).
 */
export function probeLoadTarget(target: LoadTarget, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`cannot connect to ${target.address}:${target.port} (${target.url}): no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = error.code === "ECONNREFUSED" ? ": nothing is listening there; is the server running?" : "";
      reject(new Error(`cannot connect to ${target.address}:${target.port} (${target.url}): ${error.code ?? error.message}${hint}`));
    });
  });
}
