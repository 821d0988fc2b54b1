/**
 * How many V8 isolates a server-load point's server runs to serve requests: its worker processes or
 * threads (MP, MT, Zeus-like), its event loop and helpers (AMPED, AMTED), Apache-like's threads at the
 * pool's largest, or one event loop (SPED). Each isolate compiles the pipeline's code on its own and runs
 * slower code until it has served a few thousand requests, so a warm-up that brings a server to its
 * steady state grows with its isolates (the models' calibration and validation size theirs so).
 */
import { defaultServerSettings } from "../../servers/options.js";
import { architectureDeclarations, type ArchitectureDeclaration } from "../../servers/declarations.js";
import type { PointSettings } from "../runner/spec.js";

/** The isolates that serve a point's requests, from what its architecture declares it takes. */
export function servingIsolates(settings: PointSettings): number {
  const declaration = declarationOf(settings);
  if (!declaration) return 1;
  const workers = typeof settings.workers === "number" ? settings.workers : settings.workers === "clients" ? Number(settings.clients) : declaration.defaultWorkers;
  const helpers = typeof settings.helpers === "number" ? settings.helpers : defaultServerSettings.helpers;
  // Apache-like's pool at its largest; a loop and its helpers; one isolate per worker; else one loop.
  if (declaration.options.includes("apache")) return defaultServerSettings.apache.maxProcesses * defaultServerSettings.apache.threadsPerProcess;
  if (declaration.options.includes("helpers")) return 1 + helpers;
  if (declaration.options.includes("workers")) return workers;
  return 1;
}

/** A point's architecture's declaration, or undefined for a name that is not one. */
export function declarationOf(settings: PointSettings): ArchitectureDeclaration | undefined {
  const arch = String(settings.arch);
  return arch in architectureDeclarations ? architectureDeclarations[arch as keyof typeof architectureDeclarations] : undefined;
}
