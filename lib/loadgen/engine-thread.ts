/**
 * Runs one thread's share of a load run: picks the closed- or open-loop engine for a config. Used by
 * the worker-thread entry (`load-worker.ts`) and, with `threads: 0`, directly on the calling thread.
 */
import { ClosedLoopEngine } from "./closed-loop-engine.js";
import type { EngineConfig } from "./engine-config.js";
import type { EngineSinks, LoadEngine } from "./load-engine.js";
import { OpenLoopEngine } from "./open-loop-engine.js";

/** The engine for `config`'s mode. */
export function createLoadEngine(config: EngineConfig, sinks: EngineSinks): LoadEngine {
  return config.mode === "closed" ? new ClosedLoopEngine(config, sinks) : new OpenLoopEngine(config, sinks);
}
