/**
 * JSON that keeps ±Infinity (plain JSON turns it into null): for settings such as "unlimited disk
 * parallelism" that travel to another process in an environment variable or over an IPC pipe.
 */

const infinityTokens = new Map<unknown, number>([
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
]);

/** `JSON.stringify`, with Infinity and -Infinity written as the strings "Infinity" and "-Infinity" (`space`: indentation, as JSON.stringify's). */
export function stringifyWithInfinity(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, item: unknown) => (item === Infinity || item === -Infinity ? String(item) : item), space);
}

/** `JSON.parse` of what `stringifyWithInfinity` wrote: the strings "Infinity" and "-Infinity" become numbers again. */
export function parseWithInfinity(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => infinityTokens.get(item) ?? item);
}
