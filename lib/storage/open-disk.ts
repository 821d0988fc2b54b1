/**
 * Turning a `DiskHandle` into a `Disk` in any context, and passing handles between processes as text
 * (argv or an environment variable).
 */
import type { Disk, DiskHandle } from "./disk.js";
import { openRealDisk } from "./real-disk.js";
import { openSimulatedDiskClient } from "./sim-disk-client.js";
import { validateSimDiskOptions } from "./sim-options.js";

/**
 * Opens the server's disk in the calling context (main thread, worker thread or child process). For the
 * simulated disk this connects to the disk owner's FIFOs; call `close()` when the context is done. The
 * handle is checked first, so one that came through IPC or JSON gets a clear error if it is malformed.
 */
export function openDisk(given: DiskHandle): Disk {
  const handle = checkDiskHandle(given);
  switch (handle.kind) {
    case "real":
    case "cold":
      return openRealDisk(handle.kind);
    case "sim":
      return openSimulatedDiskClient(handle);
  }
}

/** The handle as one line of JSON, for argv, env or an IPC message. */
export function encodeDiskHandle(handle: DiskHandle): string {
  return JSON.stringify(handle, (_key, value: unknown) => (value === Infinity ? "Infinity" : value));
}

/** Parses and checks a handle made by `encodeDiskHandle`; throws a clear error on anything else. */
export function decodeDiskHandle(text: string): DiskHandle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => (value === "Infinity" ? Infinity : value));
  } catch {
    throw new Error(`not a disk handle (expected the JSON made by encodeDiskHandle): ${text.slice(0, 80)}`);
  }
  return checkDiskHandle(parsed);
}

/** Checks that a value (e.g. from workerData) is a well-formed disk handle and returns it typed. */
export function checkDiskHandle(value: unknown): DiskHandle {
  const candidate = value as Partial<Record<string, unknown>> | null;
  const kind = candidate?.kind;
  if (kind === "real") return { kind };
  if (kind === "cold") {
    const dropped = candidate?.pageCacheDropped === true;
    const reason = typeof candidate?.reason === "string" ? candidate.reason : undefined;
    return reason === undefined ? { kind, pageCacheDropped: dropped } : { kind, pageCacheDropped: dropped, reason };
  }
  if (kind === "sim") {
    const { directory, requestFifo, params } = candidate as Record<string, unknown>;
    if (typeof directory !== "string" || typeof requestFifo !== "string" || typeof params !== "object" || !params) {
      throw new Error("a simulated-disk handle needs directory, requestFifo and params");
    }
    return { kind, directory, requestFifo, params: validateSimDiskOptions(infinityRestored(params)) };
  }
  throw new Error(`unknown disk handle kind ${JSON.stringify(kind)}; accepted: real, cold, sim`);
}

/** Plain JSON (e.g. `child.send` with the default serialization) turns Infinity into null; undo that. */
function infinityRestored(params: object): object {
  const unlimitedWhenNull = ["bandwidthMBps", "parallelism"];
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value === null && unlimitedWhenNull.includes(key) ? Infinity : value]),
  );
}
