/**
 * Typed command-line options for every flashlab command.
 *
 * A command declares its options once (type, range, choices, default, help text). `parseCommandLine`
 * checks the arguments against that declaration with Node's `util.parseArgs` in strict mode, then
 * validates each value, so that an unknown flag or a bad value becomes a `UsageError` that names the
 * flag, says what was given and what is accepted. The CLI turns a `UsageError` into exit code 2.
 */
import { parseArgs } from "node:util";
import { textTable } from "../viz/text-table.js";

/** A mistake in how a command was called: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

interface OptionBase {
  /** One line for --help. */
  description: string;
  /** A one-letter alias, as in `-c`. */
  short?: string;
}

export interface StringOption extends OptionBase {
  type: "string";
  default?: string;
  /** When set, the value must be one of these. */
  choices?: readonly string[];
  /** The placeholder shown in --help, as in `--docroot DIR`. */
  valueName?: string;
}

export interface IntegerOption extends OptionBase {
  type: "integer";
  default?: number;
  min?: number;
  max?: number;
  valueName?: string;
}

export interface NumberOption extends OptionBase {
  type: "number";
  default?: number;
  min?: number;
  max?: number;
  /** When true the value must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  valueName?: string;
}

export interface BooleanOption extends OptionBase {
  type: "boolean";
}

export type OptionSpec = StringOption | IntegerOption | NumberOption | BooleanOption;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends BooleanOption
  ? boolean
  : S extends StringOption
    ? S extends { default: string } ? string : string | undefined
    : S extends { default: number } ? number : number | undefined;

/** The parsed, validated values of a command's options, keyed by flag name. */
export type ParsedOptions<S extends OptionSpecs> = { [K in keyof S]: ValueOf<S[K]> };

export interface PositionalSpec {
  /** Shown in the usage line, as in `URL`. */
  name: string;
  min: number;
  max: number;
}

export interface ParsedCommandLine<S extends OptionSpecs> {
  options: ParsedOptions<S>;
  positionals: string[];
}

function describeRange(spec: IntegerOption | NumberOption): string {
  const low = spec.min === undefined ? undefined : `${"exclusiveMin" in spec && spec.exclusiveMin ? ">" : "≥"} ${spec.min}`;
  const high = spec.max === undefined ? undefined : `≤ ${spec.max}`;
  return [low, high].filter(Boolean).join(" and ");
}

function parseNumeric(flag: string, raw: string, spec: IntegerOption | NumberOption): number {
  const trimmed = raw.trim();
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  const kind = spec.type === "integer" ? "a whole number" : "a number";
  if (!Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
    const range = describeRange(spec);
    throw new UsageError(`--${flag} takes ${kind}${range ? ` ${range}` : ""}; got "${raw}"`);
  }
  const belowMin =
    spec.min !== undefined &&
    ("exclusiveMin" in spec && spec.exclusiveMin ? value <= spec.min : value < spec.min);
  const aboveMax = spec.max !== undefined && value > spec.max;
  if (belowMin || aboveMax) {
    throw new UsageError(`--${flag} takes ${kind} ${describeRange(spec)}; got ${raw}`);
  }
  return value;
}

/**
 * Parses `argv` (the arguments after the command's name) against `specs`.
 * Throws `UsageError` for an unknown flag, a missing or malformed value, a value out of range or not
 * among the choices, and for too few or too many positional arguments.
 */
export function parseCommandLine<S extends OptionSpecs>(
  specs: S,
  argv: readonly string[],
  positional: PositionalSpec = { name: "", min: 0, max: 0 },
): ParsedCommandLine<S> {
  const parseArgsOptions: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [flag, spec] of Object.entries(specs)) {
    parseArgsOptions[flag] = { type: spec.type === "boolean" ? "boolean" : "string" };
    if (spec.short) parseArgsOptions[flag]!.short = spec.short;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const args = joinNegativeNumberValues(specs, argv);
    parsed = parseArgs({ args, options: parseArgsOptions, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explainParseArgsError(error as Error & { code?: string }, specs));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const options: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(specs)) {
    const raw = values[flag];
    if (spec.type === "boolean") {
      options[flag] = raw === true;
      continue;
    }
    if (raw === undefined) {
      options[flag] = spec.default;
      continue;
    }
    const text = String(raw);
    if (spec.type === "string") {
      if (spec.choices && !spec.choices.includes(text)) {
        throw new UsageError(`--${flag} must be one of ${spec.choices.join(", ")}; got "${text}"`);
      }
      if (text === "") throw new UsageError(`--${flag} needs a value`);
      options[flag] = text;
    } else {
      options[flag] = parseNumeric(flag, text, spec);
    }
  }
  const positionals = parsed.positionals;
  if (positionals.length < positional.min) {
    throw new UsageError(`missing ${positional.name || "argument"}`);
  }
  if (positionals.length > positional.max) {
    const extra = positionals.slice(positional.max).join(" ");
    throw new UsageError(`unexpected argument${positionals.length - positional.max > 1 ? "s" : ""}: ${extra}`);
  }
  return { options: options as ParsedOptions<S>, positionals };
}

/**
 * `parseArgs` reads `--delay -1` as a flag followed by another flag. A value-taking flag followed by
 * something that looks like a negative number is joined into `--delay=-1`, so that the value reaches
 * the range check and its message ("takes a number ≥ 0; got -1").
 */
function joinNegativeNumberValues(specs: OptionSpecs, argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    const next = argv[index + 1];
    const flag = word.startsWith("--") ? word.slice(2) : undefined;
    const spec = flag === undefined ? undefined : specs[flag];
    if (spec && spec.type !== "boolean" && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      joined.push(`${word}=${next}`);
      index++;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

function explainParseArgsError(error: Error & { code?: string }, specs: OptionSpecs): string {
  const known = Object.keys(specs)
    .map((flag) => `--${flag}`)
    .join(", ");
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `unknown option ${unknown[1]}; accepted: ${known || "none"}`;
  const missing = /Option '(?:-\w, )?--([^ ]+) <value>' argument missing/.exec(error.message);
  if (missing) return `--${missing[1]} needs a value`;
  const boolWithValue = /Option '(?:-\w, )?--([^' ]+)' does not take an argument/.exec(error.message);
  if (boolWithValue) return `--${boolWithValue[1]} is a switch and takes no value`;
  return error.message;
}

/** The option lines of --help, generated from the specs so that help never drifts from the parser. */
export function formatOptionsHelp(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([flag, spec]) => {
    const value = spec.type === "boolean" ? "" : ` ${spec.valueName ?? (spec.type === "string" ? "TEXT" : "N")}`;
    const left = `${spec.short ? `-${spec.short}, ` : "    "}--${flag}${value}`;
    const notes: string[] = [];
    if (spec.type === "string" && spec.choices) notes.push(`one of ${spec.choices.join("|")}`);
    if (spec.type === "integer" || spec.type === "number") {
      const range = describeRange(spec);
      if (range) notes.push(range);
    }
    if (spec.type !== "boolean" && spec.default !== undefined) notes.push(`default ${spec.default}`);
    return { left, right: spec.description + (notes.length ? ` (${notes.join("; ")})` : "") };
  });
  return textTable(
    rows.map((row) => [row.left, row.right]),
    { indent: "  ", align: ["left", "left"] },
  );
}
