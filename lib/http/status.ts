/**
 * Status codes the pipeline sends, their reason phrases, and which of them end the connection.
 */

/** Reason phrases for the statuses the pipeline can send. */
const reasonPhrases: Readonly<Record<number, string>> = {
  200: "OK",
  304: "Not Modified",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  505: "HTTP Version Not Supported",
};

/** The reason phrase for `status` ("Unknown" for codes the pipeline never sends). */
export function reasonPhrase(status: number): string {
  return reasonPhrases[status] ?? "Unknown";
}

/**
 * True when a response with this status closes the connection whatever the client asked: after a
 * malformed or refused request the byte stream can no longer be trusted to frame the next request.
 */
export function statusClosesConnection(status: number): boolean {
  return status >= 400 && status !== 403 && status !== 404;
}

/**
 * A request the pipeline refuses, with the status to send and a sentence saying what was wrong and
 * what is accepted (sent as the plain-text body).
 */
export class RequestRejection {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** Extra header lines, each ending in CRLF (e.g. "Allow: GET, HEAD\r\n"). */
    readonly extraHeaders: string = "",
  ) {}
}
