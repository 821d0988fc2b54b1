/**
 * The settings an executor accepts, each described once: what it means, its default, what values it
 * takes, and at which points it means anything (helpers only for AMPED/AMTED, a disk latency only for
 * the simulated disk). Spec checking and point resolution read these descriptors, so an error can say
 * exactly what a field accepts.
 */
import type { SettingValue, PointSettings } from "./spec.js";

/** One setting of an executor. */
export interface SettingDescriptor {
  /** One line: what the setting means, with its unit. */
  description: string;
  /** The value when no factor or fixed setting gives one; absent: the component's own default. */
  default?: SettingValue;
  /** Every point must have a value (a factor or a fixed setting). */
  required?: boolean;
  /** The values accepted, in words: `a whole number from 1 to 256`. */
  accepted: string;
  /** The problem with `value` ("\"spedd\" is not an architecture; accepted: …"), or undefined. */
  check(value: unknown): string | undefined;
  /** Whether the setting means anything at a point with these settings; always, when absent. */
  appliesTo?: (settings: PointSettings) => boolean;
  /** Where it applies, in words ("with disk sim"), for messages. */
  appliesWhen?: string;
}

/** An executor's settings by name. */
export type SettingsSchema = Record<string, SettingDescriptor>;

function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A setting that takes one of `choices`; `noun` names what they are ("an architecture"). */
export function choiceSetting(options: {
  description: string;
  noun: string;
  choices: readonly string[];
  default?: string;
  required?: boolean;
  appliesTo?: (settings: PointSettings) => boolean;
  appliesWhen?: string;
}): SettingDescriptor {
  const accepted = options.choices.join(", ");
  return {
    ...options,
    accepted,
    check: (value) => (typeof value === "string" && options.choices.includes(value) ? undefined : `${quote(value)} is not ${options.noun}; accepted: ${accepted}`),
  };
}

/** A number in a range, optionally whole, optionally also one of some words (`"unlimited"`). */
export function numberSetting(options: {
  description: string;
  min: number;
  max?: number;
  /** The value must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Words accepted besides numbers, e.g. ["unlimited"]. */
  words?: readonly string[];
  default?: SettingValue;
  required?: boolean;
  appliesTo?: (settings: PointSettings) => boolean;
  appliesWhen?: string;
}): SettingDescriptor {
  const kind = options.integer ? "a whole number" : "a number";
  const low = `${options.exclusiveMin ? ">" : "≥"} ${options.min}`;
  const range = options.max === undefined ? low : options.exclusiveMin ? `${low} and ≤ ${options.max}` : `from ${options.min} to ${options.max}`;
  const words = options.words ?? [];
  const accepted = `${kind} ${range}${words.length ? `, or ${words.map((word) => JSON.stringify(word)).join(" or ")}` : ""}`;
  const { words: _words, min: _min, max: _max, exclusiveMin: _exclusive, integer: _integer, ...rest } = options;
  return {
    ...rest,
    accepted,
    check(value) {
      if (typeof value === "string" && words.includes(value)) return undefined;
      const fits =
        typeof value === "number" &&
        Number.isFinite(value) &&
        (!options.integer || Number.isInteger(value)) &&
        (options.exclusiveMin ? value > options.min : value >= options.min) &&
        (options.max === undefined || value <= options.max);
      return fits ? undefined : `${quote(value)} is not ${accepted}`;
    },
  };
}

/** true or false. */
export function booleanSetting(options: {
  description: string;
  default?: boolean;
  appliesTo?: (settings: PointSettings) => boolean;
  appliesWhen?: string;
}): SettingDescriptor {
  return { ...options, accepted: "true or false", check: (value) => (typeof value === "boolean" ? undefined : `${quote(value)} is not true or false`) };
}
