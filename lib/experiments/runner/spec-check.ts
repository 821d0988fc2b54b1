/**
 * Checks a spec that came from anywhere (a JSON file, a module, a notebook cell) before anything runs.
 * Every problem names its field the way it is written in the spec, says what was given and what is
 * accepted (`factors.arch[2]: "spedd" is not an architecture; accepted: mp, mt, …`), and all problems
 * are reported at once. Then both profiles are resolved into points, so that a factor that means
 * nothing at some point, or a fixed setting that applies nowhere, is caught too.
 */
import { parseCpuList } from "../../runtime/cpu-list.js";
import type { PointExecutor } from "./executor.js";
import { executors } from "./executors.js";
import { resolvePoints } from "./points.js";
import type { SettingsSchema } from "./settings.js";
import { type ExperimentSpec, experimentProfiles } from "./spec.js";

/** A spec that cannot run; `problems` lists every bad field. */
export class SpecError extends Error {
  override name = "SpecError";
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not a valid experiment spec:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

const specFields = ["name", "description", "notes", "executor", "factors", "fixed", "overrides", "metrics", "seed", "placement", "serverHost", "profiles"];
const profileFields = ["repetitions", "warmupS", "durationS", "factors", "fixed", "overrides"];
const namePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

type PlainObject = Record<string, unknown>;

function isObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? "an array" : value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}

/** Collects problems, each prefixed by its field path. */
class Problems {
  readonly list: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }
  unknownFields(path: string, value: PlainObject, accepted: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!accepted.includes(key)) this.add(path === "" ? key : `${path}.${key}`, `unknown field; accepted: ${accepted.join(", ")}`);
    }
  }
}

function checkNumber(problems: Problems, path: string, value: unknown, accepted: string, fits: (value: number) => boolean): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !fits(value)) problems.add(path, `${show(value)} is not ${accepted}`);
}

/** Checks `value` as a setting called `name` at `path`; false when the name is not a setting. */
function checkSettingValue(problems: Problems, schema: SettingsSchema, executorName: string, path: string, name: string, value: unknown): boolean {
  const descriptor = schema[name];
  if (descriptor === undefined) {
    problems.add(path, `not a setting of the ${executorName} executor; accepted: ${Object.keys(schema).join(", ")}`);
    return false;
  }
  const problem = descriptor.check(value);
  if (problem !== undefined) problems.add(path, problem);
  return true;
}

/** Checks an object of settings (fixed, an override's halves); with `factorRule`, a factor may not appear in it. */
function checkSettingsObject(problems: Problems, executor: PointExecutor, path: string, value: unknown, factorNames: readonly string[], factorRule: string | undefined): void {
  if (!isObject(value)) {
    problems.add(path, `${show(value)} is not an object of settings`);
    return;
  }
  for (const [name, level] of Object.entries(value)) {
    if (!checkSettingValue(problems, executor.settings, executor.name, `${path}.${name}`, name, level)) continue;
    if (factorRule !== undefined && factorNames.includes(name)) problems.add(`${path}.${name}`, factorRule);
  }
}

function checkLevels(problems: Problems, executor: PointExecutor, path: string, name: string, levels: unknown): void {
  if (!Array.isArray(levels) || levels.length === 0) {
    problems.add(path, `${show(levels)} is not a list of levels; give at least one, e.g. [${JSON.stringify(executor.settings[name]?.default ?? 1)}]`);
    return;
  }
  const seen = new Set<unknown>();
  levels.forEach((level: unknown, index) => {
    if (!checkSettingValue(problems, executor.settings, executor.name, `${path}[${index}]`, name, level)) return;
    if (seen.has(level)) problems.add(`${path}[${index}]`, `${show(level)} is listed twice`);
    seen.add(level);
  });
}

function checkFactors(problems: Problems, executor: PointExecutor, path: string, value: unknown, allowed: readonly string[] | undefined): void {
  if (!isObject(value)) {
    problems.add(path, `${show(value)} is not an object of factors (setting name → list of levels)`);
    return;
  }
  for (const [name, levels] of Object.entries(value)) {
    if (!(name in executor.settings)) {
      problems.add(`${path}.${name}`, `not a setting of the ${executor.name} executor; accepted: ${Object.keys(executor.settings).join(", ")}`);
      continue;
    }
    if (allowed !== undefined && !allowed.includes(name)) {
      problems.add(`${path}.${name}`, `not a factor of this spec (its factors: ${allowed.join(", ") || "none"}); a profile changes levels, not factors`);
      continue;
    }
    checkLevels(problems, executor, `${path}.${name}`, name, levels);
  }
}

function checkOverrides(problems: Problems, executor: PointExecutor, path: string, value: unknown, factorNames: readonly string[]): void {
  if (!Array.isArray(value)) {
    problems.add(path, `${show(value)} is not a list of { when, set }`);
    return;
  }
  value.forEach((override: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(override)) return problems.add(at, `${show(override)} is not { when: {…}, set: {…} }`);
    problems.unknownFields(at, override, ["when", "set"]);
    checkSettingsObject(problems, executor, `${at}.when`, override.when, factorNames, undefined);
    checkSettingsObject(problems, executor, `${at}.set`, override.set, factorNames, "a factor of this spec; an override may not change a factor's level");
  });
}

function checkPlacement(problems: Problems, value: unknown): void {
  if (value === undefined || value === "uniprocessor" || value === "unpinned") return;
  if (!isObject(value)) {
    problems.add("placement", `${show(value)} is not a placement; accepted: "uniprocessor", "unpinned", or { "serverCpus": "0", "clientCpus": "1" }`);
    return;
  }
  problems.unknownFields("placement", value, ["serverCpus", "clientCpus"]);
  for (const field of ["serverCpus", "clientCpus"]) {
    const list = value[field];
    try {
      if (typeof list !== "string") throw new Error(`${show(list)} is not a CPU list such as "0" or "2-3"`);
      parseCpuList(list);
    } catch (error) {
      problems.add(`placement.${field}`, (error as Error).message);
    }
  }
}

/** An SSH destination: [user@]host, no spaces, not starting with "-" (ssh would read it as an option). */
const sshDestination = /^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?[A-Za-z0-9._:[\]-]+$/;

function checkServerHost(problems: Problems, value: unknown, executor: PointExecutor): void {
  if (value === undefined) return;
  if (executor.runsServerElsewhere !== true) {
    problems.add("serverHost", `the ${executor.name} executor runs no server on another host; remove serverHost`);
    return;
  }
  const host = typeof value === "string" ? value : isObject(value) ? value.host : undefined;
  if (typeof value !== "string" && !isObject(value)) {
    problems.add("serverHost", `${show(value)} is not a server host; accepted: "[user@]host", or { "host": "[user@]host", "flashlab": "command there", "sshConfig": "file" }`);
    return;
  }
  const at = typeof value === "string" ? "serverHost" : "serverHost.host";
  if (typeof host !== "string" || host.startsWith("-") || !sshDestination.test(host)) problems.add(at, `${show(host)} is not an SSH destination; accepted: [user@]host, e.g. "lab@server1"`);
  if (isObject(value)) {
    problems.unknownFields("serverHost", value, ["host", "flashlab", "sshConfig"]);
    for (const field of ["flashlab", "sshConfig"]) {
      const text = value[field];
      if (text !== undefined && (typeof text !== "string" || text.trim() === "")) problems.add(`serverHost.${field}`, `${show(text)} is not ${field === "flashlab" ? "a command" : "a file name"}`);
    }
  }
}

function checkProfile(problems: Problems, executor: PointExecutor, path: string, value: unknown, factorNames: readonly string[]): void {
  if (!isObject(value)) {
    problems.add(path, `${show(value)} is not a profile; give { repetitions, warmupS, durationS }`);
    return;
  }
  problems.unknownFields(path, value, profileFields);
  checkNumber(problems, `${path}.repetitions`, value.repetitions, "a whole number from 1 to 1000", (n) => Number.isInteger(n) && n >= 1 && n <= 1000);
  checkNumber(problems, `${path}.warmupS`, value.warmupS, "a number of seconds from 0 to 3600", (n) => n >= 0 && n <= 3600);
  checkNumber(problems, `${path}.durationS`, value.durationS, "a number of seconds > 0 and ≤ 3600", (n) => n > 0 && n <= 3600);
  if (value.factors !== undefined) checkFactors(problems, executor, `${path}.factors`, value.factors, factorNames);
  if (value.fixed !== undefined) checkSettingsObject(problems, executor, `${path}.fixed`, value.fixed, factorNames, "a factor of this spec; a setting is either varied (factors) or fixed");
  if (value.overrides !== undefined) checkOverrides(problems, executor, `${path}.overrides`, value.overrides, factorNames);
}

/**
 * Checks `input` and returns it as a spec; throws SpecError listing every problem. `source` names it
 * in the message (a file, or a built-in spec's name).
 */
export function checkSpec(input: unknown, source = "the spec", registry: Readonly<Record<string, PointExecutor>> = executors): ExperimentSpec {
  const problems = new Problems();
  if (!isObject(input)) throw new SpecError(source, [`the spec must be an object with ${specFields.join(", ")}; got ${show(input)}`]);
  problems.unknownFields("", input, specFields);
  if (typeof input.name !== "string" || !namePattern.test(input.name)) {
    problems.add("name", `${show(input.name)} is not a spec name; accepted: lower-case letters, digits and dashes (it names the results folder)`);
  }
  if (typeof input.description !== "string" || input.description.trim() === "") problems.add("description", `${show(input.description)} is not a one-line description`);
  if (input.notes !== undefined && typeof input.notes !== "string") problems.add("notes", `${show(input.notes)} is not text`);
  const executorName = input.executor ?? "server-load";
  const executor = typeof executorName === "string" ? registry[executorName] : undefined;
  if (executor === undefined) {
    problems.add("executor", `${show(executorName)} is not an executor; accepted: ${Object.keys(registry).join(", ")}`);
    throw new SpecError(source, problems.list);
  }
  const factorNames = isObject(input.factors) ? Object.keys(input.factors) : [];
  checkFactors(problems, executor, "factors", input.factors, undefined);
  if (input.fixed !== undefined) checkSettingsObject(problems, executor, "fixed", input.fixed, factorNames, "a factor of this spec; a setting is either varied (factors) or fixed");
  if (input.overrides !== undefined) checkOverrides(problems, executor, "overrides", input.overrides, factorNames);
  if (!Array.isArray(input.metrics) || input.metrics.length === 0) {
    problems.add("metrics", `${show(input.metrics)} is not a list of metrics; accepted: ${Object.keys(executor.metrics).join(", ")}`);
  } else {
    const seen = new Set<unknown>();
    input.metrics.forEach((metric: unknown, index) => {
      if (typeof metric !== "string" || !(metric in executor.metrics)) problems.add(`metrics[${index}]`, `${show(metric)} is not a metric; accepted: ${Object.keys(executor.metrics).join(", ")}`);
      else if (seen.has(metric)) problems.add(`metrics[${index}]`, `${show(metric)} is listed twice`);
      seen.add(metric);
    });
  }
  checkNumber(problems, "seed", input.seed, "a whole number", Number.isSafeInteger);
  checkPlacement(problems, input.placement);
  checkServerHost(problems, input.serverHost, executor);
  if (!isObject(input.profiles)) {
    problems.add("profiles", `${show(input.profiles)} is not { quick: {…}, full: {…} }`);
  } else {
    problems.unknownFields("profiles", input.profiles, experimentProfiles);
    for (const profile of experimentProfiles) checkProfile(problems, executor, `profiles.${profile}`, input.profiles[profile], factorNames);
  }
  if (problems.list.length > 0) throw new SpecError(source, problems.list);
  const checked: unknown = input;
  const spec = checked as ExperimentSpec;
  const perProfile = experimentProfiles.map((profile) => resolvePoints(spec, executor, profile).problems);
  const semantic = [...new Set(perProfile.flat())].map((problem) =>
    perProfile.every((list) => list.includes(problem)) ? problem : `${problem} (profile ${experimentProfiles[perProfile.findIndex((list) => list.includes(problem))]})`,
  );
  if (semantic.length > 0) throw new SpecError(source, semantic);
  return spec;
}

/** The executor a checked spec runs on. */
export function executorOf(spec: ExperimentSpec, registry: Readonly<Record<string, PointExecutor>> = executors): PointExecutor {
  const name = spec.executor ?? "server-load";
  const executor = registry[name];
  if (executor === undefined) throw new SpecError(spec.name, [`executor: ${show(name)} is not an executor; accepted: ${Object.keys(registry).join(", ")}`]);
  return executor;
}
