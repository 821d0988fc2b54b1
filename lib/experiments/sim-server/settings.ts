/**
 * The settings of a simulated point: the server-load executor's settings, under the same names and with
 * the same meaning, so that a spec written for real servers runs on the models unchanged (plus the
 * hardware profile, cores and memory of the simulated machine, and the asynchronous-read SPED). A few
 * settings describe the real testbed and have no counterpart in the models (step timing, the load
 * generator's threads, the request timeout); they are accepted and change nothing. The models serve
 * HTTP/1.0 from the simulated disk only: a point asking for keep-alive or a real disk is refused.
 */
import { simArchitectureNames } from "../../sim/server-model/architecture-model.js";
import { builtinHardwareProfiles } from "../../sim/server-model/profiles.js";
import type { SettingDescriptor, SettingsSchema } from "../runner/settings.js";
import { choiceSetting, numberSetting } from "../runner/settings.js";
import type { PointSettings } from "../runner/spec.js";
import { checkServerLoadPoint, serverLoadSettings, type ServerLoadSettings } from "../server-load/settings.js";

/** The typed settings of a simulated point (for spec modules). */
export interface SimServerSettings extends Omit<ServerLoadSettings, "arch" | "diskLatencyMs" | "diskMBps" | "diskParallelism" | "cacheMB"> {
  arch: (typeof simArchitectureNames)[number];
  diskLatencyMs?: number | "profile";
  diskMBps?: number | "profile";
  diskParallelism?: number | "unlimited" | "profile";
  cacheMB?: number | "memory";
  /** A built-in hardware profile's name, or a profile's JSON file. */
  hardware?: string;
  cores?: number;
  memoryMB?: number;
}

const hardwareSetting: SettingDescriptor = {
  description: "the simulated machine: a built-in hardware profile, or a profile's JSON file (flashlab sim calibrate writes one)",
  default: "this-machine",
  accepted: `${builtinHardwareProfiles.join(", ")}, or a path ending in .json`,
  check: (value) =>
    typeof value === "string" && ((builtinHardwareProfiles as readonly string[]).includes(value) || value.endsWith(".json"))
      ? undefined
      : `${JSON.stringify(value)} is not ${builtinHardwareProfiles.join(", ")} or a .json file`,
};

const isSim = (settings: PointSettings): boolean => settings.disk === "sim";
const hasPool = (settings: PointSettings): boolean => ["mp", "mt", "zeus", "apache"].includes(String(settings.arch));

export const simServerSettings: SettingsSchema = {
  ...serverLoadSettings,
  arch: choiceSetting({ description: "the server architecture (sped-async: SPED with io_uring-like reads)", noun: "an architecture", choices: simArchitectureNames, required: true }),
  workers: { ...serverLoadSettings.workers!, appliesTo: hasPool },
  disk: choiceSetting({ description: "the disk: the models simulate it (sim)", noun: "a disk", choices: ["sim", "real", "cold"], default: "sim" }),
  diskLatencyMs: numberSetting({ description: 'simulated disk: latency of one miss, ms; "profile": the hardware profile\'s', min: 0, max: 10_000, words: ["profile"], default: "profile", appliesTo: isSim, appliesWhen: "with disk sim" }),
  diskMBps: numberSetting({ description: 'simulated disk: transfer rate, MB/s; "profile": the hardware profile\'s', min: 0, exclusiveMin: true, max: 1e6, words: ["profile"], default: "profile", appliesTo: isSim, appliesWhen: "with disk sim" }),
  diskParallelism: numberSetting({
    description: 'simulated disk: misses served at once (disk arms); "unlimited" overlaps them all; "profile": the hardware profile\'s',
    min: 1,
    max: 1_000_000,
    integer: true,
    words: ["unlimited", "profile"],
    default: "profile",
    appliesTo: isSim,
    appliesWhen: "with disk sim",
  }),
  cacheMB: numberSetting({ description: 'the buffer cache, MB; "memory": what the server\'s contexts and connections leave of the machine\'s memory', min: 0, max: 1e8, words: ["memory"], default: "memory", appliesTo: isSim, appliesWhen: "with disk sim" }),
  hardware: hardwareSetting,
  cores: numberSetting({ description: "cores the server may use (default: the profile's)", min: 1, max: 4096, integer: true }),
  memoryMB: numberSetting({ description: "the machine's memory, MB (default: the profile's); what the server leaves is the buffer cache unless cacheMB is given", min: 1, max: 1e8 }),
};

/** Problems of one simulated point that involve several settings. */
export function checkSimServerPoint(settings: PointSettings): string[] {
  const problems = checkServerLoadPoint(settings).filter((problem) => !problem.startsWith("expectCached"));
  if (settings.http === "1.1") problems.push("the models serve HTTP/1.0 only (a connection per request); use http 1.0");
  if (settings.disk !== "sim") problems.push(`the models simulate the disk; disk ${String(settings.disk)} has no model (use disk sim)`);
  return problems;
}
