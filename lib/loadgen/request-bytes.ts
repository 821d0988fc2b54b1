/**
 * The request bytes the load generator writes: one precomputed Buffer per distinct path, built once
 * before the run, so that sending a request is a single socket write with no string work.
 *
 * HTTP/1.0 requests carry no Connection header, so the server closes the connection after the
 * response, as the Flash paper's clients did. HTTP/1.1 requests keep the connection alive.
 */

/** The HTTP version the client speaks: "1.0" (a new connection per request) or "1.1" (keep-alive). */
export type LoadHttpVersion = "1.0" | "1.1";

/** Checks that `path` can go on a request line: it starts with "/" and holds no spaces or control bytes. */
export function checkRequestPath(path: string): void {
  if (!path.startsWith("/") || /[\s\x00-\x1f\x7f]/.test(path)) {
    throw new Error(`request path ${JSON.stringify(path)} is not usable: a path starts with "/" and has no spaces or control characters`);
  }
}

/** The bytes of a GET request for `path` to `hostHeader`. */
export function buildRequestBytes(path: string, hostHeader: string, http: LoadHttpVersion): Buffer {
  checkRequestPath(path);
  return Buffer.from(`GET ${path} HTTP/${http}\r\nHost: ${hostHeader}\r\nUser-Agent: flashlab-load\r\nAccept: */*\r\n\r\n`, "latin1");
}

/** One request Buffer per path, in the same order. */
export function buildRequestBytesForPaths(paths: readonly string[], hostHeader: string, http: LoadHttpVersion): Buffer[] {
  return paths.map((path) => buildRequestBytes(path, hostHeader, http));
}
