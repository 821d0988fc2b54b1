/**
 * Parses one line of a web server access log in Common Log Format (CLF):
 *   host ident user [dd/Mon/yyyy:HH:MM:SS ±zzzz] "METHOD target PROTOCOL" status bytes
 * The Combined format's two trailing quoted fields (referer, user agent) are accepted and ignored.
 *
 * Real logs are dirty, and the parser is lenient where the meaning stays clear:
 * - a request without a protocol ("GET /path", HTTP/0.9 style) is accepted (protocol null);
 * - a target with spaces ("GET /my file.html HTTP/1.0") is accepted: the protocol, when present, is
 *   the last word, and the target is everything between the method and it;
 * - bytes "-" means "no body size logged" (bytes null).
 * It is strict where leniency would guess: the timestamp must be a real date, the status three digits,
 * bytes digits or "-", the method upper-case letters, and the request field must not hold a second
 * timestamp (two lines run together); trailing spaces and a "\r" are ignored.
 */

/** One parsed log entry. */
export interface CommonLogEntry {
  host: string;
  ident: string;
  user: string;
  /** The request time, in ms since the epoch (UTC). */
  timeMs: number;
  method: string;
  /** The request target as logged (path, maybe with a query string or fragment). */
  target: string;
  /** "HTTP/1.0" etc., or null when the request line had none. */
  protocol: string | null;
  status: number;
  /** The logged response body size; null when the log has "-". */
  bytes: number | null;
}

/** A line that is not a usable log entry: blank, not CLF at all, or CLF whose request field is not a request. */
export type CommonLogLineProblem = "blank" | "malformed" | "bad-request";

export type CommonLogParse = { ok: true; entry: CommonLogEntry } | { ok: false; problem: CommonLogLineProblem; detail: string };

const months: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

const linePattern =
  /^(\S+) (\S+) (\S+) \[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "(.*)" (\d{3}) (\d+|-)(?: "[^"]*" "[^"]*")?$/;
const requestPattern = /^([A-Z]+) (.+?)(?: (HTTP\/\d+\.\d+))?$/;
const timestampInside = /\[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]/;

/** Parses a CLF timestamp's parts into ms since the epoch, or NaN when they are not a real time. */
function timestampMs(parts: string[]): number {
  const [day, monthName, year, hour, minute, second, sign, offsetHours, offsetMinutes] = parts;
  const month = months[monthName!];
  const [d, y, h, mi, s, oh, om] = [day, year, hour, minute, second, offsetHours, offsetMinutes].map(Number) as number[];
  if (month === undefined || d! < 1 || h! > 23 || mi! > 59 || s! > 60 || om! > 59) return Number.NaN;
  const local = Date.UTC(y!, month, d!, h!, mi!, s!);
  if (new Date(local).getUTCDate() !== d) return Number.NaN; // 31/Feb and the like
  const offsetMs = (oh! * 60 + om!) * 60_000;
  return sign === "+" ? local - offsetMs : local + offsetMs;
}

/** Parses one log line (without its line break). Never throws. */
export function parseCommonLogLine(rawLine: string): CommonLogParse {
  const line = rawLine.replace(/[\s]+$/, "");
  if (line === "") return { ok: false, problem: "blank", detail: "empty line" };
  const match = linePattern.exec(line);
  if (!match) return { ok: false, problem: "malformed", detail: "not host ident user [time] \"request\" status bytes" };
  const timeMs = timestampMs(match.slice(4, 13));
  if (Number.isNaN(timeMs)) return { ok: false, problem: "malformed", detail: "the timestamp is not a real time" };
  // A second timestamp inside the request field means two log lines ran together (or a line and part
  // of the next): the greedy request pattern would otherwise swallow the second one.
  if (timestampInside.test(match[13]!)) return { ok: false, problem: "malformed", detail: "two log lines run together" };
  const request = requestPattern.exec(match[13]!);
  if (!request) return { ok: false, problem: "bad-request", detail: `the request field ${JSON.stringify(match[13])} is not METHOD target [PROTOCOL]` };
  const bytesText = match[15]!;
  return {
    ok: true,
    entry: {
      host: match[1]!,
      ident: match[2]!,
      user: match[3]!,
      timeMs,
      method: request[1]!,
      target: request[2]!,
      protocol: request[3] ?? null,
      status: Number(match[14]),
      bytes: bytesText === "-" ? null : Number(bytesText),
    },
  };
}
