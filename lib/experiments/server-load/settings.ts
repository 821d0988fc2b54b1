/**
 * The settings of a server-load point: which flashlab server (architecture, pools, Flash's caches,
 * disk), which workload (one file, the NASA trace excerpt, SURGE-like or SPECweb96-like sets) and which
 * client (closed-loop clients, HTTP/1.0 or keep-alive, emulated WAN delay and bandwidth). Each is a
 * factor or a fixed setting of a spec; each has a default that matches the paper's setup where it has one.
 */
import { architectureNames, type ArchitectureName } from "../../servers/types.js";
import { booleanSetting, choiceSetting, numberSetting, type SettingsSchema } from "../runner/settings.js";
import type { PointSettings } from "../runner/spec.js";
import { declarationOf } from "./isolates.js";

/** Workloads a point can serve. */
export const serverLoadWorkloads = ["single", "nasa-excerpt", "surge", "specweb96"] as const;
export type ServerLoadWorkload = (typeof serverLoadWorkloads)[number];

/** Flash's application caches (pathname translation, response header, data) on or off, as Fig. 11 names them. */
export const cachePresets = ["all", "none", "path", "path+data", "path+header", "header", "data", "header+data"] as const;
export type CachePreset = (typeof cachePresets)[number];

/** The typed settings of one server-load point (for spec modules; JSON specs use the same names). */
export interface ServerLoadSettings {
  arch: ArchitectureName;
  /** Processes (mp, zeus), threads (mt), initial processes (apache); "clients": one per client. */
  workers?: number | "clients";
  helpers?: number;
  caches?: CachePreset;
  dataCacheMB?: number;
  gather?: boolean;
  stepTiming?: boolean;
  disk?: "real" | "sim" | "cold";
  diskLatencyMs?: number;
  diskMBps?: number;
  cacheMB?: number;
  diskParallelism?: number | "unlimited";
  workload?: ServerLoadWorkload;
  fileSizeKB?: number;
  datasetMB?: number;
  workloadRequests?: number;
  prime?: boolean;
  expectCached?: boolean;
  clients?: number;
  http?: "1.0" | "1.1";
  thinkMs?: number;
  clientDelayMs?: number;
  clientKbps?: number;
  loadThreads?: number;
  timeoutMs?: number;
}

const isSim = (settings: PointSettings): boolean => settings.disk === "sim";
const hasPool = (settings: PointSettings): boolean => declarationOf(settings)?.options.includes("workers") ?? false;
const hasHelpers = (settings: PointSettings): boolean => declarationOf(settings)?.options.includes("helpers") ?? false;
const cachesData = (settings: PointSettings): boolean => String(settings.caches ?? "all") === "all" || String(settings.caches).includes("data");
const sized = (settings: PointSettings): boolean => settings.workload === "surge" || settings.workload === "specweb96";

export const serverLoadSettings: SettingsSchema = {
  arch: choiceSetting({ description: "the server architecture", noun: "an architecture", choices: architectureNames, required: true }),
  workers: numberSetting({
    description: 'processes (mp, zeus), threads (mt) or initial processes (apache); "clients": one per client',
    min: 1,
    max: 1024,
    integer: true,
    words: ["clients"],
    appliesTo: hasPool,
    appliesWhen: "with arch mp, mt, zeus or apache",
  }),
  helpers: numberSetting({ description: "helper processes (amped) or threads (amted)", min: 1, max: 256, integer: true, appliesTo: hasHelpers, appliesWhen: "with arch amped or amted" }),
  caches: choiceSetting({ description: "Flash's caches that are on: pathname translation, response header, data", noun: "a cache set", choices: cachePresets, default: "all" }),
  dataCacheMB: numberSetting({ description: "the data cache's size per execution context, MB", min: 0, max: 65536, appliesTo: cachesData, appliesWhen: "with the data cache on" }),
  gather: booleanSetting({ description: "header and body in one write (writev)", default: true }),
  stepTiming: booleanSetting({ description: "time every pipeline step (a clock read per step; off, as the paper's servers)", default: false }),
  disk: choiceSetting({ description: "the real file system, the simulated disk, or the real disk with the page cache dropped (root)", noun: "a disk", choices: ["real", "sim", "cold"], default: "real" }),
  diskLatencyMs: numberSetting({ description: "simulated disk: latency of one miss, ms", min: 0, max: 10_000, default: 10, appliesTo: isSim, appliesWhen: "with disk sim" }),
  diskMBps: numberSetting({ description: "simulated disk: transfer rate, MB/s", min: 0, exclusiveMin: true, max: 1e6, default: 20, appliesTo: isSim, appliesWhen: "with disk sim" }),
  cacheMB: numberSetting({ description: "simulated disk: buffer-cache size, MB", min: 0, max: 65536, default: 64, appliesTo: isSim, appliesWhen: "with disk sim" }),
  diskParallelism: numberSetting({
    description: 'simulated disk: misses served at once (disk arms); "unlimited" overlaps them all',
    min: 1,
    max: 1024,
    integer: true,
    words: ["unlimited"],
    default: 1,
    appliesTo: isSim,
    appliesWhen: "with disk sim",
  }),
  workload: choiceSetting({
    description: "what is served: one file, the NASA trace excerpt, a SURGE-like or a SPECweb96-like set",
    noun: "a workload",
    choices: serverLoadWorkloads,
    default: "single",
  }),
  fileSizeKB: numberSetting({ description: "the single file's size, KB (1 KB = 1024 bytes)", min: 0, max: 1_048_576, default: 1, appliesTo: (s) => s.workload === "single", appliesWhen: "with workload single" }),
  datasetMB: numberSetting({ description: "the synthetic set's size, MB", min: 0, exclusiveMin: true, max: 65536, default: 64, appliesTo: sized, appliesWhen: "with workload surge or specweb96" }),
  workloadRequests: numberSetting({ description: "length of the synthetic request stream (the clients cycle through it)", min: 1, max: 10_000_000, integer: true, default: 20_000, appliesTo: sized, appliesWhen: "with workload surge or specweb96" }),
  prime: booleanSetting({ description: "request every file of the workload once before the warm-up, so the data set is in the cache" }),
  expectCached: booleanSetting({ description: "the point is meant to be served from the cache: disk misses in the measured window are flagged" }),
  clients: numberSetting({ description: "closed-loop clients (simultaneous connections)", min: 1, max: 100_000, integer: true, default: 32 }),
  http: choiceSetting({ description: '"1.0": a connection per request (the paper\'s clients); "1.1": keep-alive', noun: "an HTTP version", choices: ["1.0", "1.1"], default: "1.0" }),
  thinkMs: numberSetting({ description: "each client's think time between a response and its next request, ms", min: 0, max: 600_000, default: 0 }),
  clientDelayMs: numberSetting({ description: "added latency per request, ms (emulates a WAN round trip)", min: 0, max: 60_000, default: 0 }),
  clientKbps: numberSetting({ description: "each connection's receive bandwidth, kbit/s (0: unlimited)", min: 0, max: 10_000_000, default: 0 }),
  loadThreads: numberSetting({ description: "worker threads of the load generator", min: 1, max: 64, integer: true, default: 1 }),
  timeoutMs: numberSetting({ description: "a request not completed in this long fails as a timeout, ms", min: 0, exclusiveMin: true, max: 600_000, default: 10_000 }),
};

/** The Flash cache switches of a preset. */
export function cacheSwitches(preset: string): { path: boolean; header: boolean; data: boolean } {
  if (preset === "all") return { path: true, header: true, data: true };
  const parts = preset === "none" ? [] : preset.split("+");
  return { path: parts.includes("path"), header: parts.includes("header"), data: parts.includes("data") };
}

/** Problems of one point that involve several settings. */
export function checkServerLoadPoint(settings: PointSettings): string[] {
  const problems: string[] = [];
  if (settings.expectCached === true && settings.disk !== "sim") {
    problems.push("expectCached needs disk sim: only the simulated disk counts misses");
  }
  if (settings.prime === true && settings.disk === "cold") {
    problems.push("prime fills the cache that disk cold empties; use one or the other");
  }
  return problems;
}
