/**
 * What the `flashlab sim` commands share: the OSTEP-style echo of every parameter (`ARG rho 0.9`),
 * numbers for people, and a model's RangeError (a bad combination of options) turned into a usage
 * error (exit 2).
 */
import { UsageError } from "./args.js";

/** Runs a model; its RangeError becomes a UsageError. */
export function asUsage<T>(simulate: () => T): T {
  try {
    return simulate();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** A number for people: at most 2 decimals, no trailing zeros. */
export function formatMs(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** One `ARG name value` line per parameter, so that the output describes the problem fully. */
export function echoArguments(values: ReadonlyArray<readonly [string, string | number | boolean]>): string {
  return values.map(([name, value]) => `ARG ${name} ${value}`).join("\n");
}
