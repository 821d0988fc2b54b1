/**
 * Turns the options a user gives `startServer` into a complete, checked `ServerConfig`: defaults filled
 * in, every number in range, and the docroot present. A bad option throws `ServerOptionsError`, whose
 * message names the option, what was given and what is accepted.
 */
import { realpathSync, statSync } from "node:fs";
import { parseCpuList } from "../runtime/cpu-list.js";
import { architectureNames, type ArchitectureName, type ServerConfig, type ServerOptions } from "./types.js";

export class ServerOptionsError extends Error {
  override name = "ServerOptionsError";
}

/** Execution contexts each architecture starts with when `workers` is not given. */
export const defaultWorkers: Record<ArchitectureName, number> = { mp: 4, mt: 4, sped: 1, amped: 1, amted: 1, zeus: 2, apache: 1 };

export const defaultServerSettings = {
  host: "127.0.0.1",
  port: 0,
  helpers: 4,
  dataCacheMb: 32,
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

/** Fills in defaults and checks every option. */
export function resolveServerConfig(options: ServerOptions): ServerConfig {
  if (!architectureNames.includes(options.arch)) {
    throw new ServerOptionsError(`unknown architecture ${JSON.stringify(options.arch)}; accepted: ${architectureNames.join(", ")}`);
  }
  const docroot = checkDocroot(options.docroot);
  checkWhole("port", options.port, 0, 65535);
  checkWhole("workers", options.workers, 1, 256);
  checkWhole("helpers", options.helpers, 1, 256);
  checkWhole("graceMs", options.graceMs, 0, 600_000);
  checkWhole("maxConnections", options.maxConnections, 1, 1_000_000);
  const disk = options.disk ?? { kind: "real" };
  if (!["real", "sim", "cold"].includes(disk.kind)) {
    throw new ServerOptionsError(`unknown disk kind ${JSON.stringify(disk.kind)}; accepted: real, sim, cold`);
  }
  const caches = options.caches ?? {};
  const dataMb = caches.dataMb ?? defaultServerSettings.dataCacheMb;
  if (!(dataMb >= 0 && Number.isFinite(dataMb))) throw new ServerOptionsError(`caches.dataMb must be a number of MB ≥ 0; got ${String(dataMb)}`);
  const apache = { ...defaultServerSettings.apache, ...withoutUndefined(options.apache ?? {}) };
  for (const [name, value] of Object.entries(apache)) checkWhole(`apache.${name}`, value, name === "maintenanceMs" ? 10 : name === "minSpareThreads" ? 0 : 1, 100_000);
  if (apache.minProcesses > apache.maxProcesses) {
    throw new ServerOptionsError(`apache.minProcesses (${apache.minProcesses}) must not exceed apache.maxProcesses (${apache.maxProcesses})`);
  }
  return {
    arch: options.arch,
    docroot,
    host: options.host ?? defaultServerSettings.host,
    port: options.port ?? defaultServerSettings.port,
    workers: options.workers ?? defaultWorkers[options.arch],
    helpers: options.helpers ?? defaultServerSettings.helpers,
    disk,
    caches: { path: caches.path ?? true, header: caches.header ?? true, data: caches.data ?? true, dataMb },
    gather: options.gather ?? true,
    timing: options.timing ?? true,
    graceMs: options.graceMs ?? defaultServerSettings.graceMs,
    maxConnections: options.maxConnections ?? defaultServerSettings.maxConnections,
    apache,
    ...(options.cpus === undefined ? {} : { cpus: checkCpuList(options.cpus) }),
  };
}

function checkCpuList(cpus: string): string {
  try {
    parseCpuList(cpus);
  } catch (error) {
    throw new ServerOptionsError(`cpus: ${(error as Error).message}`);
  }
  return cpus.trim();
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
