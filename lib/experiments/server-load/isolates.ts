/**
 * How many V8 isolates a server-load point's server runs to serve requests: its worker processes or
 * threads (MP, MT, Zeus-like), its event loop and helpers (AMPED, AMTED), Apache-like's threads at the
 * pool's largest, or one event loop (SPED). Each isolate compiles the pipeline's code on its own and runs
 * slower code until it has served a few thousand requests, so a warm-up that brings a server to its
 * steady state grows with its isolates (the models' calibration and validation size theirs so).
 */
import { defaultServerSettings } from "../../servers/options.js";
import { architectureDeclarations } from "../../servers/declarations.js";
import type { PointSettings } from "../runner/spec.js";

export function servingIsolates(settings: PointSettings): number {
  const arch = String(settings.arch);
  const declared = arch in architectureDeclarations ? architectureDeclarations[arch as keyof typeof architectureDeclarations].defaultWorkers : 1;
  const workers = typeof settings.workers === "number" ? settings.workers : settings.workers === "clients" ? Number(settings.clients) : declared;
  const helpers = typeof settings.helpers === "number" ? settings.helpers : defaultServerSettings.helpers;
  switch (arch) {
    case "mp":
    case "mt":
    case "zeus":
      return workers;
    case "amped":
    case "amted":
      return 1 + helpers;
    case "apache":
      return defaultServerSettings.apache.maxProcesses * defaultServerSettings.apache.threadsPerProcess;
    default:
      return 1;
  }
}
