/**
 * What the grader's driver and the child that runs a submission say to each other: one JSON object
 * per line, the driver writing to the child's stdin and the child answering on its file descriptor 3
 * (so that the student's own console output, on stdout and stderr, cannot garble the answers).
 *
 * The child is untrusted: everything it sends is checked (`parseChildMessage`) and only ever taken as
 * the value the student's code produced. Expected results never travel to the child.
 *
 * Values travel as JSON with the numbers JSON cannot hold (NaN, ±Infinity, -0) and undefined tagged,
 * so that a student's NaN is reported as NaN, not as null.
 */

/** Driver → child. */
export type DriverMessage =
  | {
      type: "load";
      /** The module body (submission-code.ts `moduleBody`). */
      body: string;
      /** Names the module should define. */
      answers: string[];
      /** Names of flashlab's exports the student may not use, and modules the student may not require. */
      forbidden: { flashlab: string[]; modules: string[] };
      /** Data files to write into the working folder before loading: name → base64 content. */
      files: Record<string, string>;
    }
  | { type: "call"; id: number; name: string; args: unknown[] }
  | { type: "fixture"; id: number; name: string; args: unknown };

/** Child → driver. */
export type ChildMessage =
  | { type: "loaded"; defined: string[]; loadError?: string }
  | { type: "result"; id: number; value: unknown }
  | { type: "failed"; id: number; error: string }
  | { type: "event"; name: string; data: unknown };

/** The longest line either side accepts (a student returning a huge value gets an error, not an out-of-memory). */
export const maxMessageBytes = 32 * 1024 * 1024;

const specialKey = "$flashlab";

/** Replaces NaN, ±Infinity, -0, undefined and bigints with tagged objects, for JSON. */
export function toWire(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === undefined) return { [specialKey]: "undefined" };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { [specialKey]: "NaN" };
    if (value === Infinity) return { [specialKey]: "Infinity" };
    if (value === -Infinity) return { [specialKey]: "-Infinity" };
    if (Object.is(value, -0)) return { [specialKey]: "-0" };
    return value;
  }
  if (typeof value === "bigint") return { [specialKey]: "bigint", value: value.toString() };
  if (typeof value === "function") return { [specialKey]: "function" };
  if (typeof value === "symbol") return { [specialKey]: "symbol" };
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return { [specialKey]: "cycle" };
  seen.add(value);
  try {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { [specialKey]: "bytes", base64: Buffer.from(value).toString("base64") };
    if (Array.isArray(value)) return value.map((item) => toWire(item, seen));
    if (value instanceof Map) return { [specialKey]: "map", entries: [...value].map(([key, item]) => [toWire(key, seen), toWire(item, seen)]) };
    if (value instanceof Set) return { [specialKey]: "set", items: [...value].map((item) => toWire(item, seen)) };
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toWire(item, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Undoes `toWire`. A tag the driver does not know stays a plain object. */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const tag = record[specialKey];
  if (typeof tag === "string") {
    switch (tag) {
      case "undefined":
        return undefined;
      case "NaN":
        return Number.NaN;
      case "Infinity":
        return Infinity;
      case "-Infinity":
        return -Infinity;
      case "-0":
        return -0;
      case "bigint":
        return typeof record.value === "string" && /^-?\d+$/.test(record.value) ? BigInt(record.value) : record;
      case "bytes":
        return typeof record.base64 === "string" ? Buffer.from(record.base64, "base64") : record;
      case "map":
        return Array.isArray(record.entries) ? new Map(record.entries.filter(Array.isArray).map((entry) => [fromWire(entry[0]), fromWire(entry[1])])) : record;
      case "set":
        return Array.isArray(record.items) ? new Set(record.items.map(fromWire)) : record;
      case "function":
        return "[a function]";
      case "symbol":
        return "[a symbol]";
      case "cycle":
        return "[a circular reference]";
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = fromWire(item);
  return out;
}

/** One line for the wire. */
export function encodeMessage(message: DriverMessage | ChildMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** Checks a line from the untrusted child; returns null for anything that is not a well-formed message. */
export function parseChildMessage(line: string): ChildMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case "loaded":
      if (!Array.isArray(message.defined) || !message.defined.every((name) => typeof name === "string")) return null;
      if (message.loadError !== undefined && typeof message.loadError !== "string") return null;
      return message as ChildMessage;
    case "result":
      return Number.isSafeInteger(message.id) ? (message as ChildMessage) : null;
    case "failed":
      return Number.isSafeInteger(message.id) && typeof message.error === "string" ? (message as ChildMessage) : null;
    case "event":
      return typeof message.name === "string" ? (message as ChildMessage) : null;
    default:
      return null;
  }
}

/** Checks a line from the driver (in the child). */
export function parseDriverMessage(line: string): DriverMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const message = value as Partial<DriverMessage> | null;
  if (message === null || typeof message !== "object") return null;
  if (message.type === "load" || message.type === "call" || message.type === "fixture") return message as DriverMessage;
  return null;
}
