/**
 * The worker-thread entry of the load generator. The main thread starts it with an `EngineConfig` as
 * workerData. The worker posts "ready", waits for "start" (sent once every worker is ready, carrying
 * the common start instant), then posts record blocks (their buffers transferred, not copied),
 * progress, and finally its report. A "stop" message ends the traffic early (in-flight requests still end).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { EngineConfig, EngineReport } from "./engine-config.js";
import { createLoadEngine } from "./engine-thread.js";
import type { LoadEngine } from "./load-engine.js";

/** Messages from a load worker to the main thread. */
export type LoadWorkerMessage =
  | { type: "ready" }
  | { type: "block"; values: Float64Array; count: number }
  | { type: "progress"; completed: number; failed: number }
  | { type: "done"; report: EngineReport }
  | { type: "error"; message: string };

/** Messages from the main thread to a load worker. */
export type LoadWorkerCommand = { type: "start"; startAtEpochMs: number } | { type: "stop" };

if (parentPort === null) throw new Error("load-worker.js runs only as a worker thread");
const port = parentPort;

let engine: LoadEngine | undefined;
let stopRequested = false;

async function runEngine(config: EngineConfig): Promise<void> {
  try {
    engine = createLoadEngine(config, {
      onBlock: (block) => port.postMessage({ type: "block", values: block.values, count: block.count } satisfies LoadWorkerMessage, [block.values.buffer as ArrayBuffer]),
      onProgress: (progress) => port.postMessage({ type: "progress", ...progress } satisfies LoadWorkerMessage),
    });
    const running = engine.run();
    if (stopRequested) engine.stop();
    port.postMessage({ type: "done", report: await running } satisfies LoadWorkerMessage);
  } catch (error) {
    port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies LoadWorkerMessage);
  }
}

port.on("message", (message: LoadWorkerCommand) => {
  if (message.type === "start" && engine === undefined) void runEngine({ ...(workerData as EngineConfig), startAtEpochMs: message.startAtEpochMs });
  else if (message.type === "stop") {
    stopRequested = true;
    engine?.stop();
  }
});
port.postMessage({ type: "ready" } satisfies LoadWorkerMessage);
