/**
 * Turns the options a user gives `startServer` (or the `serve` command) into a complete, checked
 * `ServerConfig`, once, before anything starts: defaults filled in from the architecture's own
 * declaration, every number in range, the docroot present, the simulated disk's parameters checked by
 * lib/storage. The config then travels unchanged to every context. A bad option throws
 * `ServerOptionsError`, whose message names the option, what was given and what is accepted.
 */
import { realpathSync, statSync } from "node:fs";
import { isTraceCapacity, maxTraceEvents } from "../http/index.js";
import { parseCpuList } from "../runtime/cpu-list.js";
import { DiskOptionsError, validateSimDiskOptions } from "../storage/index.js";
import type { ArchitectureOption } from "./architecture.js";
import { architectures } from "./registry.js";
import { architectureNames, type ServerConfig, type ServerDiskConfig, type ServerDiskOptions, type ServerOptions } from "./types.js";

export class ServerOptionsError extends Error {
  override name = "ServerOptionsError";
}

/** Defaults shared by every architecture (each declares its own worker count and accept policy). */
export const defaultServerSettings = {
  host: "127.0.0.1",
  port: 0,
  helpers: 4,
  dataCacheMB: 32,
  graceMs: 2000,
  maxConnections: 10_000,
  apache: { minProcesses: 1, maxProcesses: 4, threadsPerProcess: 4, minSpareThreads: 2, maxSpareThreads: 6, maintenanceMs: 250 },
} as const;

function checkWhole(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ServerOptionsError(`${name} must be a whole number from ${min} to ${max}; got ${String(value)}`);
  }
}

function checkDocroot(docroot: unknown): string {
  if (typeof docroot !== "string" || docroot === "") throw new ServerOptionsError("docroot is required: the folder of files to serve");
  let real: string;
  try {
    real = realpathSync(docroot);
  } catch {
    throw new ServerOptionsError(`docroot ${docroot} does not exist (make one with: flashlab docroot --out ${docroot} --sizes 1k,10k)`);
  }
  if (!statSync(real).isDirectory()) throw new ServerOptionsError(`docroot ${docroot} is not a directory; give the folder of files to serve`);
  return real;
}

function checkDisk(disk: ServerDiskOptions | undefined): ServerDiskConfig {
  if (disk === undefined) return { kind: "real" };
  if (disk.kind === "real" || disk.kind === "cold") return { kind: disk.kind };
  if (disk.kind !== "sim") {
    throw new ServerOptionsError(`unknown disk kind ${JSON.stringify((disk as { kind: unknown }).kind)}; accepted: real, sim, cold`);
  }
  const { kind, ...simOptions } = disk;
  try {
    return { kind, ...validateSimDiskOptions(simOptions) };
  } catch (error) {
    if (error instanceof DiskOptionsError) throw new ServerOptionsError(`disk: ${error.message}`);
    throw error;
  }
}

function checkCpuList(cpus: string): string {
  try {
    parseCpuList(cpus);
  } catch (error) {
    throw new ServerOptionsError(`cpus: ${(error as Error).message}`);
  }
  return cpus.trim();
}

/** Fills in defaults and checks every option. */
export function resolveServerConfig(options: ServerOptions): ServerConfig {
  if (!architectureNames.includes(options.arch)) {
    throw new ServerOptionsError(`unknown architecture ${JSON.stringify(options.arch)}; accepted: ${architectureNames.join(", ")}`);
  }
  const architecture = architectures[options.arch];
  const docroot = checkDocroot(options.docroot);
  checkWhole("port", options.port, 0, 65535);
  checkWhole("workers", options.workers, 1, 256);
  checkWhole("helpers", options.helpers, 1, 256);
  checkWhole("graceMs", options.graceMs, 0, 600_000);
  checkWhole("maxConnections", options.maxConnections, 1, 1_000_000);
  const trace = options.trace ?? 0;
  if (!isTraceCapacity(trace)) throw new ServerOptionsError(`trace must be a whole number of step events from 0 (off) to ${maxTraceEvents}; got ${String(trace)}`);
  const timing = options.timing ?? true;
  if (trace > 0 && !timing) throw new ServerOptionsError("trace needs timing: the trace records the step timer's clock readings; drop timing: false, or the trace");
  const caches = options.caches ?? {};
  const dataMB = caches.dataMB ?? defaultServerSettings.dataCacheMB;
  if (!(dataMB >= 0 && Number.isFinite(dataMB))) throw new ServerOptionsError(`caches.dataMB must be a number of MB ≥ 0; got ${String(dataMB)}`);
  const apache = { ...defaultServerSettings.apache, ...withoutUndefined(options.apache ?? {}) };
  for (const [name, value] of Object.entries(apache)) checkWhole(`apache.${name}`, value, name === "maintenanceMs" ? 10 : name === "minSpareThreads" ? 0 : 1, 100_000);
  if (apache.minProcesses > apache.maxProcesses) {
    throw new ServerOptionsError(`apache.minProcesses (${apache.minProcesses}) must not exceed apache.maxProcesses (${apache.maxProcesses})`);
  }
  const choosesPolicy = architecture.options.includes("acceptPolicy") && options.acceptPolicy !== undefined;
  const acceptPolicy = choosesPolicy ? options.acceptPolicy! : architecture.acceptPolicies[0];
  if (!architecture.acceptPolicies.includes(acceptPolicy)) {
    throw new ServerOptionsError(`acceptPolicy ${JSON.stringify(acceptPolicy)} does not apply to ${options.arch}; accepted: ${architecture.acceptPolicies.join(", ")}`);
  }
  return {
    arch: options.arch,
    docroot,
    host: options.host ?? defaultServerSettings.host,
    port: options.port ?? defaultServerSettings.port,
    workers: options.workers ?? architecture.defaultWorkers,
    helpers: options.helpers ?? defaultServerSettings.helpers,
    disk: checkDisk(options.disk),
    caches: { path: caches.path ?? true, header: caches.header ?? true, data: caches.data ?? true, dataMB },
    gather: options.gather ?? true,
    timing,
    trace,
    graceMs: options.graceMs ?? defaultServerSettings.graceMs,
    maxConnections: options.maxConnections ?? defaultServerSettings.maxConnections,
    apache,
    acceptPolicy,
    ...(options.cpus === undefined ? {} : { cpus: checkCpuList(options.cpus) }),
  };
}

/**
 * The architecture-specific options in `options` that `arch` does not take (`--helpers` for MP, say).
 * `startServer` ignores them, so that one set of settings can sweep every architecture; the command
 * line reports them, since there a user typed them on purpose.
 */
export function inapplicableOptions(options: ServerOptions): ArchitectureOption[] {
  const applicable = architectures[options.arch].options;
  const given: Record<ArchitectureOption, boolean> = {
    workers: options.workers !== undefined,
    helpers: options.helpers !== undefined,
    apache: Object.values(options.apache ?? {}).some((value) => value !== undefined),
    maxConnections: options.maxConnections !== undefined,
    acceptPolicy: options.acceptPolicy !== undefined,
  };
  return (Object.keys(given) as ArchitectureOption[]).filter((name) => given[name] && !applicable.includes(name));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
